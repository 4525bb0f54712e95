/**
 * The database client: PGlite (embedded, persisted under ./data/) when no DATABASE_URL is set,
 * postgres.js against a real server otherwise. Same schema, migrations and queries for both
 * (docs/decisions/002-embedded-database.md).
 */
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import postgres, { type Sql } from "postgres";
import { z } from "zod";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /** Runs pending migrations; several instances starting at once take turns (advisory lock). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Counts SQL statements; tests use it to prove a page needs a constant number of queries. */
export const queryCounter = { count: 0 };
const countingLogger: Logger = {
  logQuery() {
    queryCounter.count++;
  },
};

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");
const MIGRATION_LOCK_KEY = 727_2017;

export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema, logger: countingLogger }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    // PGlite is single-connection and in-process: no other instance can race us.
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

/**
 * drizzle runs every query through postgres.js `unsafe()` unprepared, and postgres.js then asks
 * the server for the parameter types first: two round trips per query with parameters. Prepared
 * (named, kept per connection, re-prepared by postgres.js if the schema changes), the second run
 * of the same SQL text is one round trip. Also inside transactions (`begin` hands out its own).
 */
function alwaysPrepared(client: Sql): Sql {
  const unsafe = client.unsafe.bind(client);
  const patched: Partial<Sql> = {
    unsafe: ((query: string, params?: unknown[], options?: { prepare?: boolean }) => unsafe(query, params as never[], { ...options, prepare: true })) as Sql["unsafe"],
  };
  if (typeof client.begin === "function") {
    // A transaction's own client has no `begin`: only the pool's is wrapped.
    const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
    patched.begin = ((...args: unknown[]) => {
      const fn = args.pop() as (tx: Sql) => unknown;
      return begin(...args, (tx: Sql) => fn(alwaysPrepared(tx)));
    }) as unknown as Sql["begin"];
  }
  return Object.assign(client, patched);
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const client = alwaysPrepared(
    postgres(url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: "helsefellesskap" },
    }),
  );
  const db = drizzlePostgres({ client, schema, logger: countingLogger }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: lockClient }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
        await lockClient.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

// One handle per process, kept on globalThis so that it survives dev rebuilds.
const holder = globalThis as unknown as { __hfDb?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined) {
  holder.__hfDb = handle;
}

export function databaseHandle(): DatabaseHandle {
  if (!holder.__hfDb) throw new Error("The database is not open yet (startup has not run).");
  return holder.__hfDb;
}

/** The drizzle database of this process. */
export function db(): Db {
  return databaseHandle().db;
}

/**
 * Rows of a raw `db.execute(sql…)` result, whichever driver ran it. With a row schema, each row is
 * parsed (a renamed column fails here, not downstream); without, the caller's type is trusted.
 */
export function rowsOf<Row extends z.ZodTypeAny>(result: unknown, row: Row): z.output<Row>[];
export function rowsOf<T>(result: unknown): T[];
export function rowsOf(result: unknown, row?: z.ZodTypeAny): unknown[] {
  const rows: unknown[] = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  if (!row) return rows;
  const parsed = z.array(row).safeParse(rows);
  if (!parsed.success)
    throw new QueryPartShapeError(
      "rows",
      parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path, code: i.code })),
    );
  return parsed.data;
}

/**
 * One statement that answers several queries in one round trip: a column per name holding the
 * query's rows as a JSON array (row order is not promised: sort in code where it matters).
 */
export function jsonParts(parts: Record<string, SQL>): SQL {
  return sql`select ${sql.join(
    Object.entries(parts).map(([name, q]) => sql`(select coalesce(json_agg(x), '[]'::json) from (${q}) x) as ${sql.identifier(name)}`),
    sql`, `,
  )}`;
}

/** One part of `queryParts`: its statement and the zod schema of one of its rows (as JSON gives it). */
export type QueryPart<Row extends z.ZodTypeAny = z.ZodTypeAny> = { sql: SQL; row: Row };
/** The rows of each part, typed by the part's row schema. */
export type PartRows<P extends Record<string, QueryPart>> = { [K in keyof P]: z.output<P[K]["row"]>[] };

/** A part whose rows do not match its schema (a renamed or retyped column): names the part and the paths, never a value. */
export class QueryPartShapeError extends Error {
  constructor(
    readonly part: string,
    readonly issues: { path: (string | number)[]; code: string }[],
  ) {
    super(`queryParts: the rows of part "${part}" do not match its row schema (${issues.map((i) => `${i.path.join(".") || "(row)"}: ${i.code}`).join("; ")})`);
    this.name = "QueryPartShapeError";
  }
}

/**
 * Runs `jsonParts` and hands back each part's rows, parsed at the boundary with the part's row
 * schema (both drivers parse json; a string is parsed here): a column renamed in the SQL or the
 * schema fails here (and in the type check where the rows are used), not somewhere downstream.
 */
export async function queryParts<P extends Record<string, QueryPart>>(parts: P): Promise<PartRows<P>> {
  const statements = Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.sql]));
  const [row] = rowsOf<Record<string, unknown>>(await db().execute(jsonParts(statements)));
  const out: Record<string, unknown[]> = {};
  for (const [name, part] of Object.entries(parts)) {
    const value = row?.[name];
    const parsed = z.array(part.row).safeParse(typeof value === "string" ? JSON.parse(value) : value);
    if (!parsed.success)
      throw new QueryPartShapeError(
        name,
        parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path, code: i.code })),
      );
    out[name] = parsed.data;
  }
  return out as PartRows<P>;
}

const dialect = new PgDialect();

/**
 * Runs the statements in one transaction and returns their results. On PostgreSQL, BEGIN, the
 * statements and COMMIT are sent at once on one connection (pipelined): the server runs them back
 * to back, so no lock taken by a statement waits for this busy process before it is released by
 * the commit. A failing statement aborts the transaction; the COMMIT then only ends it (ROLLBACK)
 * and the statement's error is thrown. PGlite runs them in an ordinary transaction.
 */
export async function transactionAtOnce(statements: SQL[]): Promise<unknown[]> {
  const handle = databaseHandle();
  if (handle.kind !== "postgres") {
    return handle.db.transaction(async (tx) => {
      const results: unknown[] = [];
      for (const statement of statements) results.push(await tx.execute(statement));
      return results;
    });
  }
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const connection = await client.reserve();
  try {
    const settled = await Promise.allSettled([
      connection.unsafe("begin"),
      ...statements.map((statement) => {
        const query = dialect.sqlToQuery(statement);
        // Prepared (named, kept per connection): from the second run on, postgres.js sends it
        // without first asking the server for its parameter types, so nothing waits in between.
        return connection.unsafe(query.sql, query.params as never[], { prepare: true });
      }),
      connection.unsafe("commit"),
    ]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    const values = settled.map((r) => (r as PromiseFulfilledResult<{ command?: string }>).value);
    if (values.at(-1)?.command !== "COMMIT") throw new Error("transaction_not_committed");
    return values.slice(1, -1);
  } finally {
    connection.release();
  }
}
