/**
 * Backup and restore (docs/security.md, docs/operations).
 *
 *   npm run db:backup [-- <file>]     default ./backups/<timestamp>.dump (PostgreSQL) or .tar.gz (PGlite)
 *   npm run db:restore -- <file>
 *
 * With DATABASE_URL: pg_dump -Fc / pg_restore --clean --if-exists --single-transaction (the
 * PostgreSQL client tools on PATH, or PG_BIN). Without it: the embedded PGlite under DATA_DIR,
 * dumped with PGlite's dumpDataDir() (a gzipped tarball of the data folder) and restored by
 * starting PGlite with `loadDataDir` into a fresh DATA_DIR; the old folder is kept beside it as
 * <DATA_DIR>.before-restore-<timestamp>. Stop the app before a PGlite backup or restore: PGlite is
 * a single-process database.
 */
import { PGlite } from "@electric-sql/pglite";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const timestamp = () => new Date().toISOString().replace(/[:.]/g, "-");

function pgTool(name: "pg_dump" | "pg_restore"): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  try {
    execFileSync(name, ["--version"], { stdio: "ignore" });
    return name;
  } catch {
    return path.join("/usr/lib/postgresql/15/bin", name);
  }
}

export function defaultBackupFile(kind: "postgres" | "pglite", dir = "backups") {
  return path.join(dir, `${timestamp()}.${kind === "postgres" ? "dump" : "tar.gz"}`);
}

export function backupPostgres(databaseUrl: string, file: string) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  execFileSync(pgTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", "--file", file, "--dbname", databaseUrl], { stdio: ["ignore", "inherit", "inherit"] });
  return file;
}

export function restorePostgres(databaseUrl: string, file: string) {
  if (!existsSync(file)) throw new Error(`No backup file ${file}`);
  execFileSync(pgTool("pg_restore"), ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", databaseUrl, file], {
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export async function backupPglite(dataDir: string, file: string) {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`No PGlite database in ${dataDir}`);
  const db = new PGlite(dataDir);
  try {
    await db.waitReady;
    const dump = await db.dumpDataDir("gzip");
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  return file;
}

/** Restores into a fresh `dataDir`; an existing folder is moved aside first. Returns where it went. */
export async function restorePglite(dataDir: string, file: string): Promise<string | null> {
  if (!existsSync(file)) throw new Error(`No backup file ${file}`);
  let movedTo: string | null = null;
  if (existsSync(dataDir)) {
    movedTo = `${dataDir.replace(/\/$/, "")}.before-restore-${timestamp()}`;
    renameSync(dataDir, movedTo);
  }
  mkdirSync(dataDir, { recursive: true });
  const blob = new Blob([readFileSync(file)], { type: file.endsWith(".gz") ? "application/x-gzip" : "application/x-tar" });
  const db = new PGlite(dataDir, { loadDataDir: blob });
  try {
    await db.waitReady;
    await db.query("select 1");
  } finally {
    await db.close();
  }
  return movedTo;
}

async function main(argv: string[]) {
  const [command, fileArg] = argv;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR || "./data/pglite";
  const kind = databaseUrl ? "postgres" : "pglite";
  if (command === "backup") {
    const file = fileArg ?? defaultBackupFile(kind);
    if (databaseUrl) backupPostgres(databaseUrl, file);
    else await backupPglite(dataDir, file);
    process.stdout.write(JSON.stringify({ event: "backup_written", database: kind, file }) + "\n");
  } else if (command === "restore") {
    if (!fileArg) throw new Error("Usage: npm run db:restore -- <file>");
    if (databaseUrl) restorePostgres(databaseUrl, fileArg);
    else {
      const movedTo = await restorePglite(dataDir, fileArg);
      if (movedTo) process.stdout.write(JSON.stringify({ event: "previous_data_kept", dir: movedTo }) + "\n");
    }
    process.stdout.write(JSON.stringify({ event: "restore_complete", database: kind, file: fileArg }) + "\n");
  } else {
    throw new Error("Usage: tsx db/backup.ts backup [file] | restore <file>");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
