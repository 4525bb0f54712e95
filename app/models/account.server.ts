/**
 * Accounts and sessions beyond sign-in (docs/security.md, ASVS V2.1, V3.3): a user changing their
 * own password (every session of theirs is revoked, a new one is created), the keep-alive of the
 * session warning, and the admin's user page (revoke a user's sessions, change a role). Every
 * change writes an audit row in the same transaction.
 */
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../db/client";
import { requireRow } from "../../db/rows";
import { sessions, userRole, users } from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { hashPassword, verifyPassword } from "~/services/password.server";
import { actorOf, type Role, type SessionUser } from "~/models/actor";
import { isUuid } from "./case-workflow.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules";
import "~/i18n/security"; // the codes this module throws are keys of this namespace
import "~/i18n/people";

export const ROLES: readonly Role[] = userRole.enumValues;

// ---------------------------------------------------------------------------------------------
// Password change

const tooShort = "password.errors.tooShort";
const currentRequired = "password.errors.currentRequired";
/** Length in characters as a person counts them (code points: an emoji is one). */
const chars = (v: string) => [...v].length;

/**
 * The password form (messages: keys of the namespace "security"): the current password, the new
 * one (12–200 characters, not the current one) and the new one again.
 */
export const passwordChangeSchema = z
  .object({
    current: z.string({ required_error: currentRequired, invalid_type_error: currentRequired }).min(1, currentRequired),
    next: z
      .string({ required_error: tooShort, invalid_type_error: tooShort })
      .refine((v) => chars(v) >= PASSWORD_MIN, tooShort)
      .refine((v) => chars(v) <= PASSWORD_MAX, "password.errors.tooLong"),
    repeat: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.next === v.current) ctx.addIssue({ code: "custom", path: ["next"], message: "password.errors.same" });
    else if (v.next !== v.repeat) ctx.addIssue({ code: "custom", path: ["repeat"], message: "password.errors.mismatch" });
  });

/** The form fields that hold passwords: never echoed in a reply. */
export const PASSWORD_FIELDS = ["current", "next", "repeat"];

/**
 * Sets a new password after checking the current one (a wrong one: DomainError on the field
 * "current"). Revokes every session of the user (this one too: the caller creates a fresh one),
 * all in one transaction with the audit row.
 */
export async function changePassword(user: SessionUser, input: { current: string; next: string }): Promise<void> {
  const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(input.current, row.passwordHash))) {
    throw new DomainError("security:password.errors.currentWrong", {}, { kind: "invalid", field: "current" });
  }
  const hash = await hashPassword(input.next);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, user.id));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await writeAudit({ actor: actorOf(user), action: "user.password_changed", entityType: "user", entityId: user.id, after: { sessionsRevoked: revoked.length } }, tx);
  });
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

function requireAdmin(user: SessionUser) {
  if (user.role !== "admin") throw new DomainError("security:adminUser.forbidden", {}, { kind: "forbidden" });
}

const notFound = () => new DomainError("security:adminUser.notFound", {}, { kind: "notFound" });

/** The role form of the admin's user page (message: a key of the namespace "security"). */
export const roleSchema = z.enum(userRole.enumValues, { errorMap: () => ({ message: "adminUser.roleInvalid" }) });

export async function userForAdmin(admin: SessionUser, id: string, now = new Date()) {
  requireAdmin(admin);
  if (!isUuid(id)) throw notFound();
  const [row] = await db().select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active }).from(users).where(eq(users.id, id));
  if (!row) throw notFound();
  const idleCutoff = new Date(now.getTime() - env().SESSION_IDLE_MINUTES * 60_000);
  const { n } = requireRow(
    await db()
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff))),
    "session count",
  );
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
export async function changeRole(admin: SessionUser, input: { id: string; role: Role }): Promise<"changed" | "unchanged"> {
  const target = await userForAdmin(admin, input.id);
  const { id, role } = input;
  if (!ROLES.includes(role)) throw new DomainError("security:adminUser.roleInvalid", {}, { field: "role" });
  if (target.id === admin.id) throw new DomainError("security:adminUser.roleSelf", {}, { field: "role" });
  if (target.role === role) return "unchanged";
  return db().transaction(async (tx) => {
    if (target.role === "admin") {
      // The last active admin cannot be demoted: the admins' rows are locked, so two admins
      // demoting each other at the same moment cannot both succeed.
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true)))
        .orderBy(users.id)
        .for("update");
      if (!admins.some((a) => a.id !== id)) throw new DomainError("people:errors.lastAdmin", {}, { kind: "conflict", field: "role" });
    }
    const [updated] = await tx
      .update(users)
      .set({ role })
      .where(and(eq(users.id, id), eq(users.role, target.role)))
      .returning({ id: users.id });
    if (!updated) throw new DomainError("security:adminUser.roleInvalid", {}, { field: "role" });
    await writeAudit({ actor: actorOf(admin), action: "user.role_changed", entityType: "user", entityId: id, before: { role: target.role }, after: { role } }, tx);
    return "changed" as const;
  });
}
