/**
 * Rate limits and the bot guard of the public form (docs/security.md, ASVS V2.2.1, V11.1.4).
 *
 * Rate limits are fixed windows counted in the `rate_limits` table with one atomic
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING count`, so every app instance on the same database
 * shares the counters. Keys never hold a raw IP address or e-mail address: the value part is an
 * HMAC with the session secret. Old windows are deleted by a periodic clean-up (startup.server.ts).
 * Why fixed windows (and their burst of up to 2× the limit around a window's end) rather than
 * rate-limiter-flexible: docs/decisions/012-rate-limits.md. The 429 response is built in
 * app/http/rate-limit.server.ts.
 *
 * The bot guard of /saker/ny: a honeypot field that must stay empty and a signed form-start token
 * (when the form was rendered, plus a random nonce); a post sooner than FORM_MIN_FILL_SECONDS after
 * it, or later than FORM_MAX_AGE_MINUTES, is refused, and a token is good for one submission: the
 * case it created is recorded in `used_form_tokens`, and another submission with it is refused
 * (a resend of the same submission, same idempotency key, is not). Own code rather than
 * remix-utils' honeypot: docs/decisions/008-outbox-without-tracking-links.md.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db, type Db } from "../../db/client";
import { assertRow } from "../../db/rows";
import { rateLimits, usedFormTokens } from "../../db/schema";
import { FORM_STARTED_FIELD_NAME, HONEYPOT_FIELD_NAME } from "~/components/bot-field-names";
import { env } from "./env.server";
import { log } from "./log.server";
import { startJob } from "./jobs.server";

export interface RateLimitResult {
  allowed: boolean;
  /** Hits in this window, this one included. */
  count: number;
  /** Seconds until the window ends (0 when allowed). */
  retryAfterSeconds: number;
  windowStart: Date;
}

export function windowStartOf(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/**
 * The counting upsert, prepared once per database client: on PostgreSQL a prepared statement is
 * sent in one round trip, where an unprepared one with parameters first asks for their types.
 */
const hitStatements = new WeakMap<Db, ReturnType<typeof prepareHit>>();
function prepareHit(database: Db) {
  return database
    .insert(rateLimits)
    .values({ key: sql.placeholder("key"), windowStart: sql.placeholder("windowStart"), count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count })
    .prepare("rate_limit_hit");
}

/** Counts one hit for `key` in the current window and says whether it is within `limit`. */
export async function hitRateLimit(input: { key: string; limit: number; windowSeconds: number; now?: Date; database?: Db }): Promise<RateLimitResult> {
  const now = input.now ?? new Date();
  const windowStart = windowStartOf(now, input.windowSeconds);
  const database = input.database ?? db();
  let statement = hitStatements.get(database);
  if (!statement) hitStatements.set(database, (statement = prepareHit(database)));
  const [row] = await statement.execute({ key: input.key, windowStart });
  assertRow(row, "rate limit");
  const count = Number(row.count);
  const allowed = count <= input.limit;
  const windowEnd = windowStart.getTime() + input.windowSeconds * 1000;
  return { allowed, count, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)), windowStart };
}

/** Takes back one hit (e.g. a successful sign-in does not count against the limit of failures). */
export async function undoRateLimitHit(input: { key: string; windowStart: Date }) {
  await db()
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, input.key), eq(rateLimits.windowStart, input.windowStart)));
}

/** Deletes windows that ended long ago. Returns the number of rows deleted. */
export async function deleteExpiredRateLimits(now = new Date(), olderThanSeconds = 24 * 3600): Promise<number> {
  const rows = await db()
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - olderThanSeconds * 1000)))
    .returning({ key: rateLimits.key });
  return rows.length;
}

/** Deletes used form tokens that have expired anyway. Returns the number of rows deleted. */
export async function deleteExpiredFormTokens(now = new Date()): Promise<number> {
  const rows = await db()
    .delete(usedFormTokens)
    .where(lt(usedFormTokens.usedAt, new Date(now.getTime() - (env().FORM_MAX_AGE_MINUTES + 10) * 60_000)))
    .returning({ tokenHash: usedFormTokens.tokenHash });
  return rows.length;
}

export function startRateLimitCleanup(intervalMs = 60 * 60 * 1000) {
  startJob(
    "rate-limit-cleanup",
    async () => {
      const deleted = await deleteExpiredRateLimits();
      const tokens = await deleteExpiredFormTokens();
      if (deleted || tokens) log("info", "rate_limits_cleaned", { deleted, formTokens: tokens });
    },
    { everyMs: intervalMs, onFailure: { level: "warn", event: "rate_limits_cleanup_failed" } },
  );
}

