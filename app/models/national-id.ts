/**
 * Guard against patient person data in free text: finds Norwegian national identity numbers
 * (fødselsnummer, D-nummer, and the H-nummer the health services use) by their mod-11 check
 * digits. Cases are about services, never about a patient, so a text with such a number is refused.
 * Pure and shared by server and browser (the form hints as you type). Never log what it finds.
 *
 * How a number is found, whatever its spelling (issue 11, finding 1):
 * 1. Every character of the text is classified after NFKC: a decimal digit of any script
 *    (\p{Nd}: ASCII, full-width, Arabic-Indic, Devanagari …) counts as its value; invisible
 *    characters (format characters such as zero-width space, word joiner, soft hyphen and bidi
 *    controls, combining marks, other default-ignorable code points) are skipped; spaces of every
 *    kind and `. - – — _ / ( ) [ ]` are separators; anything else ends a run.
 * 2. Digit groups (maximal runs of digits) that follow each other with a short run of separators
 *    between them (at most MAX_SEPARATOR_RUN characters) form a chain. Every stretch of whole
 *    consecutive groups in a chain with 11 digits in all is a candidate: `010190-10046`,
 *    `01.01.90 10046`, `01 01 90 100 46`. A group is never split, so 11 digits inside a longer
 *    digit run are not a candidate.
 * 3. A candidate is a number when its date is plausible (D-nummer: day + 40, H-nummer: month + 40)
 *    and both mod-11 check digits match.
 * One pass over the text, and per chain a two-pointer walk over its groups: linear time.
 */

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** a[i] where the scan only reads what it wrote: a read past the end is a bug, so it throws (never a silent 0). */
function get(a: readonly number[], i: number): number {
  const v = a[i];
  if (v === undefined) throw new Error(`national-id: index ${i} out of range`);
  return v;
}

function checkDigit(digits: number[], weights: number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += get(digits, i) * get(weights, i);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  if (k === 10) return null; // no valid number has this
  return k;
}

/** Both check digits for the first nine digits, or null when none exist. */
export function nationalIdCheckDigits(nine: string): string | null {
  if (!/^\d{9}$/.test(nine)) return null;
  const d = [...nine].map(Number);
  const k1 = checkDigit(d, W1);
  if (k1 === null) return null;
  const k2 = checkDigit([...d, k1], W2);
  if (k2 === null) return null;
  return `${k1}${k2}`;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the 11 digits are a plausible fødselsnummer, D-nummer (day + 40) or H-nummer (month + 40). */
export function isNationalIdNumber(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  return isValidAt([...value].map(Number), 0);
}

/** The same check on 11 digit values from `at` in an array (no strings: the scan calls it often). */
function isValidAt(d: number[], at: number): boolean {
  let day = get(d, at) * 10 + get(d, at + 1);
  let month = get(d, at + 2) * 10 + get(d, at + 3);
  if (day > 40) day -= 40; // D-nummer
  if (month > 40) month -= 40; // H-nummer
  if (month < 1 || month > 12 || day < 1 || day > get(DAYS_IN_MONTH, month - 1)) return false;
  let sum1 = 0;
  for (let i = 0; i < 9; i++) sum1 += get(d, at + i) * get(W1, i);
  let k1 = 11 - (sum1 % 11);
  if (k1 === 11) k1 = 0;
  if (k1 === 10 || k1 !== get(d, at + 9)) return false;
  let sum2 = 0;
  for (let i = 0; i < 10; i++) sum2 += get(d, at + i) * get(W2, i);
  let k2 = 11 - (sum2 % 11);
  if (k2 === 11) k2 = 0;
  return k2 !== 10 && k2 === get(d, at + 10);
}

export interface NationalIdMatch {
  /** Index (UTF-16) of the first digit in the original text. */
  index: number;
  /** Length in the original text, from the first digit to the end of the last one. */
  length: number;
}

/** The longest run of separator characters (after invisible ones are dropped) inside a number. */
export const MAX_SEPARATOR_RUN = 4;

/** Characters that are not seen: format characters (Cf: ZWSP, ZWJ, word joiner, soft hyphen, bidi controls …), marks, default-ignorables. */
export const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}]/u;
/** Separators people put between the digits of a number: spaces of every kind, line breaks, and `. - – — _ / ( ) [ ]`. */
const SEPARATOR = /[\p{Zs}\t\n\v\f\r\u0085\u2028\u2029.\p{Pd}\u2212_/\u2044\u2215()[\]]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;

