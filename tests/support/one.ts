/**
 * Index access for tests under noUncheckedIndexedAccess: each throws a message that says what was
 * missing instead of a TypeError on undefined a few lines later.
 */

/** The only element of `list` (fails unless there is exactly one). */
export function one<T>(list: readonly T[]): T {
  const [only] = list;
  if (list.length !== 1 || only === undefined) throw new Error(`Expected exactly one element, got ${list.length}`);
  return only;
}

/** The first element of `list` (fails when it is empty). */
export function first<T>(list: readonly T[]): T {
  return at(list, 0);
}

/** `list[i]` (negative counts from the end, as Array#at); fails when there is none. */
export function at<T>(list: readonly T[], i: number): T {
  const value = list.at(i);
  if (value === undefined) throw new Error(`No element at index ${i} (length ${list.length})`);
  return value;
}

/** A value a lookup (find, Map#get, a regex group) must have found. */
export function present<T>(value: T | undefined, what = "value"): T {
  if (value === undefined) throw new Error(`Expected ${what}, got undefined`);
  return value;
}
