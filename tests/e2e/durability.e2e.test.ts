/**
 * Durability and concurrency on a throwaway PostgreSQL cluster (fsync on):
 * - submissions are sent to the built server over HTTP, the server is killed with SIGKILL while
 *   they are in flight, restarted, and every submission that got a receipt is in the database
 *   exactly once; no case is half-written (receipt mail in the outbox, attachment complete, audit
 *   row); the ones that got no answer are sent again with the same idempotency key and land once;
 * - 1,000 concurrent submissions through the model give exactly 1,000 cases with distinct
 *   references; the same idempotency key sent twice gives one case and the same receipt.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, setDatabase, type DatabaseHandle } from "../../db/client";
import { hasInitdb, PG_BIN, startCluster, type PgCluster } from "../support/pg-cluster";
import { freePort } from "../support/net";
import { spawnServer } from "./support";
import { caseValues } from "../support/submissions";
import { at, first, present } from "../support/one";

const available = hasInitdb();
if (!available) console.log(`durability: skipped, ${path.join(PG_BIN, "initdb")} is not installed`);

/** One secret for every restart, so that sessions survive them. */
const SECRET = randomBytes(32).toString("hex");

type Server = Awaited<ReturnType<typeof spawnServer>>;

function startServer(databaseUrl: string, port: number): Promise<Server> {
  return spawnServer(
    {
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: SECRET,
      SMTP_URL: "",
      LOG_REQUESTS: "0",
      RATE_LIMIT_PUBLIC_FORM: "1000000",
      FORM_MIN_FILL_SECONDS: "0",
    },
    port,
  );
}

const PDF = new TextEncoder().encode("%PDF-1.4\n" + "1 0 obj << /Type /Catalog >> endobj\n".repeat(200) + "%%EOF\n");

function caseForm(key: string, n: number) {
  const form = new FormData();
  const fields: Record<string, string> = {
    idempotencyKey: key,
    title: `Varig sak ${n}`,
    submitterName: "Kari Melder",
    submitterEmail: `kari.${n}@example.no`,
    submitterDate: "2024-02-20",
    background: `Bakgrunn for sak ${n}. `.repeat(20),
    urgency: "normal",
    nettside: "",
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("attachments", new File([PDF], `vedlegg-${n}.pdf`, { type: "application/pdf" }));
  return form;
}

/** The reference in the signed receipt cookie ("<base64 JSON>.<signature>"). */
function referenceFrom(res: Response): string | null {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("hf_case_receipt="));
  if (!cookie) return null;
  const value = decodeURIComponent(first(cookie.split(";")).slice("hf_case_receipt=".length));
  const payload = value.slice(0, value.lastIndexOf("."));
  return (JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as { reference: string }).reference;
}

