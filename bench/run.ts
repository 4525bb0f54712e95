/**
 * `npm run bench`: builds the production server, fills a database with a large history
 * (bench/generate.ts), starts the server against PostgreSQL and then the embedded PGlite, and
 * drives it with autocannon on loopback, bounded in time. Prints requests/s, p50/p95/p99 latency,
 * errors and the ratio to the trivial route (/om) measured in the same run; then the data-scale
 * curve and the JavaScript each route ships. Writes the same as JSON to bench/results/.
 *
 * Options: --duration 10 (s per target), --connections 10, --scales 1,10,100 (curve, PostgreSQL),
 * --db both|postgres|pglite, --processes 1 (WEB_CONCURRENCY of the PostgreSQL runs), --no-build. PostgreSQL: BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres (a database hf_bench_* is created and dropped).
 */
import autocannon from "autocannon";
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import postgres from "postgres";
import { openPglite, openPostgres } from "../db/client";
import { seedReferenceData } from "../db/seed";
import { BENCH_USER, generateHistory, type GenerateResult } from "./generate";
import { at } from "../tests/support/one";

const ROOT = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const DURATION = Number(opt("duration", "10"));
const CONNECTIONS = Number(opt("connections", "10"));
const SCALES = opt("scales", "1,10,100").split(",").filter(Boolean).map(Number); // --scales "" skips the curve
const DBS = opt("db", "both");
const PROCESSES = Math.max(1, Number(opt("processes", "1")) || 1);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface TargetResult {
  target: string;
  requestsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Responses per HTTP status (a submission answers 303 to its receipt). */
  statuses?: Record<string, number>;
  ratioToTrivial?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const processes = env.DATABASE_URL ? PROCESSES : 1; // PGlite is one process
  const child: ChildProcess = spawn(process.execPath, ["build/server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_REQUESTS: "0",
      LOG_LEVEL: "info",
      DEMO_MODE: "1",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      TRUST_PROXY: "loopback",
      WEB_CONCURRENCY: String(processes),
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode != null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/helse`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // With several processes, measure once all of them listen.
  for (let i = 0; processes > 1 && !out.includes('"cluster_ready"') && i < 300; i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode != null ? r(null) : child.once("exit", r)));
    },
  };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return at(sorted, Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length)));
}

async function measure(
  target: string,
  url: string,
  options: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: () => { body: string; headers: Record<string, string> }; duration?: number } = {},
): Promise<TargetResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.duration ?? DURATION,
    method: options.method ?? "GET",
    headers: options.headers,
    requests: options.body
      ? [
          {
            setupRequest: (req) => {
              const b = options.body!();
              return { ...req, method: "POST", body: b.body, headers: { ...req.headers, ...options.headers, ...b.headers } };
            },
          } as autocannon.Request,
        ]
      : undefined,
  });
  const statuses: Record<string, number> = {};
  (instance as unknown as { on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }).on(
    "response",
    (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    },
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    target,
    requestsPerSec: Math.round(result.requests.average * 10) / 10,
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p95: Math.round(percentile(latencies, 95) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/logg-inn`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email: BENCH_USER.email, password: BENCH_USER.password, redirectTo: "/" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`bench sign-in failed: ${res.status}`);
  return cookie;
}

/** Reads the public form's hidden fields (idempotency key, anti-bot timestamp) once. */
async function formTemplate(url: string): Promise<Record<string, string>> {
  const html = await (await fetch(`${url}/saker/ny`)).text();
  const hidden: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (name) hidden[name] = value.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  }
  return hidden;
}