const hmac = (value: string) => createHmac("sha256", env().sessionSecret).update(value).digest("base64url");

/** A counter key like "login:ip:<hmac>": the raw value (IP, e-mail) is never stored. */
export function limitKey(scope: string, value: string): string {
  return `${scope}:${hmac(value).slice(0, 32)}`;
}

/** The client IP that server.ts put into the load context (Express `req.ip`, trust proxy aware). */
export function clientIp(context: unknown): string {
  const ip = typeof context === "object" && context !== null && "clientIp" in context ? context.clientIp : undefined;
  return typeof ip === "string" && ip.length > 0 && ip.length <= 100 ? ip : "unknown";
}

// ---------------------------------------------------------------------------------------------
// The public form

export const PUBLIC_FORM_WINDOW_SECONDS = 10 * 60;

/** Counts one submission of the public form from client address `ip` (RATE_LIMIT_PUBLIC_FORM per 10 minutes). */
export async function publicFormLimit(ip: string, now = new Date()): Promise<RateLimitResult> {
  const hit = await hitRateLimit({ key: limitKey("case-form:ip", ip), limit: env().RATE_LIMIT_PUBLIC_FORM, windowSeconds: PUBLIC_FORM_WINDOW_SECONDS, now });
  if (!hit.allowed) log("info", "rate_limited", { scope: "case-form", retryAfter: hit.retryAfterSeconds });
  return hit;
}

// ---------------------------------------------------------------------------------------------
// Sign-in

export const LOGIN_WINDOW_SECONDS = 5 * 60;

export interface LoginLimit {
  /** The account's limit of failures is reached: refuse without checking the password. */
  accountBlocked: boolean;
  /**
   * This client address's limit of failures is reached: a correct password still signs in (so that
   * one noisy client behind a shared NAT address locks out no one else), a wrong one gets a 429.
   */
  addressBlocked: boolean;
  /** Seconds until the blocking window(s) end (0 when neither is blocked). */
  retryAfterSeconds: number;
  /** Call after a successful sign-in: successes do not count against the limit of failures. */
  succeeded(): Promise<void>;
}

/**
 * Counts a sign-in attempt per client IP (RATE_LIMIT_LOGIN per 5 minutes) and per e-mail address
 * (half of it). Only failures stay counted. Issue 11, finding 12: the per-address limit no longer
 * locks out correct credentials (many colleagues share one NAT address); the per-account limit
 * still refuses before the password is checked, so guessing one account's password stays bounded.
 */
