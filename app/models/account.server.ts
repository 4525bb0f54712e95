/**
 * Accounts and sessions beyond sign-in (docs/security.md, ASVS V2.1, V3.3): a user changing their
 * own password (every session of theirs is revoked, a new one is created), the keep-alive of the
 * session warning, and the admin's user page (revoke a user's sessions, change a role). Every
 * change writes an audit row in the same transaction.
 */
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { parties, sessions, userRole, users } from "../../db/schema";
import { writeAudit, type Actor } from "~/services/audit.server";
import { env } from "~/services/env.server";
import { hashPassword, verifyPassword } from "~/services/password.server";
import type { Role, SessionUser } from "~/models/actor";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
export const ROLES = userRole.enumValues as readonly Role[];

const actorOf = (user: Pick<SessionUser, "id" | "name">): Actor => ({ id: user.id, label: user.name });

// ---------------------------------------------------------------------------------------------
// Password change

export type PasswordErrors = Partial<Record<"current" | "next" | "repeat", string>>;

/** Checks the form; returns the i18n keys (namespace "security") of the errors, or null. */
export function validatePasswordChange(input: { current: unknown; next: unknown; repeat: unknown }): PasswordErrors | null {
  const errors: PasswordErrors = {};
  const { current, next, repeat } = input;
  if (typeof current !== "string" || current === "") errors.current = "password.errors.currentRequired";
  if (typeof next !== "string" || [...next].length < PASSWORD_MIN) errors.next = "password.errors.tooShort";
  else if ([...next].length > PASSWORD_MAX) errors.next = "password.errors.tooLong";
  else if (next === current) errors.next = "password.errors.same";
  if (!errors.next && next !== repeat) errors.repeat = "password.errors.mismatch";
  return Object.keys(errors).length ? errors : null;
}

/**
 * Sets a new password after checking the current one. Revokes every session of the user (this
 * one too: the caller creates a fresh one), all in one transaction with the audit row.
 */
export async function changePassword(user: SessionUser, current: string, next: string): Promise<"changed" | "wrong_current"> {
  const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(current, row.passwordHash))) return "wrong_current";
  const hash = await hashPassword(next);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, user.id));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await writeAudit({ actor: actorOf(user), action: "user.password_changed", entityType: "user", entityId: user.id, after: { sessionsRevoked: revoked.length } }, tx);
  });
  return "changed";
}

// ---------------------------------------------------------------------------------------------
// Keep-alive

/** Marks the session as seen now (the session warning's "Continue"). Returns the new deadlines. */
export async function extendSession(user: SessionUser, now = new Date()) {
  const [row] = await db()
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, user.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .returning({ expiresAt: sessions.expiresAt });
  if (!row) return null;
  const idle = new Date(now.getTime() + env().SESSION_IDLE_MINUTES * 60_000);
  return { idleExpiresAt: idle.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Admin: a user's page

export class AdminError extends Error {
  constructor(
    public status: 400 | 403 | 404,
    public key: string,
  ) {
    super(key);
  }
}

function requireAdmin(user: SessionUser) {
  if (user.role !== "admin") throw new AdminError(403, "forbidden");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function userForAdmin(admin: SessionUser, id: string, now = new Date()) {
  requireAdmin(admin);
  if (!UUID.test(id)) throw new AdminError(404, "not_found");
  const [row] = await db()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, partyNumber: users.partyNumber, partyName: parties.name, active: users.active })
    .from(users)
    .leftJoin(parties, eq(parties.number, users.partyNumber))
    .where(eq(users.id, id));
  if (!row) throw new AdminError(404, "not_found");
  const idleCutoff = new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000);
  const [{ n }] = await db()
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff)));
  return { ...row, activeSessions: Number(n) };
}

/** Revokes every session of a user; returns how many were active. */
export async function revokeSessionsByAdmin(admin: SessionUser, id: string): Promise<number> {
  await userForAdmin(admin, id);
  return db().transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await writeAudit({ actor: actorOf(admin), action: "user.sessions_revoked", entityType: "user", entityId: id, after: { sessionsRevoked: revoked.length } }, tx);
    return revoked.length;
  });
}

/** Changes a user's role (not the admin's own), with before/after in the audit trail. */
export async function changeRole(admin: SessionUser, id: string, role: unknown): Promise<"changed" | "unchanged"> {
  const target = await userForAdmin(admin, id);
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) throw new AdminError(400, "adminUser.roleInvalid");
  if (target.id === admin.id) throw new AdminError(400, "adminUser.roleSelf");
  if (target.role === role) return "unchanged";
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ role: role as Role })
      .where(and(eq(users.id, id), eq(users.role, target.role)))
      .returning({ id: users.id });
    if (!updated) throw new AdminError(400, "adminUser.roleInvalid");
    await writeAudit({ actor: actorOf(admin), action: "user.role_changed", entityType: "user", entityId: id, before: { role: target.role }, after: { role } }, tx);
    return "changed" as const;
  });
}
