/**
 * A fresh database per test file, with the real migrations: in-memory PGlite by default, or a new
 * database on TEST_DATABASE_URL's server when the "postgres" project runs (TEST_DB=postgres).
 * Migrating and seeding happen once per run (tests/support/global-setup.ts): a file's database is
 * a copy of the template for its variant. Without a template (a config with no global setup, or
 * `seed: false`), the database is migrated and seeded here.
 */
import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { openPglite, openPostgres, setDatabase, type DatabaseHandle } from "../../db/client";
import { seedDemoAccounts, seedReferenceData } from "../../db/seed";
import { pgliteHandle, type TemplateVariant } from "./global-setup";

export interface TestDatabase extends DatabaseHandle {
  url?: string;
}

type Options = { seed?: boolean; demo?: boolean };

/** The template a variant is copied from; none for a database without seed data (migrated here). */
function variantOf(options: Options): TemplateVariant | undefined {
  if (options.seed === false) return undefined;
  return options.demo === false ? "reference" : "demo";
}

/** A new, empty database on TEST_DATABASE_URL's server (or a copy of `template`), dropped on close. */
async function openPostgresTestDatabase(template?: string): Promise<TestDatabase> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
  const name = `hf_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const inner = await openPostgres(url.toString(), { max: 4 });
  return {
    ...inner,
    url: url.toString(),
    async close() {
      await inner.close();
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function createTestDatabase(options: Options = {}): Promise<TestDatabase> {
  const postgresProject = process.env.TEST_DB === "postgres";
  const templates = inject("databaseTemplates");
  const variant = variantOf(options);
  if (templates && variant && templates.kind === (postgresProject ? "postgres" : "pglite")) {
    const template = templates[variant];
    if (postgresProject) return openPostgresTestDatabase(template);
    const client = new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
    await client.waitReady;
    return pgliteHandle(client);
  }
  const handle = postgresProject ? await openPostgresTestDatabase() : await openPglite();
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
export function useTestDatabase(options: Options = {}) {
  const ref: { current: TestDatabase | undefined } = { current: undefined };
  beforeAll(async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    ref.current = await createTestDatabase(options);
    setDatabase(ref.current);
    // TEST_SETUP_LOG=<file>: what a file's database cost, wall and CPU (PGlite runs in this process).
    if (process.env.TEST_SETUP_LOG) {
      const { user, system } = process.cpuUsage(cpu);
      appendFileSync(process.env.TEST_SETUP_LOG, `${process.env.TEST_DB} file ${(performance.now() - started).toFixed(0)} ms, cpu ${((user + system) / 1000).toFixed(0)} ms\n`);
    }
  });
  afterAll(async () => {
    setDatabase(undefined);
    await ref.current?.close();
  });
  return ref;
}
