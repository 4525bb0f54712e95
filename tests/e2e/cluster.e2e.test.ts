/**
 * WEB_CONCURRENCY=2: one port, two processes (node:cluster) on one PostgreSQL. A process that dies
 * is replaced; SIGTERM to the primary ends every process and exits 0; PGlite refuses to be shared.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase, startApp, waitFor, type AppServer } from "./support";
import { at } from "../support/one";

let database: Awaited<ReturnType<typeof createThrowawayDatabase>> = null;
let app: AppServer;

const workersOf = (pid: number): number[] => {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map(Number)
      .filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = (what: string, test: () => boolean | Promise<boolean>, timeoutMs = 30_000) => waitFor(what, test, { timeoutMs, everyMs: 100 });

beforeAll(async () => {
  database = await createThrowawayDatabase("hf_cluster");
  if (!database) return;
  app = await startApp({ DATABASE_URL: database.url, WEB_CONCURRENCY: "2", SESSION_SECRET: randomBytes(32).toString("hex") });
  await until("both processes", () => app.logs.join("").includes('"cluster_ready"'));
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe("WEB_CONCURRENCY=2", () => {
  it("serves from two processes and replaces one that dies", async (ctx) => {
    if (!database) return ctx.skip("PostgreSQL not reachable (see warning above)");
    const before = workersOf(app.pid);
    expect(before).toHaveLength(2);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.url}/om`).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);

    process.kill(at(before, 0), "SIGKILL");
    await until("a replacement process", () => {
      const now = workersOf(app.pid);
      return now.length === 2 && !now.includes(at(before, 0));
    });
    await until("the primary to log it", () => app.logs.join("").includes('"worker_exit"'));
    await until("the replacement to listen", async () => (await fetch(`${app.url}/helse`).catch(() => null))?.ok === true);
    const again = await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.url}/om`).then((r) => r.status)));
    expect(again.every((s) => s === 200)).toBe(true);
  });

  it("ends every process on SIGTERM to the primary and exits 0", async (ctx) => {
    if (!database) return ctx.skip("PostgreSQL not reachable (see warning above)");
    const workers = workersOf(app.pid);
    expect(workers).toHaveLength(2);
    app.signal("SIGTERM");
    expect(await app.exited()).toBe(0);
    await until("the workers to end", () => workers.every((w) => !alive(w)), 15_000);
  });

  it("refuses WEB_CONCURRENCY > 1 on the embedded PGlite (one process owns its files)", async () => {
    await expect(startApp({ WEB_CONCURRENCY: "2" })).rejects.toThrow(/needs DATABASE_URL/);
  });
});
