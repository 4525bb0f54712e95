/**
 * Database ids (PostgreSQL `integer`/`serial`) from untrusted text. Any number outside 1..2^31-1
 * would make the query fail (integer overflow: a 500) instead of finding nothing, so every id and
 * version that comes from a URL or a form goes through these (issue 11, finding 13).
 */
export const MAX_INT4 = 2_147_483_647;

/** True for a whole number a PostgreSQL integer column can hold and an id can be (≥ 1). */
export function isId(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_INT4;
}

/** "42" → 42; anything else (signs, spaces, decimals, exponents, overflow, leading zeros) → null. */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const n = Number(raw);
  return isId(n) ? n : null;
}

/**
 * A party number as the parties table keys them: a municipality's four digits or the trust's
 * letters. Anything else (NUL and other control characters make PostgreSQL refuse the query)
 * is refused before a query sees it.
 */
export const PARTY_NUMBER = /^[0-9A-Za-z]{1,10}$/;

/** A UUID (the id of a case or a user) in its text form; anything else is no id of ours. */
export const isUuid = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