function submissionBody(hidden: Record<string, string>, sent: Set<string>) {
  let n = 0;
  return () => {
    const key = randomUUID();
    n++;
    sent.add(key);
    const fields: Record<string, string> = {
      ...hidden,
      idempotencyKey: key,
      title: `Benchmark-innsending ${n}`,
      submitterName: "Benchmark",
      submitterEmail: "bench@example.invalid",
      submitterDate: "2025-01-15",
      background: "Benchmark: grunngjeving med referanse til samarbeidsavtalen punkt 4.",
      urgency: "normal",
    };
    const boundary = `----bench${key.replace(/-/g, "")}`;
    const body =
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join("") + `--${boundary}--\r\n`;
    // A different client address per request (trusted from loopback), as many citizens would be.
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    return { body, headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "X-Forwarded-For": ip } };
  };
}

async function preparePostgres(scale: number): Promise<{ url: string; drop: () => Promise<void>; generated: GenerateResult }> {
  const name = `hf_bench_${Date.now()}`;
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  const handle = await openPostgres(u.toString(), { max: 2 });
  await handle.migrate();
  await seedReferenceData(handle.db);
  const generated = await generateHistory(handle.db, scale);
  await handle.close();
  return {
    url: u.toString(),
    generated,
    drop: async () => {
      const a = postgres(BASE_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function preparePglite(scale: number): Promise<{ dir: string; generated: GenerateResult }> {
  const dir = mkdtempSync(path.join(tmpdir(), "hf-bench-"));
  const handle = await openPglite(path.join(dir, "pglite"));
  await handle.migrate();
  await seedReferenceData(handle.db);
  const generated = await generateHistory(handle.db, scale);
  await handle.close();
  return { dir, generated };
}

async function runTargets(url: string, label: string, dbUrl?: string) {
  const cookie = await signIn(url);
  const results: TargetResult[] = [];
  // Warm up every page first (JIT, statement caches, connection pool), so that the trivial route,
  // measured first, is not measured cold.
  const pages = [
    ["/om", false],
    ["/dashbord", false],
    ["/dashbord/1506", false],
    ["/sekretariat", true],
    ["/saker?q=rehabilitering", false],
    ["/kunnskap/melde-sak", false],
  ] as const;
  for (const [p, auth] of pages) await measure("warm-up", `${url}${p}`, { headers: auth ? { Cookie: cookie } : {}, duration: 2 });
  const trivial = await measure("/om (trivial)", `${url}/om`);
  results.push(trivial);
  for (const [target, path, auth] of [
    ["/dashbord", "/dashbord", false],
    ["/dashbord/1506", "/dashbord/1506", false],
    ["/sekretariat", "/sekretariat", true],
    ["/saker?q=rehabilitering", "/saker?q=rehabilitering", false],
    ["/kunnskap/melde-sak", "/kunnskap/melde-sak", false],
  ] as const) {
    results.push(await measure(target, `${url}${path}`, { headers: auth ? { Cookie: cookie } : {} }));
  }
  const sent = new Set<string>();
  const hidden = await formTemplate(url);
  // The form's anti-bot check wants a few seconds between rendering and posting.
  await new Promise((r) => setTimeout(r, 3500));
  const sub = await measure("POST /saker/ny", `${url}/saker/ny`, { method: "POST", body: submissionBody(hidden, sent) });
  results.push(sub);
  for (const r of results) r.ratioToTrivial = Math.round((r.requestsPerSec / trivial.requestsPerSec) * 100) / 100;
  let stored: number | undefined;
  if (dbUrl) {
    const c = postgres(dbUrl, { max: 1 });
    const rows = await c`select count(*)::int n, count(distinct idempotency_key)::int d from cases where title like 'Benchmark-innsending %'`;
    stored = at(rows, 0).n;
    await c.end();
    (sub as TargetResult & { stored?: number; distinct?: number; attempted?: number }).stored = at(rows, 0).n;
    (sub as TargetResult & { distinct?: number }).distinct = at(rows, 0).d;
  }
  (sub as TargetResult & { attempted?: number }).attempted = sent.size;
  console.log(`\n${label}`);
  console.table(results.map(({ statuses: _s, ...r }) => ({ ...r })));
  const answered = Object.values(sub.statuses ?? {}).reduce((a, b) => a + b, 0);
  console.log(
    `submissions: ${sent.size} sent, ${answered} answered (${Object.entries(sub.statuses ?? {})
      .map(([k, v]) => `${v} × ${k}`)
      .join(", ")}), ` + `${stored ?? "?"} stored with distinct keys, ${sub.errors} errors; sent but unanswered = cut off by the end of the run`,
  );
  return results;
}

function pageWeight() {
  const dir = path.join(ROOT, "public/build");
  const manifestFile = readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) return [];
  const text = readFileSync(path.join(dir, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { id: string; path?: string; parentId?: string; module: string; imports?: string[] }>;
  };
  const size = (href: string) => gzipSync(readFileSync(path.join(ROOT, "public", href))).length;
  const chain = (id: string): string[] => {
    const r = manifest.routes[id];
    return r ? [...(r.parentId ? chain(r.parentId) : []), r.module, ...(r.imports ?? [])] : [];
  };
  return Object.values(manifest.routes)
    .filter((r) => r.id !== "root")
    .map((r) => {
      const files = new Set([manifest.entry.module, ...(manifest.entry.imports ?? []), ...chain(r.id)]);
      const gz = [...files].reduce((sum, f) => sum + size(f), 0);
      return { route: r.id, kbGzip: Math.round(gz / 102.4) / 10 };
    })
    .sort((a, b) => b.kbGzip - a.kbGzip);
}

async function main() {
  if (!args.includes("--no-build")) execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    processes: PROCESSES,
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
  };

  if (DBS === "both" || DBS === "postgres") {
    const db = await preparePostgres(1);
    console.log("PostgreSQL history (scale 1):", db.generated);
    const server = await startServer({ DATABASE_URL: db.url });
    report.postgres = { generated: db.generated, targets: await runTargets(server.url, `PostgreSQL, scale 1, ${PROCESSES} process(es)`, db.url) };
    await server.stop();
    await db.drop();

    const curve: Record<string, unknown>[] = [];
    for (const scale of SCALES) {
      const d = await preparePostgres(scale);
      const s = await startServer({ DATABASE_URL: d.url });
      const cookie = await signIn(s.url);
      const row: Record<string, unknown> = { scale, cases: d.generated.cases, rounds: d.generated.rounds, answers: d.generated.answers };
      for (const [name, p, auth] of [
        ["/dashbord", "/dashbord", false],
        ["/dashbord/1506", "/dashbord/1506", false],
        ["/sekretariat", "/sekretariat", true],
      ] as const) {
        await measure("warm-up", `${s.url}${p}`, { headers: auth ? { Cookie: cookie } : {}, duration: 2 });
        const r = await measure(name, `${s.url}${p}`, { headers: auth ? { Cookie: cookie } : {}, duration: Math.max(3, Math.round(DURATION / 2)) });
        row[`${name} p50 ms`] = r.p50;
        row[`${name} req/s`] = r.requestsPerSec;
      }
      curve.push(row);
      await s.stop();
      await d.drop();
    }
    console.log("\nData-scale curve (PostgreSQL)");
    console.table(curve);
    report.curve = curve;
  }

  if (DBS === "both" || DBS === "pglite") {
    const db = await preparePglite(1);
    console.log("PGlite history (scale 1):", db.generated);
    const server = await startServer({ DATABASE_URL: "", DATA_DIR: path.join(db.dir, "pglite") });
    report.pglite = { generated: db.generated, targets: await runTargets(server.url, "PGlite (embedded), scale 1") };
    await server.stop();
    rmSync(db.dir, { recursive: true, force: true });
  }

  const weight = pageWeight();
  console.log("\nJavaScript per route (entry + root + route chunks, gzip)");
  console.table(weight);
  report.pageWeight = weight;

  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  const file = path.join(ROOT, "bench/results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nwritten ${path.relative(ROOT, file)}`);
}

await main();
