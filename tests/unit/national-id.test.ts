import { describe, expect, it } from "vitest";
import {
  findNationalIdNumbers,
  isNationalIdNumber,
  maskNationalIdNumbers,
  NATIONAL_ID_MASK,
  nationalIdCheckDigits,
} from "~/models/national-id";

/** A valid number for a birth date (DDMMYY) and an individual number, computed here from the weights. */
function make(ddmmyy: string, individual = 123): string {
  for (let i = individual; i < individual + 200; i++) {
    const nine = ddmmyy + String(i % 1000).padStart(3, "0");
    const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    const digits = [...nine].map(Number);
    let k1 = 11 - (digits.reduce((s, d, j) => s + d * w1[j], 0) % 11);
    if (k1 === 11) k1 = 0;
    if (k1 === 10) continue;
    let k2 = 11 - ([...digits, k1].reduce((s, d, j) => s + d * w2[j], 0) % 11);
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
    expect(text.slice(found[0].index, found[0].index + found[0].length)).toBe(fnr);
    expect(text.slice(found[1].index, found[1].index + found[1].length)).toBe(spaced);
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
