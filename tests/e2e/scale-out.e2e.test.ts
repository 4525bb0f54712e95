/**
 * Scale-out: two app processes on one PostgreSQL. Sessions made on one work on the other, each
 * outbox mail is sent exactly once (FOR UPDATE SKIP LOCKED), migrations are safe when both start
 * at once (advisory lock), and SIGTERM lets a request in flight finish.
 */
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/services/password.server";
import { startSmtpServer } from "../support/smtp";
import { createThrowawayDatabase, startApp, waitFor, type AppServer } from "./support";
import { first, present } from "../support/one";

let database: Awaited<ReturnType<typeof createThrowawayDatabase>> = null;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  database = await createThrowawayDatabase("hf_scaleout");
  if (!database) return;
  smtp = await startSmtpServer();
  // LOG_LEVEL info: the SIGTERM test waits for the "shutdown" line.
  const env = { DATABASE_URL: database.url, SESSION_SECRET: randomBytes(32).toString("hex"), SMTP_URL: smtp.url, LOG_LEVEL: "info" };
  // Both start at the same moment on an empty database: the advisory lock serialises migrations.
  [a, b] = await Promise.all([startApp(env), startApp(env)]);
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await smtp?.close();
  await database?.drop();
});

describe("two instances on one PostgreSQL", () => {
  it("applied every migration once although both started at once", async (ctx) => {
    if (!database) return ctx.skip("PostgreSQL not reachable (see warning above)");
    const db = postgres(database.url, { max: 1 });
    const rows = await db`select hash, count(*)::int n from drizzle.__drizzle_migrations group by hash`;
    await db.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it("accepts a session made on one instance on the other", async (ctx) => {
    if (!database) return ctx.skip("PostgreSQL not reachable (see warning above)");
    const db = postgres(database.url, { max: 1 });
    await db`insert into users (email, name, role, password_hash) values ('skalering@example.no', 'Skalering', 'secretariat', ${await hashPassword("skalering-passord")})`;
    await db.end();
    const login = await fetch(`${a.url}/logg-inn`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: a.url },
      body: new URLSearchParams({ email: "skalering@example.no", password: "skalering-passord", redirectTo: "/sekretariat" }),
    });
    expect(login.status).toBe(302);
    const cookie = first(present(login.headers.get("set-cookie") ?? undefined, "a session cookie").split(";"));
    const onB = await fetch(`${b.url}/sekretariat`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    const anonymous = await fetch(`${b.url}/sekretariat`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it("sends each outbox mail exactly once with both workers running", async (ctx) => {
    if (!database) return ctx.skip("PostgreSQL not reachable (see warning above)");
    const db = postgres(database.url, { max: 1 });
    const n = 40;
    for (let i = 0; i < n; i++) {
      await db`insert into outbox (kind, to_address, subject, text_body, dedupe_key) values ('test', ${`mottakar${i}@example.no`}, ${`Skalering ${i}`}, 'Test', ${`scale-${i}`})`;
    }
    await waitFor(
      "the outbox to drain",
      async () => {
        const [row] = await db<{ pending: number }[]>`select count(*)::int pending from outbox where kind = 'test' and sent_at is null`;
        return row?.pending === 0;
      },
      { timeoutMs: 60_000, everyMs: 500 },
    );
    await db.end();
    const subjects = smtp.received.map((m) => /Subject: (Skalering \d+)/.exec(m.raw)?.[1]).filter(Boolean);
    expect(subjects).toHaveLength(n);
    expect(new Set(subjects).size).toBe(n);
  });

  it("finishes a request in flight on SIGTERM, then exits", async (ctx) => {
    if (!database) return ctx.skip("PostgreSQL not reachable (see warning above)");
    const url = new URL(b.url);
    const body = new URLSearchParams({ email: "ingen@example.no", password: "feil" }).toString();
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((r) => socket.once("connect", r));
    let response = "";
    socket.on("data", (d) => (response += d.toString()));
    const closed = new Promise((r) => socket.once("close", r));
    // Send the head and half the body, stop the server, then send the rest. The head asks for
    // "100 Continue": the server's interim answer says it has read the head and is handling the
    // request, so SIGTERM comes while the request is in flight (no guessed pause).
    socket.write(
      `POST /logg-inn HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${b.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await waitFor("the server to take the request (100 Continue)", () => response.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), { everyMs: 10 });
    const exited = b.exited();
    const shutdowns = () =>
      b.logs
        .join("")
        .split("\n")
        .filter((l) => l.includes('"event":"shutdown"')).length;
    const before = shutdowns();
    b.signal("SIGTERM");
    await waitFor("the server to start shutting down", () => shutdowns() > before, { everyMs: 10 });
    socket.write(body.slice(10));
    await closed;
    expect(response.replace("HTTP/1.1 100 Continue\r\n\r\n", "")).toMatch(/^HTTP\/1\.1 400/);
    expect(await exited).toBe(0);
    // The other instance still serves.
    expect((await fetch(`${a.url}/helse`)).status).toBe(200);
  });
});
