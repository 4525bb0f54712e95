/**
 * Server-side sessions in the `sessions` table. The HttpOnly cookie holds a random 256-bit token;
 * the table holds its SHA-256, so a database leak gives no usable cookie. Idle timeout and an
 * absolute lifetime are enforced here, on the server (docs/decisions/005-sessions.md).
 */
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../../db/client";
import { bodies, bodyMemberships, sessions, userParties, users } from "../../db/schema";
import { env } from "~/services/env.server";
import { osloDate } from "~/services/oslo-time";
import { safeRedirect } from "~/services/safe-redirect";

import type { Role, SessionUser } from "~/models/actor";
import { currentMembershipOn } from "~/models/bodies-sql.server";

const SESSION_COOKIE = "hf_session";

function sessionCookie() {
  const e = env();
  return createCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: e.NODE_ENV === "production" && e.APP_URL.startsWith("https:"),
    path: "/",
    secrets: [e.sessionSecret],
    maxAge: e.SESSION_MAX_HOURS * 3600,
  });
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a new session (a fresh id at every sign-in) and returns its Set-Cookie header. */
export async function createSession(userId: string, now = new Date()): Promise<string> {
  const e = env();
  const token = randomBytes(32).toString("base64url");
  await db().transaction(async (tx) => {
    await tx.insert(sessions).values({ id: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + e.SESSION_MAX_HOURS * 3600_000) });
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  });
  return sessionCookie().serialize(token);
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 && value.length < 200 ? value : null;
}

/**
 * Lookups in flight, by session id: the root loader and the page's loader run at the same moment
 * and ask for the same session; they share one query (nothing is kept once it has answered, so a
 * revocation is seen by the next request as before).
 */
const inFlight = new Map<string, Promise<SessionUser | null>>();

/** The signed-in user, or null. Updates last-seen at most once a minute. */
export async function getSessionUser(request: Request, now?: Date): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const id = hashToken(token);
  if (now) return lookupSession(id, now); // a test's clock: never shared
  let pending = inFlight.get(id);
  if (!pending) {
    pending = lookupSession(id, new Date()).finally(() => inFlight.delete(id));
    inFlight.set(id, pending);
  }
  return pending;
}

async function lookupSession(id: string, now: Date): Promise<SessionUser | null> {
  const idleCutoff = new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000);
  const today = osloDate(now);
  const rows = await db()
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      partyNumbers: sql<string[]>`coalesce((select json_agg(up.party_number order by up.party_number) from ${userParties} up where up.user_id = ${users.id}), '[]'::json)`,
      bodyId: bodyMemberships.bodyId,
      membershipRole: bodyMemberships.role,
      slug: bodies.slug,
      kind: bodies.kind,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // Only the memberships whose term holds today (Oslo): one that ended yesterday gives no access.
    .leftJoin(bodyMemberships, and(eq(bodyMemberships.userId, users.id), currentMembershipOn(today)))
    .leftJoin(bodies, eq(bodies.id, bodyMemberships.bodyId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff), eq(users.active, true)));
  const first = rows[0];
  if (!first) return null;
  if (now.getTime() - first.lastSeenAt.getTime() > 60_000) {
    await db().update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    id: first.id,
    email: first.email,
    name: first.name,
    role: first.role,
    partyNumbers: first.partyNumbers,
    memberships: rows.flatMap((r) =>
      r.bodyId != null && r.slug != null && r.kind != null && r.membershipRole != null ? [{ bodyId: r.bodyId, slug: r.slug, kind: r.kind, role: r.membershipRole }] : [],
    ),
    sessionId: id,
    sessionExpiresAt: first.expiresAt.toISOString(),
  };
}

export function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.pathname + url.search);
  throw redirect(`/logg-inn?redirectTo=${encodeURIComponent(redirectTo)}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) loginRedirect(request);
  return user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** Throws a redirect to sign-in (no session) or a 403 (wrong role). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** Revokes this request's session and returns a Set-Cookie that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token)
    await db()
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.id, hashToken(token)));
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Revokes every session of a user (password change, admin action). */
export async function revokeUserSessions(userId: string) {
  await db()
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
