import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findNationalIdNumbers, isNationalIdNumber, maskNationalIdNumbers, NATIONAL_ID_MASK, nationalIdCheckDigits } from "~/models/national-id";
import { at, first } from "../support/one";

/** A valid number for a birth date (DDMMYY) and an individual number, computed here from the weights. */
function make(ddmmyy: string, individual = 123): string {
  for (let i = individual; i < individual + 200; i++) {
    const nine = ddmmyy + String(i % 1000).padStart(3, "0");
    const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    const digits = [...nine].map(Number);
    let k1 = 11 - (digits.reduce((s, d, j) => s + d * at(w1, j), 0) % 11);
    if (k1 === 11) k1 = 0;
    if (k1 === 10) continue;
    let k2 = 11 - ([...digits, k1].reduce((s, d, j) => s + d * at(w2, j), 0) % 11);
    if (k2 === 11) k2 = 0;
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
  throw new Error("no valid number");
}

describe("national identity numbers", () => {
  const fnr = make("010180");
  const dnr = make("410180"); // D-nummer: first digit + 4
  const hnr = make("154575"); // H-nummer: month + 40

  it("computes the same check digits as the test helper", () => {
    expect(nationalIdCheckDigits(fnr.slice(0, 9))).toBe(fnr.slice(9));
    expect(nationalIdCheckDigits("12345")).toBeNull();
  });

  it("accepts valid fødselsnummer, D-nummer and H-nummer", () => {
    for (const n of [fnr, dnr, hnr, make("290204", 500), make("311299", 900)]) expect(isNationalIdNumber(n), n).toBe(true);
  });

  it("refuses wrong check digits, impossible dates and wrong lengths", () => {
    const wrongK2 = fnr.slice(0, 10) + String((Number(fnr[10]) + 1) % 10);
    const wrongK1 = fnr.slice(0, 9) + String((Number(fnr[9]) + 1) % 10) + fnr[10];
    expect(isNationalIdNumber(wrongK2)).toBe(false);
    expect(isNationalIdNumber(wrongK1)).toBe(false);
    expect(isNationalIdNumber("00000000000")).toBe(false); // day 0
    expect(isNationalIdNumber(make("311380").slice(0, 11))).toBe(false); // month 13 is not a date
    expect(isNationalIdNumber("12345678901")).toBe(false);
    expect(isNationalIdNumber(fnr.slice(0, 10))).toBe(false);
  });

  it("refuses every single-digit change of a valid number (mod 11 catches them)", () => {
    let accepted = 0;
    for (let pos = 0; pos < 11; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === fnr[pos]) continue;
        const changed = fnr.slice(0, pos) + d + fnr.slice(pos + 1);
        if (isNationalIdNumber(changed)) accepted++;
      }
    }
    expect(accepted).toBe(0);
  });

  it("finds numbers in free text, also with a space after the sixth digit", () => {
    const spaced = `${dnr.slice(0, 6)} ${dnr.slice(6)}`;
    const text = `Pasienten (${fnr}) og ${spaced} vart sende heim.`;
    const found = findNationalIdNumbers(text);
    expect(found).toHaveLength(2);
    expect(text.slice(at(found, 0).index, at(found, 0).index + at(found, 0).length)).toBe(fnr);
    expect(text.slice(at(found, 1).index, at(found, 1).index + at(found, 1).length)).toBe(spaced);
  });

  it("ignores digits inside longer runs, phone numbers, dates and invalid numbers", () => {
    expect(findNationalIdNumbers(`1${fnr}`)).toEqual([]);
    expect(findNationalIdNumbers(`${fnr}9`)).toEqual([]);
    expect(findNationalIdNumbers("Tlf. 916 21 147, møte 20.02.2024, sak 30/24, org.nr 974 745 569")).toEqual([]);
    expect(findNationalIdNumbers("12345678901 og 010180 12346")).toEqual([]);
    expect(findNationalIdNumbers("")).toEqual([]);
  });

  it("masks every number and keeps the rest of the text", () => {
    const masked = maskNationalIdNumbers(`A ${fnr} B ${fnr.slice(0, 6)} ${fnr.slice(6)} C`);
    expect(masked).toBe(`A ${NATIONAL_ID_MASK} B ${NATIONAL_ID_MASK} C`);
    expect(masked).not.toContain(fnr.slice(6));
    expect(maskNationalIdNumbers("ingen tal her")).toBe("ingen tal her");
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 11, finding 1: every spelling of a number is found, whatever separators, digits and
// invisible characters it is written with.

/** An independent computation of the check digits (the weights of the standard), or null. */
function checkDigitsOf(nine: string): string | null {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const d = [...nine].map(Number);
  let k1 = 11 - (d.reduce((s, x, j) => s + x * at(w1, j), 0) % 11);
  if (k1 === 11) k1 = 0;
  if (k1 === 10) return null;
  let k2 = 11 - ([...d, k1].reduce((s, x, j) => s + x * at(w2, j), 0) % 11);
  if (k2 === 11) k2 = 0;
  if (k2 === 10) return null;
  return `${k1}${k2}`;
}

/** Zero of some decimal digit systems: ASCII, full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold, Adlam. */
const DIGIT_ZEROS = [0x30, 0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1d7ce, 0x1e950];
/** Separators: spaces of every kind, line breaks, tab, and . - – — _ / ( ). */
const SEPARATORS = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", ".", "-", "\u2013", "\u2014", "_", "/", "(", ")", ". ", " - ", ") ("];
/** Invisible: zero-width space, word joiner, soft hyphen, bidi marks and isolates, BOM, ZWJ. */
const INVISIBLES = ["\u200b", "\u2060", "\u00ad", "\u200e", "\u200f", "\u202e", "\u2066", "\u2069", "\ufeff", "\u200d"];

const VALID = "01019010046"; // the example

describe("national identity numbers in every spelling (issue 11, finding 1)", () => {
  it("the issue's example is a valid number", () => {
    expect(isNationalIdNumber(VALID)).toBe(true);
  });

  const spellings: [string, string][] = [
    ["plain", "01019010046"],
    ["6+5 with a space", "010190 10046"],
    ["6+5 with a no-break space", "010190\u00a010046"],
    ["hyphen", "010190-10046"],
    ["en dash", "010190\u201310046"],
    ["em dash", "010190\u201410046"],
    ["dotted date", "01.01.90 10046"],
    ["dotted date and hyphen", "01.01.90-10046"],
    ["two spaces", "010190  10046"],
    ["grouped digits", "01 01 90 100 46"],
    ["4+7", "0101 9010046"],
    ["tab", "010190\t10046"],
    ["newline", "010190\n10046"],
    ["CRLF", "010190\r\n10046"],
    ["slash", "010190/10046"],
    ["underscore", "010190_10046"],
    ["parentheses", "(010190) 10046"],
    ["thin space", "010190\u200910046"],
    ["narrow no-break space", "010190\u202f10046"],
    ["ideographic space", "010190\u300010046"],
    ["zero-width space", "010190\u200b10046"],
    ["word joiner", "010190\u206010046"],
    ["soft hyphen", "010190\u00ad10046"],
    ["bidi controls", "\u202e010190\u2066 10046\u2069"],
    ["full-width digits", "０１０１９０１００４６"],
    ["full-width digits with a space", "０１０１９０ １００４６"],
    ["Arabic-Indic digits", "٠١٠١٩٠١٠٠٤٦"],
    ["Extended Arabic-Indic digits", "۰۱۰۱۹۰-۱۰۰۴۶"],
    ["Devanagari digits", "०१०१९० १००४६"],
    ["mixed digit systems", "0１٠1९0 10046"],
    ["mathematical digits", "\u{1d7ce}\u{1d7cf}\u{1d7ce}\u{1d7cf}\u{1d7d7}\u{1d7ce}\u{1d7cf}\u{1d7ce}\u{1d7ce}\u{1d7d2}\u{1d7d4}"],
  ];
  for (const [name, spelled] of spellings) {
    it(`finds and masks it spelled with ${name}`, () => {
      for (const text of [spelled, `Pasienten ${spelled} vart sendt heim.`, `Tittel: ${spelled}`]) {
        const found = findNationalIdNumbers(text);
        expect(found, JSON.stringify(text)).toHaveLength(1);
        const masked = maskNationalIdNumbers(text);
        expect(masked).toContain(NATIONAL_ID_MASK);
        expect(findNationalIdNumbers(masked)).toEqual([]);
      }
    });
  }

  it("keeps the rest of the original text when masking", () => {
    expect(maskNationalIdNumbers("Sjå 01.01.90 10046, takk")).toBe(`Sjå ${NATIONAL_ID_MASK}, takk`);
    expect(maskNationalIdNumbers("A ０１０１９０ １００４６ B")).toBe(`A ${NATIONAL_ID_MASK} B`);
    expect(maskNationalIdNumbers("(010190) 10046")).toBe(`(${NATIONAL_ID_MASK}`);
  });

  it("does not split a longer digit run, and does not join across words or long gaps", () => {
    expect(findNationalIdNumbers("1010190-10046")).toEqual([]);
    expect(findNationalIdNumbers("010190-100461")).toEqual([]);
    expect(findNationalIdNumbers("010190 og 10046")).toEqual([]);
    expect(findNationalIdNumbers("010190,10046")).toEqual([]);
    expect(findNationalIdNumbers("010190      10046")).toEqual([]);
    // A number next to other numbers in the same chain is still found.
    expect(findNationalIdNumbers("Tlf 91621147 01019010046")).toHaveLength(1);
    expect(findNationalIdNumbers("2024 - 01 01 90 100 46")).toHaveLength(1);
  });

  it("handles long inputs in one pass (100 000 characters of digits and separators)", () => {
    expect(findNationalIdNumbers("1 2-3.".repeat(20_000))).toEqual([]); // 12312312312: no date
    expect(findNationalIdNumbers("9".repeat(100_000))).toEqual([]);
    expect(findNationalIdNumbers(`${"x ".repeat(50_000)}010190-10046`)).toHaveLength(1);
  });

  const validNumber = fc
    .record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      year: fc.integer({ min: 0, max: 99 }),
      individual: fc.integer({ min: 0, max: 999 }),
      kind: fc.constantFrom("fødselsnummer", "D-nummer", "H-nummer"),
    })
    .map(({ day, month, year, individual, kind }) => {
      const dd = kind === "D-nummer" ? day + 40 : day;
      const mm = kind === "H-nummer" ? month + 40 : month;
      const nine = [dd, mm, year].map((n) => String(n).padStart(2, "0")).join("") + String(individual).padStart(3, "0");
      const check = checkDigitsOf(nine);
      return check ? nine + check : null;
    })
    .filter((n): n is string => n !== null);

  /** The digits in random spellings: random cuts with random separators, random digit systems, invisible characters anywhere. */
  const spelled = (digits: fc.Arbitrary<string>) =>
    fc
      .tuple(
        digits,
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 10, maxLength: 10 }),
        fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 11, maxLength: 11 }),
        fc.array(fc.option(fc.constantFrom(...INVISIBLES), { freq: 3 }), { minLength: 11, maxLength: 11 }),
      )
      .map(([n, cuts, seps, zeros, invisibles]) => {
        let out = "";
        for (let i = 0; i < 11; i++) {
          out += String.fromCodePoint(at(zeros, i) + Number(n[i])) + (invisibles[i] ?? "");
          if (i < 10 && cuts[i]) out += seps[i];
        }
        return { n, out };
      });

  it("finds random valid numbers (fødselsnummer, D- and H-nummer) in random spellings", () => {
    fc.assert(
      fc.property(spelled(validNumber), fc.constantFrom("", "Sak om ", "(", "tlf. 22 33 44 55 / "), fc.constantFrom("", " i Molde.", ")", "\n"), ({ out }, before, after) => {
        const text = before + out + after;
        const found = findNationalIdNumbers(text);
        expect(found.length, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
        expect(findNationalIdNumbers(maskNationalIdNumbers(text))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not flag random 11-digit strings that fail mod-11, in any spelling", () => {
    const invalid = fc
      .tuple(fc.stringMatching(/^\d{9}$/), fc.stringMatching(/^\d{2}$/))
      .filter(([nine, two]) => checkDigitsOf(nine) !== two)
      .map(([nine, two]) => nine + two);
    fc.assert(
      fc.property(spelled(invalid), ({ out }) => {
        expect(findNationalIdNumbers(`Tekst ${out} slutt`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not flag ordinary text: dates, phone numbers, organisation numbers, amounts, case numbers", () => {
    const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, "0"));
    const token = fc.oneof(
      fc.tuple(two(1, 31), two(1, 12), fc.integer({ min: 1990, max: 2040 })).map(([d, m, y]) => `${d}.${m}.${y}`),
      fc.tuple(fc.integer({ min: 1990, max: 2040 }), two(1, 12), two(1, 31)).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc
        .tuple(fc.stringMatching(/^[2-9]\d{7}$/), fc.integer({ min: 0, max: 3 }))
        .map(([p, style]) => [p, `${p.slice(0, 3)} ${p.slice(3, 5)} ${p.slice(5)}`, `${p.slice(0, 2)} ${p.slice(2, 4)} ${p.slice(4, 6)} ${p.slice(6)}`, `+47 ${p}`][style]),
      fc.stringMatching(/^[89]\d{8}$/).map((o) => `${o.slice(0, 3)} ${o.slice(3, 6)} ${o.slice(6)}`),
      fc.integer({ min: 0, max: 99_999_999 }).map((n) => `kr ${n.toLocaleString("nb-NO")},-`),
      fc.integer({ min: 0, max: 9_999_999 }).map((n) => `${n} kroner`),
      fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 10, max: 40 })).map(([s, y]) => `sak ${s}/${y}`),
      fc.constantFrom("kl. 09.00–11.30", "HFMR-2024-0012", "Delavtale 2, punkt 4", "rom 3.014"),
    );
    const word = fc.constantFrom(" og ", ", ", " i ", ". Møte ", " frå ", "; ");
    fc.assert(
      fc.property(fc.array(fc.tuple(token, word), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.map(([t, w]) => t + w).join("");
        expect(findNationalIdNumbers(text), text).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("national identity numbers: chains of digit groups", () => {
  it("finds a number after long groups and long chains, and never across a group longer than 11 digits", () => {
    const chain = "1 2 3 4 5 6 7 8 9 1 2 3 4 5";
    expect(findNationalIdNumbers(`${chain} og 010190-10046`)).toHaveLength(1);
    expect(findNationalIdNumbers(`${"9".repeat(30)} 010190-10046`)).toHaveLength(1);
    expect(findNationalIdNumbers(`010190-10046 ${"9".repeat(30)}`)).toHaveLength(1);
    expect(findNationalIdNumbers(`${chain} ${"9".repeat(30)} 01 01 90 100 46 ${"9".repeat(12)}`)).toHaveLength(1);
    // Positions map back to the original text, whatever came before.
    const text = `${chain}, ${"7".repeat(20)}: ０１０１９０ １００４６!`;
    const m = first(findNationalIdNumbers(text));
    expect(text.slice(m.index, m.index + m.length)).toBe("０１０１９０ １００４６");
  });
});
