/**
 * Guard against patient person data in free text: finds Norwegian national identity numbers
 * (fødselsnummer, D-nummer, and the H-nummer the health services use) by their mod-11 check
 * digits. Cases are about services, never about a patient, so a text with such a number is refused.
 * Pure and shared by server and browser (the form hints as you type). Never log what it finds.
 */

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i] * weights[i];
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
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  if (day > 40) day -= 40; // D-nummer
  if (month > 40) month -= 40; // H-nummer
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  return nationalIdCheckDigits(value.slice(0, 9)) === value.slice(9);
}

export interface NationalIdMatch {
  /** Index of the first digit in the text. */
  index: number;
  /** Length of the match in the text (11, or 12 with a space after the sixth digit). */
  length: number;
}

// 11 digits, or 6 + (space | no-break space) + 5, not part of a longer run of digits.
const CANDIDATE = /(?<!\d)(\d{6})[ \u00a0]?(\d{5})(?!\d)/g;

/** Every national identity number in the text (positions only: callers must not keep the digits). */
export function findNationalIdNumbers(text: string): NationalIdMatch[] {
  const found: NationalIdMatch[] = [];
  if (!text) return found;
  for (const m of text.matchAll(CANDIDATE)) {
    if (isNationalIdNumber(m[1] + m[2])) found.push({ index: m.index ?? 0, length: m[0].length });
  }
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
    out += text.slice(at, m.index) + NATIONAL_ID_MASK;
    at = m.index + m.length;
  }
  return out + text.slice(at);
}
