/**
 * Typed raw SQL (issue 12): each part of queryParts carries a zod row schema, parsed where the rows
 * leave the database. A renamed column fails here at run time, and where the rows are used in the
 * type check (the @ts-expect-error lines below fail `tsc` if the column type goes loose).
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db, queryCounter, queryParts, QueryPartShapeError, rowsOf } from "../../db/client";
import { useTestDatabase } from "../support/db";
import { at } from "../support/one";

useTestDatabase();

describe(`queryParts (${process.env.TEST_DB})`, () => {
  it("answers every part in one statement, each row parsed by its schema", async () => {
    queryCounter.count = 0;
    const parts = await queryParts({
      numbers: { row: z.object({ n: z.number().int(), day: z.string() }), sql: sql`select g as n, '2024-01-0' || g as day from generate_series(1, 3) g` },
      empty: { row: z.object({ id: z.number() }), sql: sql`select 1 as id where false` },
    });
    expect(queryCounter.count).toBe(1);
    expect(parts.numbers.map((r) => r.n).sort()).toEqual([1, 2, 3]);
    expect(parts.empty).toEqual([]);
    // @ts-expect-error a column the schema does not name is not on the row type
    expect(parts.numbers[0].m).toBeUndefined();
  });

  it("fails on a renamed or retyped column, naming the part and the path but no value", async () => {
    const renamed = queryParts({ parties: { row: z.object({ party_number: z.string() }), sql: sql`select number as party_no from parties` } });
    await expect(renamed).rejects.toBeInstanceOf(QueryPartShapeError);
    await expect(renamed).rejects.toThrow(/part "parties".*0\.party_number: invalid_type/);
    const retyped = queryParts({ parties: { row: z.object({ number: z.number() }), sql: sql`select number from parties` } });
    await expect(retyped).rejects.toThrow(QueryPartShapeError);
    await expect(retyped).rejects.not.toThrow(/1506/);
  });

  it("parses the rows of a raw statement with a schema (rowsOf)", async () => {
    const rows = rowsOf(await db().execute(sql`select count(*)::int as n from parties`), z.object({ n: z.number().int() }));
    expect(at(rows, 0).n).toBeGreaterThan(0);
    expect(() => rowsOf(rows, z.object({ count: z.number() }))).toThrow(QueryPartShapeError);
  });
});
