/**
 * Backup and restore round trips through the npm scripts (db/backup.ts): the embedded PGlite
 * (dumpDataDir tarball → loadDataDir) and PostgreSQL (pg_dump -Fc → pg_restore --clean) give back
 * identical row counts and checksums in every table, after the data was changed in between.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, rowsOf, setDatabase, type DatabaseHandle } from "../../db/client";
import { seedDemoAccounts, seedReferenceData } from "../../db/seed";
import { hasInitdb, startCluster, type PgCluster } from "../support/pg-cluster";
import { caseValues } from "../support/submissions";
import { first } from "../support/one";

const ROOT = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "hf-backup-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function npmRun(script: "db:backup" | "db:restore", file: string, env: Record<string, string>) {
  const { stdout } = await exec("npm", ["run", "--silent", script, "--", file], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 10 * 1024 * 1024 });
  return stdout;
}

type Sums = Record<string, { rows: number; md5: string }>;

/** Row count and md5 of all rows (as text, in a fixed order) for every table. */
async function checksums(handle: DatabaseHandle): Promise<Sums> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await handle.db.execute(
      sql`select table_schema as schema, table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
    ),
  );
  const sums: Sums = {};
  for (const t of tables) {
    const ident = sql.raw(`"${t.schema}"."${t.name}"`);
    const row = first(
      rowsOf<{ rows: number; md5: string }>(
        await handle.db.execute(sql`select count(*)::int as rows, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as md5 from ${ident} t`),
      ),
    );
    sums[`${t.schema}.${t.name}`] = { rows: Number(row.rows), md5: row.md5 };
  }
  return sums;
}

async function fill(handle: DatabaseHandle) {
  await handle.migrate();
  await seedReferenceData(handle.db);
  await seedDemoAccounts(handle.db);
  setDatabase(handle);
  try {
    const { PUBLIC_SUBMITTER, submitCase } = await import("../../app/models/submissions.server");
    for (let i = 0; i < 12; i++) {
      await submitCase(PUBLIC_SUBMITTER, {
        values: caseValues({
          title: `Sak ${i} – æøå`,
          submitterName: "Kari",
          submitterEmail: `kari${i}@example.no`,
          background: `Tekst ${i}\n"sitat", komma; og \\ skråstrek`,
          partyNumber: "1506",
        }),
        idempotencyKey: crypto.randomUUID(),
        attachments: [{ filename: `v${i}.pdf`, contentType: "application/pdf", bytes: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(1000 + i, i)]) }],
        lang: "nn",
      });
    }
  } finally {
    setDatabase(undefined);
  }
}

async function mutate(handle: DatabaseHandle) {
  await handle.db.execute(sql`delete from case_attachments where ctid in (select ctid from case_attachments limit 3)`);
  await handle.db.execute(sql`update cases set title = title || ' (endra)'`);
  await handle.db.execute(sql`delete from outbox`);
}

function report(label: string, sums: Sums, file: string) {
  const tables = Object.keys(sums).length;
  const rows = Object.values(sums).reduce((s, t) => s + t.rows, 0);
  console.log(`backup ${label}: ${tables} tables, ${rows} rows, identical counts and md5 checksums after restore (${(statSync(file).size / 1024).toFixed(0)} KiB backup)`);
}

describe("backup and restore", () => {
  it("round-trips the embedded PGlite database (dumpDataDir / loadDataDir)", async () => {
    const dataDir = path.join(tmp, "pglite");
    const file = path.join(tmp, "pglite-backup.tar.gz");
    let handle = await openPglite(dataDir);
    await fill(handle);
    const before = await checksums(handle);
    await handle.close();
    expect(before["public.cases"]?.rows).toBe(12);

    const out = await npmRun("db:backup", file, { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(out).toContain("backup_written");

    handle = await openPglite(dataDir);
    await mutate(handle);
    expect(await checksums(handle)).not.toEqual(before);
    await handle.close();

    const restored = await npmRun("db:restore", file, { DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(restored).toContain("restore_complete");
    expect(restored).toContain("previous_data_kept");
    handle = await openPglite(dataDir);
    const after = await checksums(handle);
    await handle.close();
    expect(after).toEqual(before);
    report("PGlite", after, file);
  }, 180_000);

  describe.skipIf(!hasInitdb())("PostgreSQL", () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startCluster();
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
    });

    it("round-trips PostgreSQL (pg_dump -Fc / pg_restore --clean)", async () => {
      const url = await cluster.createDatabase("hf_backup");
      const file = path.join(tmp, "postgres-backup.dump");
      let handle = await openPostgres(url, { max: 2 });
      await fill(handle);
      const before = await checksums(handle);
      expect(before["public.cases"]?.rows).toBe(12);
      await handle.close();

      expect(await npmRun("db:backup", file, { DATABASE_URL: url })).toContain("backup_written");

      handle = await openPostgres(url, { max: 2 });
      await mutate(handle);
      expect(await checksums(handle)).not.toEqual(before);
      await handle.close();

      expect(await npmRun("db:restore", file, { DATABASE_URL: url })).toContain("restore_complete");
      handle = await openPostgres(url, { max: 2 });
      const after = await checksums(handle);
      // The audit trail is still append-only after a restore.
      await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      await handle.close();
      expect(after).toEqual(before);
      report("PostgreSQL", after, file);
    }, 180_000);
  });
});