async function submit(url: string, key: string, n: number): Promise<{ key: string; n: number; status: number | "no answer"; reference: string | null }> {
  try {
    const res = await fetch(`${url}/saker/ny`, { method: "POST", redirect: "manual", body: caseForm(key, n), headers: { Origin: url } });
    await res.arrayBuffer().catch(() => undefined);
    return { key, n, status: res.status, reference: res.status >= 200 && res.status < 400 ? referenceFrom(res) : null };
  } catch {
    return { key, n, status: "no answer", reference: null };
  }
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

describe.skipIf(!available)("durability and concurrency on a throwaway PostgreSQL cluster", () => {
  let cluster: PgCluster;
  let sql: postgres.Sql;
  let databaseUrl: string;
  beforeAll(async () => {
    cluster = await startCluster();
    databaseUrl = await cluster.createDatabase("hf_durability");
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await cluster?.stop();
  });

  it("keeps every submission that got a receipt across a SIGKILL, exactly once and never half-written", async () => {
    const port = await freePort();
    let server = await startServer(databaseUrl, port);
    const total = 240;
    const keys = Array.from({ length: total }, () => crypto.randomUUID());
    let answered = 0;
    let killedAt = -1;
    const results = await pool(total, 16, async (i) => {
      const r = await submit(server.url, at(keys, i), i);
      answered++;
      if (answered === 80 && killedAt < 0) {
        killedAt = answered;
        server.child.kill("SIGKILL");
      }
      return r;
    });
    await new Promise((r) => (server.child.exitCode != null || server.child.signalCode != null ? r(null) : server.child.once("exit", r)));
    expect(server.child.signalCode).toBe("SIGKILL");
    const receipts = results.filter((r) => r.status === 303 && r.reference);
    const lost = results.filter((r) => r.status === "no answer");
    expect(receipts.length).toBeGreaterThanOrEqual(80);
    expect(lost.length).toBeGreaterThan(0);

    server = await startServer(databaseUrl, port);
    try {
      // Every receipt is in the database exactly once, under its key and reference.
      const rows = await sql<{ idempotency_key: string; reference: string; id: string }[]>`select idempotency_key, reference, id from cases`;
      const byKey = new Map<string, { reference: string; id: string }[]>();
      for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r]);
      for (const r of receipts) {
        expect(byKey.get(r.key)?.length, r.key).toBe(1);
        expect(first(present(byKey.get(r.key), r.key)).reference).toBe(r.reference);
      }
      // Nothing half-written: every case has its receipt mail, its complete attachment and its audit row.
      const check = first(
        await sql<{ cases: number; without_mail: number; bad_attachments: number; without_audit: number }[]>`
        select
          (select count(*)::int from cases) as cases,
          (select count(*)::int from cases c where not exists (select 1 from outbox o where o.dedupe_key = 'case_receipt:' || c.id)) as without_mail,
          (select count(*)::int from cases c where (select count(*) from case_attachments a where a.case_id = c.id and a.size = ${PDF.byteLength} and octet_length(a.data) = ${PDF.byteLength}) <> 1) as bad_attachments,
          (select count(*)::int from cases c where not exists (select 1 from audit_log l where l.entity_id = c.id::text and l.action = 'case.submitted')) as without_audit`,
      );
      expect(check).toMatchObject({ without_mail: 0, bad_attachments: 0, without_audit: 0 });
      const inDbWithoutReceipt = check.cases - receipts.length;

      // The submitters who got no answer send again with the same key: each lands exactly once.
      const retried = await pool(lost.length, 16, (i) => submit(server.url, at(lost, i).key, at(lost, i).n));
      expect(retried.every((r) => r.status === 303 && r.reference)).toBe(true);
      const unanswered = results.filter((r) => r.status !== 303);
      const retriedAll = await pool(unanswered.length, 16, (i) => submit(server.url, at(unanswered, i).key, at(unanswered, i).n));
      expect(retriedAll.every((r) => r.status === 303)).toBe(true);
      const after = first(
        await sql<
          { cases: number; keys: number; refs: number }[]
        >`select count(*)::int as cases, count(distinct idempotency_key)::int as keys, count(distinct reference)::int as refs from cases`,
      );
      expect(after).toEqual({ cases: total, keys: total, refs: total });
      console.log(
        `durability: ${total} submissions, SIGKILL after ${killedAt} answers; ${receipts.length} receipts all found exactly once, ` +
          `${inDbWithoutReceipt} committed without an answer, ${lost.length} unanswered resent with the same key → ${after.cases} cases, 0 half-written`,
      );
    } finally {
      server.child.kill("SIGTERM");
      await new Promise((r) => (server.child.exitCode != null ? r(null) : server.child.once("exit", r)));
    }
  }, 300_000);

  it("gives exactly 1,000 cases with distinct references for 1,000 concurrent submissions, and one case for a key sent twice", async () => {
    const url = await cluster.createDatabase("hf_concurrency");
    const handle: DatabaseHandle = await openPostgres(url, { max: 20 });
    await handle.migrate();
    setDatabase(handle);
    try {
      const { PUBLIC_SUBMITTER, submitCase } = await import("../../app/models/submissions.server");
      const values = (n: number) => caseValues({ title: `Samtidig sak ${n}`, submitterEmail: `kari.${n}@example.no` });
      const started = Date.now();
      const results = await pool(1000, 50, (i) => submitCase(PUBLIC_SUBMITTER, { values: values(i), idempotencyKey: crypto.randomUUID(), attachments: [], lang: "nn" }));
      const seconds = (Date.now() - started) / 1000;
      const refs = new Set(results.map((r) => r.reference));
      expect(refs.size).toBe(1000);
      expect(results.every((r) => r.created)).toBe(true);
      const db = postgres(url, { max: 1, onnotice: () => {} });
      const { n, seqs } = first(await db<{ n: number; seqs: number }[]>`select count(*)::int as n, count(distinct (year, seq))::int as seqs from cases`);
      expect(n).toBe(1000);
      expect(seqs).toBe(1000);

      // The same key twice, at the same time: one case, the same receipt (reference).
      const key = crypto.randomUUID();
      const [a, b] = await Promise.all([
        submitCase(PUBLIC_SUBMITTER, { values: values(5000), idempotencyKey: key, attachments: [], lang: "nn" }),
        submitCase(PUBLIC_SUBMITTER, { values: values(5000), idempotencyKey: key, attachments: [], lang: "nn" }),
      ]);
      expect(a.reference).toBe(b.reference);
      expect(a.caseId).toBe(b.caseId);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      const { same } = first(await db<{ same: number }[]>`select count(*)::int as same from cases where idempotency_key = ${key}`);
      expect(same).toBe(1);
      const { mails } = first(await db<{ mails: number }[]>`select count(*)::int as mails from outbox where dedupe_key = ${"case_receipt:" + a.caseId}`);
      expect(mails).toBe(1);
      await db.end();
      console.log(`concurrency: 1000 submissions, 50 at a time, in ${seconds.toFixed(1)} s → 1000 cases, 1000 distinct references; a key sent twice → 1 case, same reference`);
    } finally {
      setDatabase(undefined);
      await handle.close();
    }
  }, 300_000);

  it("answers the same idempotency key sent twice over HTTP with one case and the same receipt", async () => {
    const server = await startServer(databaseUrl, await freePort());
    try {
      const key = crypto.randomUUID();
      const [a, b] = await Promise.all([submit(server.url, key, 9001), submit(server.url, key, 9001)]);
      const c = await submit(server.url, key, 9001);
      expect([a.status, b.status, c.status]).toEqual([303, 303, 303]);
      expect(new Set([a.reference, b.reference, c.reference]).size).toBe(1);
      const { n } = first(await sql<{ n: number }[]>`select count(*)::int as n from cases where idempotency_key = ${key}`);
      expect(n).toBe(1);
    } finally {
      server.child.kill("SIGTERM");
      await new Promise((r) => (server.child.exitCode != null ? r(null) : server.child.once("exit", r)));
    }
  }, 120_000);
});
