/**
 * Migrates and seeds ONCE per test run, for the integration projects: each test file then starts
 * from a copy (tests/support/db.ts) instead of paying for migrations and seeding itself.
 * - PGlite: the data directory of a migrated (and seeded) instance, dumped to a tarball in a
 *   temporary folder; a file's PGlite loads it (`new PGlite({ loadDataDir })`).
 * - PostgreSQL: a template database on TEST_DATABASE_URL's server; a file's database is
 *   `create database … template …`. The templates are dropped when the run ends.
 * One template per variant of createTestDatabase() that files use: reference data only, and
 * reference data with the demo accounts (the second built on the first). A database without seed
 * data (`seed: false`, used by no file today) is migrated in the file, as before.
 */
import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_FOLDER, openPostgres, queryCounter, type DatabaseHandle, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import { seedDemoAccounts, seedReferenceData } from "../../db/seed";

export type TemplateVariant = "reference" | "demo";
/** Per variant: the tarball's path (PGlite) or the template database's name (PostgreSQL). */
type DatabaseTemplates = { kind: "pglite" | "postgres" } & Record<TemplateVariant, string>;

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates | undefined;
  }
}

/** A handle on a PGlite instance, as db/client's openPglite makes it (queries counted for queryCounter). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client, schema, logger: { logQuery: () => void queryCounter.count++ } }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

/** The steps from an empty database to each variant, in order. */
const steps: [TemplateVariant, (handle: DatabaseHandle) => Promise<void>][] = [
  [
    "reference",
    async (handle) => {
      await handle.migrate();
      await seedReferenceData(handle.db);
    },
  ],
  ["demo", (handle) => seedDemoAccounts(handle.db)],
];

async function buildPgliteTemplates(): Promise<{ templates: DatabaseTemplates; remove(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hf-tpl-"));
  const templates = { kind: "pglite" } as DatabaseTemplates;
  const remove = async () => rmSync(dir, { recursive: true, force: true });
  const client = new PGlite();
  try {
    const handle = pgliteHandle(client);
    for (const [variant, step] of steps) {
      await step(handle);
      // A checkpoint first: without it every file's copy replays the migrations' and the seed's
      // write-ahead log when it starts (~0.2 s of CPU per file on this machine, of ~3 s under load).
      await client.exec("checkpoint");
      const file = path.join(dir, `${variant}.tar`);
      // Uncompressed (42 MB, 5 MB gzipped): a file then loads it in ~0.5 s instead of ~0.9 s.
      writeFileSync(file, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
      templates[variant] = file;
    }
  } catch (error) {
    await remove();
    throw error;
  } finally {
    await client.close();
  }
  return { templates, remove };
}

async function buildPostgresTemplates(baseUrl: string): Promise<{ templates: DatabaseTemplates; remove(): Promise<void> }> {
  const run = `hf_tpl_${process.pid}_${randomBytes(3).toString("hex")}`;
  const templates = { kind: "postgres" } as DatabaseTemplates;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const remove = async () => {
    for (const variant of ["demo", "reference"] as const) {
      if (templates[variant]) await admin.unsafe(`drop database if exists ${templates[variant]} with (force)`);
    }
    await admin.end();
  };
  try {
    let previous: string | undefined;
    for (const [variant, step] of steps) {
      const name = `${run}_${variant}`;
      await admin.unsafe(previous ? `create database ${name} template ${previous}` : `create database ${name}`);
      templates[variant] = name;
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      const handle = await openPostgres(url.toString(), { max: 1 });
      try {
        await step(handle);
      } finally {
        await handle.close(); // a template must have no connections when it is copied
      }
      previous = name;
    }
  } catch (error) {
    await remove().catch(() => {});
    throw error;
  }
  return { templates, remove };
}

/** The project's environment (PASSWORD_HASH_COST for the demo accounts) while the templates are built. */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export default async function setup(project: TestProject) {
  const env = project.config.env as Record<string, string>;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const built = await withEnv(env, () => {
    if (env.TEST_DB !== "postgres") return buildPgliteTemplates();
    const baseUrl = process.env.TEST_DATABASE_URL;
    if (!baseUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
    return buildPostgresTemplates(baseUrl);
  });
  if (process.env.TEST_SETUP_LOG) {
    const { user, system } = process.cpuUsage(cpu); // this process's, other projects' setup included
    writeFileSync(process.env.TEST_SETUP_LOG, `${env.TEST_DB} templates ${(performance.now() - started).toFixed(0)} ms, cpu ${((user + system) / 1000).toFixed(0)} ms\n`, {
      flag: "a",
    });
  }
  project.provide("databaseTemplates", built.templates);
  return () => built.remove();
}
