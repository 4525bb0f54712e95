/**
 * A throwaway PostgreSQL cluster (initdb/pg_ctl from the installed PostgreSQL) on its own port and
 * folder, fsync on. As root, initdb refuses to run: then it runs as the `postgres` OS user in a
 * temporary folder that user owns.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort } from "./net";

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
export const hasInitdb = () => existsSync(path.join(PG_BIN, "initdb"));

export interface PgCluster {
  dir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url(db?: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<PgCluster> {
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "hf-pg-"));
  const data = path.join(dir, "data");
  let uid: number | undefined;
  let gid: number | undefined;
  if (root) {
    uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[]) =>
    root ? execFileSync("runuser", ["-u", "postgres", "--", path.join(PG_BIN, bin), ...args], { stdio: "pipe" }) : execFileSync(path.join(PG_BIN, bin), args, { stdio: "pipe" });
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const url = (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    dir,
    port,
    url,
    async createDatabase(name: string) {
      const admin = postgres(url(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      return url(name);
    },
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
