/**
 * The row a query is bound to give (an insert/update … returning of one row, an aggregate, a row
 * held by a foreign key): a missing one is a bug, not "not found", so these throw a plain Error
 * that names what was missing. Lookups that can miss handle undefined themselves.
 */
export function requireRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  assertRow(row, what);
  return row;
}

/** The same for a row already taken out (`const [row] = await … .returning()`). */
export function assertRow<T>(row: T | undefined, what: string): asserts row is T {
  if (row === undefined) throw new Error(`Internal error: expected a ${what} row, got none`);
}
