import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };
const env = { NODE_ENV: "test" as const, PASSWORD_HASH_COST: "10", LOG_LEVEL: "warn", TZ: "Europe/Oslo" };
const integration = ["tests/integration/**/*.test.{ts,tsx}"];
// Migrates and seeds once per run; each integration file's database is a copy (tests/support/db.ts).
const globalSetup = ["tests/support/global-setup.ts"];

// `npm test`: unit tests and integration tests on PGlite; with TEST_DATABASE_URL set, the
// integration tests run a second time against that PostgreSQL (a database per test file,
// copied from a template database that is migrated and seeded once).
export default defineConfig({
  resolve: { alias },
  test: {
    // One worker per core. Vitest's default leaves one core to its main thread (1 worker on this
    // 2-core machine), which sits idle here: every file has its own database copy, so files
    // run side by side safely and PGlite's work happens in the workers.
    maxWorkers: availableParallelism(),
    // Worker threads, not child processes: each file still gets a fresh worker (its own modules,
    // process.env and database), in one process (no process start per file; V8 can reuse PGlite's
    // compiled WebAssembly across workers of a process). Six small integration files took about
    // a quarter less CPU than with forks (40 and 45 s against 56 and 60 s, user + system).
    pool: "threads",
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], env, setupFiles: ["tests/support/setup.ts"] } },
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: integration,
          env: { ...env, TEST_DB: "pglite" },
          setupFiles: ["tests/support/setup.ts"],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: integration,
                env: { ...env, TEST_DB: "postgres" },
                setupFiles: ["tests/support/setup.ts"],
                globalSetup,
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
