/**
 * Rate limits (shared across app instances through PostgreSQL), 429 with Retry-After on sign-in
 * and on the public form, and the public form's bot guard (honeypot, minimum fill time).
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, openPostgres, type DatabaseHandle } from "../../db/client";
import { auditLog, cases, outbox, rateLimits } from "../../db/schema";
import { action as loginAction } from "~/routes/logg-inn";
import { action as submitAction, loader as formLoader } from "~/routes/saker.ny";
import { receiptCookie } from "~/http/submission.server";
import { resetEnvForTests } from "~/services/env.server";
import { tooManyRequests } from "~/http/rate-limit.server";
import { checkBotFields, deleteExpiredRateLimits, FORM_STARTED_FIELD, formStartedToken, hitRateLimit, HONEYPOT_FIELD, limitKey } from "~/services/rate-limit.server";
import { useTestDatabase } from "../support/db";
import { BASE, formRequest, run } from "../support/http";
import { at, first } from "../support/one";

const ref = useTestDatabase();

/** A second "app instance": another client on the same database (PostgreSQL), or the same handle (PGlite). */
let second: DatabaseHandle | undefined;
beforeAll(async () => {
  if (ref.current!.url) second = await openPostgres(ref.current!.url, { max: 4 });
});
afterAll(async () => {
  await second?.close();
});

const ENV_KEYS = ["RATE_LIMIT_PUBLIC_FORM", "RATE_LIMIT_LOGIN", "FORM_MIN_FILL_SECONDS", "FORM_MAX_AGE_MINUTES"] as const;
function setEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string>>) {
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, values);
  resetEnvForTests();
}
afterEach(() => {
  setEnv({});
  vi.useRealTimers();
});

/** Freezes the clock at the start of a window, so that a fixed window cannot roll over mid-test. */
function freezeClock(at: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(at));
}

const count = async (table: typeof cases | typeof outbox | typeof auditLog) =>
  first(
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(table),
  ).n;

describe("hitRateLimit", () => {
  it("counts hits per fixed window and answers Retry-After until the window ends", async () => {
    const now = new Date("2026-03-02T10:00:10Z");
    const key = "test:window";
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit({ key, limit: 3, windowSeconds: 60, now }));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(at(results, 3).count).toBe(4);
    expect(at(results, 3).retryAfterSeconds).toBe(50);
    const next = await hitRateLimit({ key, limit: 3, windowSeconds: 60, now: new Date("2026-03-02T10:01:00Z") });
    expect(next).toMatchObject({ allowed: true, count: 1, retryAfterSeconds: 0 });
  });

  it("allows at most 2× the limit around a window's end (the documented burst, docs/decisions/012-rate-limits.md), never more", async () => {
    const key = "test:burst";
    const hit = (at: string) => hitRateLimit({ key, limit: 3, windowSeconds: 60, now: new Date(at) });
    const end = [];
    for (let i = 0; i < 4; i++) end.push((await hit("2026-03-02T12:00:59.500Z")).allowed);
    const start = [];
    for (let i = 0; i < 4; i++) start.push((await hit("2026-03-02T12:01:00.100Z")).allowed);
    // Within 0.6 s: 3 at the end of one window and 3 at the start of the next, the 4th of each refused.
    expect(end).toEqual([true, true, true, false]);
    expect(start).toEqual([true, true, true, false]);
    expect([...end, ...start].filter(Boolean)).toHaveLength(6);
    // The rest of that window stays refused.
    expect((await hit("2026-03-02T12:01:59.900Z")).allowed).toBe(false);
  });

  it("builds the 429 with Retry-After in app/http (at least one second)", async () => {
    const res = tooManyRequests(0.2);
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("1");
    expect(tooManyRequests(299).headers.get("Retry-After")).toBe("299");
  });

  it("shares counters between two database clients (two app instances), atomically under concurrency", async () => {
    const instances = [db(), second?.db ?? db()];
    const now = new Date("2026-03-02T11:00:00Z");
    const hits = await Promise.all(Array.from({ length: 60 }, (_, i) => hitRateLimit({ key: "test:shared", limit: 50, windowSeconds: 600, now, database: instances[i % 2] })));
    // Every hit got its own count: no lost update, whichever instance counted it.
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(hits.filter((h) => h.allowed)).toHaveLength(50);
    const row = first(
      await (second?.db ?? db())
        .select({ count: rateLimits.count })
        .from(rateLimits)
        .where(sql`${rateLimits.key} = 'test:shared'`),
    );
    expect(row.count).toBe(60);
    console.log(`rate limit: 60 concurrent hits over ${second ? "two PostgreSQL clients" : "one PGlite handle"}, 50 allowed, counts 1..60 without gaps`);
  });

  it("never stores a raw IP address or e-mail address in a key", () => {
    const key = limitKey("login:email", "kari@example.no");
    expect(key).toMatch(/^login:email:[A-Za-z0-9_-]{32}$/);
    expect(key).not.toContain("kari");
    expect(limitKey("login:ip", "203.0.113.9")).not.toContain("203.0.113");
  });

  it("deletes windows older than a day in the periodic clean-up", async () => {
    await hitRateLimit({ key: "test:old", limit: 1, windowSeconds: 60, now: new Date("2020-01-01T00:00:00Z") });
    const deleted = await deleteExpiredRateLimits(new Date("2026-03-03T00:00:00Z"));
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await db()
      .select()
      .from(rateLimits)
      .where(sql`${rateLimits.key} = 'test:old'`);
    expect(left).toEqual([]);
  });
});