/** A character's kind: 0–9 its digit value, SEP a separator, SKIP invisible, OTHER anything else. */
const SEP = -1;
const SKIP = -2;
const OTHER = -3;

/** The value of a decimal digit of any script: Unicode encodes them in runs of ten, 0 to 9. */
function digitValue(cp: number): number {
  let start = cp;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

const kindCache = new Map<number, number[]>();

/**
 * The kinds of what NFKC makes of one code point (usually one kind; "⑴" is "(1)", three).
 * ASCII has a fast path; the rest is cached (the alphabet of a text is small).
 */
function kindsOf(cp: number): number[] {
  if (cp < 0x80) return ASCII_KINDS[cp] ?? OTHER_KIND;
  let kinds = kindCache.get(cp);
  if (kinds) return kinds;
  const char = String.fromCodePoint(cp);
  if (INVISIBLE.test(char)) kinds = SKIP_KIND;
  else {
    kinds = [];
    for (const c of char.normalize("NFKC")) {
      const n = c.codePointAt(0)!;
      if (DECIMAL_DIGIT.test(c)) kinds.push(n >= 0x30 && n <= 0x39 ? n - 0x30 : digitValue(n));
      else if (SEPARATOR.test(c)) kinds.push(SEP);
      else if (INVISIBLE.test(c)) kinds.push(SKIP);
      else kinds.push(OTHER);
    }
  }
  if (kindCache.size < 10_000) kindCache.set(cp, kinds);
  return kinds;
}
const SEP_KIND = [SEP];
const SKIP_KIND = [SKIP];
const OTHER_KIND = [OTHER];
/** ASCII by table: digits, separators, other control characters are invisible, the rest ends a run. */
const ASCII_KINDS = Array.from({ length: 0x80 }, (_, cp) => {
  if (cp >= 0x30 && cp <= 0x39) return [cp - 0x30];
  if (SEPARATOR.test(String.fromCharCode(cp))) return SEP_KIND;
  return cp < 0x20 || cp === 0x7f ? SKIP_KIND : OTHER_KIND;
});

/** Every national identity number in the text (positions only: callers must not keep the digits). */
export function findNationalIdNumbers(text: string): NationalIdMatch[] {
  const found: NationalIdMatch[] = [];
  if (!text) return found;
  // The current chain: its digit values, and per group where its digits begin among them and its
  // span in the original text. The window of whole groups [from, last] holds `count` digits.
  const digits: number[] = [];
  const at: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let groups = 0;
  let from = 0;
  let count = 0;
  let inGroup = false;
  let separators = 0; // separator characters since the last digit
  const closeGroup = () => {
    inGroup = false;
    const last = groups - 1;
    count += digits.length - get(at, last);
    // Drop groups from the front until at most 11 digits are left (possibly none: a group longer
    // than 11 digits is never part of a number).
    while (count > 11) {
      count -= (from < last ? get(at, from + 1) : digits.length) - get(at, from);
      from++;
    }
    if (count === 11 && isValidAt(digits, get(at, from))) found.push({ index: get(start, from), length: get(end, last) - get(start, from) });
  };
  const closeChain = () => {
    if (inGroup) closeGroup();
    digits.length = 0;
    groups = from = count = 0;
  };
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const kinds = kindsOf(cp);
    for (const kind of kinds) {
      if (kind >= 0) {
        if (!inGroup) {
          if (separators > MAX_SEPARATOR_RUN) closeChain();
          at[groups] = digits.length;
          start[groups] = i;
          groups++;
          inGroup = true;
        }
        digits.push(kind);
        end[groups - 1] = i + width;
        separators = 0;
      } else if (kind === SEP) {
        if (inGroup) closeGroup();
        separators++;
      } else if (kind === OTHER) {
        closeChain();
        separators = 0;
      }
      // SKIP: invisible, as if it were not there.
    }
    i += width;
  }
  closeChain();
  return found;
}

export const NATIONAL_ID_MASK = "***********";

/** The text with every national identity number replaced by asterisks. */
export function maskNationalIdNumbers(text: string): string {
  const matches = findNationalIdNumbers(text);
  if (matches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of matches) {
    if (m.index < at) {
      // Overlaps the previous match (two numbers sharing groups): extend the masked stretch.
      at = Math.max(at, m.index + m.length);
      continue;
    }
    out += text.slice(at, m.index) + NATIONAL_ID_MASK;
    at = m.index + m.length;
  }
  return out + text.slice(at);
}