export async function loginRateLimit(input: { context: unknown; email: string; now?: Date }): Promise<LoginLimit> {
  const now = input.now ?? new Date();
  const perIp = env().RATE_LIMIT_LOGIN;
  const keys = [
    { key: limitKey("login:ip", clientIp(input.context)), limit: perIp },
    { key: limitKey("login:email", input.email.trim().toLowerCase()), limit: Math.max(1, Math.floor(perIp / 2)) },
  ] as const;
  const hit = (k: { key: string; limit: number }) => hitRateLimit({ ...k, windowSeconds: LOGIN_WINDOW_SECONDS, now });
  const hits = await Promise.all([hit(keys[0]), hit(keys[1])]);
  const [address, account] = hits;
  return {
    accountBlocked: !account.allowed,
    addressBlocked: !address.allowed,
    retryAfterSeconds: Math.max(0, ...hits.filter((h) => !h.allowed).map((h) => h.retryAfterSeconds)),
    async succeeded() {
      await Promise.all([undoRateLimitHit({ key: keys[0].key, windowStart: address.windowStart }), undoRateLimitHit({ key: keys[1].key, windowStart: account.windowStart })]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bot guard: honeypot + minimum fill time

/** The honeypot: hidden from people and assistive technology; bots fill in "website" fields. */
export const HONEYPOT_FIELD = HONEYPOT_FIELD_NAME;
/** The signed time the form was rendered. */
export const FORM_STARTED_FIELD = FORM_STARTED_FIELD_NAME;

/** "<ms>.<nonce>.<hmac>": the time the form was rendered and a random nonce, signed. */
export function formStartedToken(now = new Date()): string {
  const payload = `${now.getTime()}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${hmac(`form-started:${payload}`)}`;
}

/** The token's shape (also checked in the browser before echoing it back: app/components/bot-fields.tsx). */
const TOKEN = /^(\d{10,16})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export type BotCheck = { ok: true; token: string | null } | { ok: false; reason: "honeypot" | "missing_timestamp" | "bad_timestamp" | "too_fast" | "expired" };

/**
 * Checks the honeypot and the form-start token of a posted form: signed, at least
 * FORM_MIN_FILL_SECONDS and at most FORM_MAX_AGE_MINUTES old. With FORM_MIN_FILL_SECONDS=0 the token
 * is not required (the unit and integration tests' default). Single use is claimTokenFor's part.
 */
export function checkBotFields(form: FormData, now = new Date()): BotCheck {
  const honeypot = form.get(HONEYPOT_FIELD);
  if (honeypot != null && (typeof honeypot !== "string" || honeypot !== "")) return { ok: false, reason: "honeypot" };
  const minSeconds = env().formMinFillSeconds;
  if (minSeconds <= 0) return { ok: true, token: null };
  const token = form.get(FORM_STARTED_FIELD);
  if (typeof token !== "string" || token === "") return { ok: false, reason: "missing_timestamp" };
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: "bad_timestamp" };
  const expected = Buffer.from(hmac(`form-started:${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3] ?? "");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "bad_timestamp" };
  const elapsed = now.getTime() - Number(match[1]);
  if (elapsed < minSeconds * 1000) return { ok: false, reason: "too_fast" };
  if (elapsed > env().FORM_MAX_AGE_MINUTES * 60_000) return { ok: false, reason: "expired" };
  return { ok: true, token };
}

/**
 * Records that `token` was used for the submission with `idempotencyKey`. True when it is this
 * submission's (first use, or a resend of the same submission), false when another submission
 * used it. One atomic insert: two different submissions racing with one token cannot both win.
 */
export async function claimFormToken(token: string, idempotencyKey: string, now = new Date()): Promise<boolean> {
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const [row] = await db()
    .insert(usedFormTokens)
    .values({ tokenHash, idempotencyKey, usedAt: now })
    .onConflictDoUpdate({ target: usedFormTokens.tokenHash, set: { tokenHash: sql`excluded.token_hash` } })
    .returning({ idempotencyKey: usedFormTokens.idempotencyKey });
  assertRow(row, "used form token");
  return row.idempotencyKey === idempotencyKey;
}

/**
 * The forgotten-password form: limited like sign-in (per client IP and per address, the same
 * window and limits), under keys of its own. The address's counter is kept whether or not the
 * address is known, so the limit says nothing about accounts.
 */
export async function passwordResetRateLimit(input: { context: unknown; email: string; now?: Date }): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const now = input.now ?? new Date();
  const perIp = env().RATE_LIMIT_LOGIN;
  const hits = await Promise.all([
    hitRateLimit({ key: limitKey("reset:ip", clientIp(input.context)), limit: perIp, windowSeconds: LOGIN_WINDOW_SECONDS, now }),
    hitRateLimit({ key: limitKey("reset:email", input.email.trim().toLowerCase()), limit: Math.max(1, Math.floor(perIp / 2)), windowSeconds: LOGIN_WINDOW_SECONDS, now }),
  ]);
  const refused = hits.filter((h) => !h.allowed);
  return { allowed: refused.length === 0, retryAfterSeconds: Math.max(0, ...refused.map((h) => h.retryAfterSeconds)) };
}

// ---------------------------------------------------------------------------------------------
// Lost tracking links (/saker/spor)

export const TRACKING_LINKS_WINDOW_SECONDS = 60 * 60;

/**
 * /saker/spor: per client IP (RATE_LIMIT_PUBLIC_FORM an hour) and per e-mail address (3 an hour),
 * under keys of their own. The address's counter is kept whether or not it has cases, so the
 * limit says nothing about them.
 */
export async function trackingLinksRateLimit(input: { context: unknown; email: string; now?: Date }): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const now = input.now ?? new Date();
  const hits = await Promise.all([
    hitRateLimit({ key: limitKey("tracking-links:ip", clientIp(input.context)), limit: env().RATE_LIMIT_PUBLIC_FORM, windowSeconds: TRACKING_LINKS_WINDOW_SECONDS, now }),
    hitRateLimit({ key: limitKey("tracking-links:email", input.email.trim().toLowerCase()), limit: 3, windowSeconds: TRACKING_LINKS_WINDOW_SECONDS, now }),
  ]);
  const refused = hits.filter((h) => !h.allowed);
  if (refused.length) log("info", "rate_limited", { scope: "tracking-links", retryAfter: Math.max(...refused.map((h) => h.retryAfterSeconds)) });
  return { allowed: refused.length === 0, retryAfterSeconds: Math.max(0, ...refused.map((h) => h.retryAfterSeconds)) };
}