const login = (email: string, password: string, ip: string) =>
  run(() => loginAction({ request: formRequest("/logg-inn", { email, password }), params: {}, context: { clientIp: ip } }));

describe("sign-in rate limit", () => {
  it("answers 429 with Retry-After and login.rateLimited after too many failures from one IP", async () => {
    setEnv({ RATE_LIMIT_LOGIN: "10" });
    freezeClock("2026-03-04T09:00:01Z");
    const ip = "203.0.113.10";
    for (let i = 0; i < 10; i++) expect((await login(`ukjend${i}@demo.no`, "feil", ip)).status).toBe(400);
    const blocked = await login("ukjend10@demo.no", "feil", ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toBe("299");
    expect(blocked.headers.get("Set-Cookie")).toBeNull();
    expect((await blocked.json()).result.error).toEqual({ "": ["login.rateLimited"] });
    // A wrong password for a real account from that address: 429 too.
    expect((await login("sekretariat@demo.no", "feil-passord", ip)).status).toBe(429);
    // Another client is not affected.
    expect((await login("sekretariat@demo.no", "demo-passord", "203.0.113.11")).status).toBe(302);
  });

  it("lets a correct password through from an address over its limit: one noisy client behind a NAT locks out no one (issue 11, finding 12)", async () => {
    setEnv({ RATE_LIMIT_LOGIN: "10" });
    freezeClock("2026-03-04T09:30:01Z");
    const nat = "203.0.113.20";
    // 11 failures from the shared address by various accounts, real and unknown.
    const failures = [
      "ukjend-a@demo.no",
      "fsu-rehab@demo.no",
      "ukjend-b@demo.no",
      "ke-molde@demo.no",
      "ukjend-c@demo.no",
      "ukjend-d@demo.no",
      "ke-hf@demo.no",
      "ukjend-e@demo.no",
      "ukjend-f@demo.no",
      "ukjend-g@demo.no",
      "ukjend-h@demo.no",
    ];
    const statuses = [];
    for (const email of failures) statuses.push((await login(email, "feil", nat)).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    // A colleague behind the same address signs in with the correct password.
    const ok = await login("ke-alesund@demo.no", "demo-passord", nat);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toMatch(/^hf_session=/);
    // Failures from the address are still answered 429 with Retry-After.
    const failed = await login("ke-alesund@demo.no", "feil", nat);
    expect(failed.status).toBe(429);
    expect(failed.headers.get("Retry-After")).toBe("299");
    // The per-account limit still refuses even the correct password (5 failures for one account).
    for (let i = 0; i < 5; i++) await login("ssu-leiar@demo.no", "feil", `198.51.100.${40 + i}`);
    const account = await login("ssu-leiar@demo.no", "demo-passord", nat);
    expect(account.status).toBe(429);
    expect(account.headers.get("Set-Cookie")).toBeNull();
  });

  it("limits failures per e-mail address across IPs, and successful sign-ins do not count", async () => {
    setEnv({ RATE_LIMIT_LOGIN: "10" });
    freezeClock("2026-03-04T09:10:00Z");
    for (let i = 0; i < 12; i++) expect((await login("ssu-leiar@demo.no", "demo-passord", "198.51.100.1")).status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await login("fsu-rehab@demo.no", "feil", `198.51.100.${20 + i}`)).status).toBe(400);
    const blocked = await login("fsu-rehab@demo.no", "demo-passord", "198.51.100.99");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toBe("300");
  });
});

const CASE_FIELDS = {
  title: "Betre koordinering av individuell plan",
  submitterName: "Kari Melder",
  submitterEmail: "kari.melder@example.no",
  submitterDate: "2024-02-20",
  background: "Samarbeidsavtalen delavtale 2.",
  urgency: "normal",
};

function caseRequest(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request(`${BASE}/saker/ny`, { method: "POST", body: form, headers: { Origin: BASE } });
}
const submit = (fields: Record<string, string>, ip = "192.0.2.1") => run(() => submitAction({ request: caseRequest(fields), params: {}, context: { clientIp: ip } }));

describe("public form rate limit", () => {
  it("answers 429 with Retry-After after RATE_LIMIT_PUBLIC_FORM posts per 10 minutes from one client", async () => {
    setEnv({ RATE_LIMIT_PUBLIC_FORM: "20" });
    freezeClock("2026-03-04T09:20:30Z");
    const before = await count(cases);
    for (let i = 0; i < 20; i++) expect((await submit({ title: "" }, "192.0.2.50")).status).toBe(400);
    const blocked = await submit({ ...CASE_FIELDS, idempotencyKey: crypto.randomUUID() }, "192.0.2.50");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toBe("570");
    expect(await count(cases)).toBe(before);
    expect((await submit({ ...CASE_FIELDS, idempotencyKey: crypto.randomUUID() }, "192.0.2.51")).status).toBe(303);
  });
});

describe("public form bot guard", () => {
  it("renders a signed start time with the form", async () => {
    const data = (await formLoader({ request: new Request(`${BASE}/saker/ny`), params: {}, context: {} })) as { formStarted: string };
    expect(data.formStarted).toMatch(/^\d{13}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a filled honeypot, a missing, forged or too recent start time with 400 and stores nothing", async () => {
    setEnv({ FORM_MIN_FILL_SECONDS: "3" });
    const tenSecondsAgo = formStartedToken(new Date(Date.now() - 10_000));
    const forged = `${Date.now() - 10_000}.${"A".repeat(43)}`;
    const before = { cases: await count(cases), outbox: await count(outbox), audit: await count(auditLog) };
    const refused: Record<string, string>[] = [
      { [FORM_STARTED_FIELD]: tenSecondsAgo, [HONEYPOT_FIELD]: "https://spam.example" },
      { [HONEYPOT_FIELD]: "" },
      { [FORM_STARTED_FIELD]: forged },
      { [FORM_STARTED_FIELD]: formStartedToken(new Date()) },
      { [FORM_STARTED_FIELD]: tenSecondsAgo.replace(/^\d+/, String(Date.now() - 20_000)) },
    ];
    for (const extra of refused) {
      const res = await submit({ ...CASE_FIELDS, idempotencyKey: crypto.randomUUID(), ...extra });
      expect(res.status, JSON.stringify(Object.keys(extra))).toBe(400);
      const body = await res.json();
      expect(body.result.error[""]).toEqual(["errors.unreadable"]);
    }
    expect({ cases: await count(cases), outbox: await count(outbox), audit: await count(auditLog) }).toEqual(before);
    // A person who took their time gets through, honeypot empty.
    const ok = await submit({ ...CASE_FIELDS, idempotencyKey: crypto.randomUUID(), [FORM_STARTED_FIELD]: tenSecondsAgo, [HONEYPOT_FIELD]: "" });
    expect(ok.status).toBe(303);
    expect(await count(cases)).toBe(before.cases + 1);
  });

  it("checkBotFields: the honeypot is checked even with the timing check off", () => {
    setEnv({ FORM_MIN_FILL_SECONDS: "0" });
    const form = new FormData();
    form.set(HONEYPOT_FIELD, "x");
    expect(checkBotFields(form)).toEqual({ ok: false, reason: "honeypot" });
    expect(checkBotFields(new FormData())).toEqual({ ok: true, token: null });
  });
});

describe("public form bot guard: the form-start token is short-lived and single-use (issue 11, finding 16)", () => {
  const refusedStale = async (res: Response, fields: Record<string, string>, token: string) => {
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.error[""]).toEqual(["errors.formStale"]);
    // Every typed answer comes back, with a fresh token in place of the refused one.
    for (const [k, v] of Object.entries(fields)) if (k !== FORM_STARTED_FIELD) expect(result.initialValue[k], k).toBe(v);
    expect(result.initialValue[FORM_STARTED_FIELD]).toMatch(/^\d{13}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(result.initialValue[FORM_STARTED_FIELD]).not.toBe(token);
  };
  const referenceOf = async (res: Response) => ((await receiptCookie().parse(res.headers.get("Set-Cookie"))) as { reference: string }).reference;

  it("refuses a token older than FORM_MAX_AGE_MINUTES (default 2 hours, configurable), keeping the answers", async () => {
    setEnv({ FORM_MIN_FILL_SECONDS: "3" });
    const before = await count(cases);
    const old = formStartedToken(new Date(Date.now() - 121 * 60_000));
    const fields = { ...CASE_FIELDS, idempotencyKey: crypto.randomUUID(), [FORM_STARTED_FIELD]: old };
    await refusedStale(await submit(fields, "192.0.2.60"), fields, old);
    expect(await count(cases)).toBe(before);
    expect((await submit({ ...fields, [FORM_STARTED_FIELD]: formStartedToken(new Date(Date.now() - 119 * 60_000)) }, "192.0.2.60")).status).toBe(303);

    setEnv({ FORM_MIN_FILL_SECONDS: "3", FORM_MAX_AGE_MINUTES: "30" });
    const halfHour = formStartedToken(new Date(Date.now() - 31 * 60_000));
    const second = { ...CASE_FIELDS, idempotencyKey: crypto.randomUUID(), [FORM_STARTED_FIELD]: halfHour };
    await refusedStale(await submit(second, "192.0.2.60"), second, halfHour);
    expect(await count(cases)).toBe(before + 1);
  });

  it("refuses a token reused for another submission; the same submission sent again gets its first receipt", async () => {
    setEnv({ FORM_MIN_FILL_SECONDS: "3" });
    const token = formStartedToken(new Date(Date.now() - 10_000));
    const first = { ...CASE_FIELDS, idempotencyKey: crypto.randomUUID(), [FORM_STARTED_FIELD]: token };
    const ok = await submit(first, "192.0.2.61");
    expect(ok.status).toBe(303);
    const reference = await referenceOf(ok);
    const before = { cases: await count(cases), outbox: await count(outbox), audit: await count(auditLog) };

    const other = { ...CASE_FIELDS, title: "Ei anna sak", idempotencyKey: crypto.randomUUID(), [FORM_STARTED_FIELD]: token };
    await refusedStale(await submit(other, "192.0.2.62"), other, token);
    expect({ cases: await count(cases), outbox: await count(outbox), audit: await count(auditLog) }).toEqual(before);

    // A double submit (same idempotency key, same token): the first receipt, no new case.
    const again = await submit(first, "192.0.2.61");
    expect(again.status).toBe(303);
    expect(await referenceOf(again)).toBe(reference);
    expect(await count(cases)).toBe(before.cases);
  });

  it("lets one of two different submissions racing with one token through", async () => {
    setEnv({ FORM_MIN_FILL_SECONDS: "3" });
    const token = formStartedToken(new Date(Date.now() - 10_000));
    const before = await count(cases);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => submit({ ...CASE_FIELDS, title: `Kappløp ${i}`, idempotencyKey: crypto.randomUUID(), [FORM_STARTED_FIELD]: token }, `192.0.2.7${i}`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 400, 400, 400]);
    expect(await count(cases)).toBe(before + 1);
  });
});
