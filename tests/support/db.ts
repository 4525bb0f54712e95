/**
 * A fresh database per test file, with the real migrations: in-memory PGlite by default, or a new
 * database on TEST_DATABASE_URL's server when the "postgres" project runs (TEST_DB=postgres).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { openPglite, openPostgres, setDatabase, type DatabaseHandle } from "../../db/client";
import { seedDemoAccounts, seedReferenceData } from "../../db/seed";

export interface TestDatabase extends DatabaseHandle {
  url?: string;
}

export async function createTestDatabase(options: { seed?: boolean; demo?: boolean } = {}): Promise<TestDatabase> {
  let handle: TestDatabase;
  if (process.env.TEST_DB === "postgres") {
    const baseUrl = process.env.TEST_DATABASE_URL;
    if (!baseUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
    const name = `hf_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const inner = await openPostgres(url.toString(), { max: 4 });
    handle = {
      ...inner,
      url: url.toString(),
      async close() {
        await inner.close();
        const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  } else {
    handle = await openPglite();
  }
  try {
    await handle.migrate();
    if (options.seed !== false) await seedReferenceData(handle.db);
    if (options.demo !== false && options.seed !== false) await seedDemoAccounts(handle.db);
  } catch (error) {
    await handle.close().catch(() => {}); // no database left behind when setting up fails
    throw error;
  }
  return handle;
}

/** Opens a test database for this file and makes it the process's database. */
export function useTestDatabase(options: { seed?: boolean; demo?: boolean } = {}) {
  const ref: { current: TestDatabase | undefined } = { current: undefined };
  beforeAll(async () => {
    ref.current = await createTestDatabase(options);
    setDatabase(ref.current);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await ref.current?.close();
  });
  return ref;
}
