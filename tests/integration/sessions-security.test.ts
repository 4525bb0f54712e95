/**
 * Sessions beyond sign-in: the keep-alive of the session warning, the password change (revokes
 * every other session, a new one replaces this one) and the admin's user page (revoke a user's
 * sessions, change a role with before/after in the audit trail).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, queryCounter } from "../../db/client";
import { auditLog, sessions, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed";
import { changePassword, changeRole, passwordChangeSchema, userForAdmin } from "~/models/account.server";
import { DomainError } from "~/services/domain-error";
import { userFor } from "../support/cases-secretariat";
import { action as adminUserAction, loader as adminUserLoader } from "~/routes/admin.brukarar.$id";
import { action as keepAliveAction, loader as keepAliveLoader } from "~/routes/okt.forleng";
import { action as passwordAction, loader as passwordLoader } from "~/routes/profil.passord";
import { verifyLogin } from "~/services/auth.server";
import { getSessionUser } from "~/http/session.server";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { at, first } from "../support/one";

useTestDatabase();

/** The password form's schema as field → first message (null when valid). */
function validatePasswordChange(input: Record<string, unknown>) {
  const parsed = passwordChangeSchema.safeParse(input);
  if (parsed.success) return null;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, kind: error.kind, field: error.field };
    throw error;
  }
  throw new Error("expected a refusal");
}

async function userId(email: string) {
  return first(await db().select({ id: users.id }).from(users).where(eq(users.email, email))).id;
}
async function sessionRow(cookie: string) {
  const user = await getSessionUser(getRequest("/", { cookie }));
  if (!user) return null;
  return (await db().select().from(sessions).where(eq(sessions.id, user.sessionId)))[0];
}
const lastAudit = async (action: string, entityId: string) =>
  first(
    await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
      .orderBy(desc(auditLog.id))
      .limit(1),
  );

describe("session lookup", () => {
  it("shares one query between lookups in flight at the same moment, and keeps nothing after", async () => {
    const cookie = await cookieFor("fsu-rehab@demo.no");
    await getSessionUser(getRequest("/", { cookie })); // last-seen is fresh now: a lookup is one statement
    const before = queryCounter.count;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => getSessionUser(getRequest("/", { cookie }))));
    expect(queryCounter.count - before).toBe(1);
    expect(a?.email).toBe("fsu-rehab@demo.no");
    expect(b).toBe(a);
    expect(c).toBe(a);
    // Revoked after that answer: the very next lookup sees it (no cache).
    await db().update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, a!.sessionId));
    expect(await getSessionUser(getRequest("/", { cookie }))).toBeNull();
  });
});

describe("keep-alive POST /okt/forleng", () => {
  it("marks the session as seen now and answers the new deadlines", async () => {
    const cookie = await cookieFor("fsu-rehab@demo.no");
    const before = await sessionRow(cookie);
    // Twenty minutes without activity (the idle timeout is 30).
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(sessions.id, before!.id));
    const res = await run(() => keepAliveAction(args(formRequest("/okt/forleng", {}, { cookie }))));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Date.parse(body.idleExpiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(body.expiresAt).toBe(before!.expiresAt.toISOString());
    const after = at(await db().select().from(sessions).where(eq(sessions.id, before!.id)), 0);
    expect(Date.now() - after.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it("does not revive an idle-expired or revoked session, and answers 401 without one", async () => {
    const cookie = await cookieFor("fsu-rehab@demo.no");
    const row = await sessionRow(cookie);
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, row!.id));
    expect((await run(() => keepAliveAction(args(formRequest("/okt/forleng", {}, { cookie }))))).status).toBe(401);
    const after = at(await db().select().from(sessions).where(eq(sessions.id, row!.id)), 0);
    expect(Date.now() - after.lastSeenAt.getTime()).toBeGreaterThan(30 * 60_000);
    expect((await run(() => keepAliveAction(args(formRequest("/okt/forleng", {}))))).status).toBe(401);
  });

  it("changes nothing on GET (405)", async () => {
    const res = await run(async () => keepAliveLoader());
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
  });
});

describe("password change /profil/passord", () => {
  it("needs a session", async () => {
    const res = await run(() => passwordLoader(args(getRequest("/profil/passord"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/logg-inn?redirectTo=%2Fprofil%2Fpassord");
  });

  it("validates: current required, at least 12 characters, the same twice, not the old one", () => {
    expect(validatePasswordChange({ current: "", next: "kort", repeat: "kort" })).toEqual({ current: "password.errors.currentRequired", next: "password.errors.tooShort" });
    expect(validatePasswordChange({ current: "a", next: "langt-passord-1", repeat: "langt-passord-2" })).toEqual({ repeat: "password.errors.mismatch" });
    expect(validatePasswordChange({ current: "langt-passord-1", next: "langt-passord-1", repeat: "langt-passord-1" })).toEqual({ next: "password.errors.same" });
    expect(validatePasswordChange({ current: "a", next: "x".repeat(201), repeat: "x".repeat(201) })).toEqual({ next: "password.errors.tooLong" });
    expect(validatePasswordChange({ current: "a", next: ["x"], repeat: undefined })).toEqual({ next: "password.errors.tooShort" });
    expect(validatePasswordChange({ current: "a", next: "ærleg-passord-🙂", repeat: "ærleg-passord-🙂" })).toBeNull();
  });

  it("refuses a wrong current password with 400 and changes nothing", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const res = await run(() =>
      passwordAction(args(formRequest("/profil/passord", { current: "feil-passord", next: "eit-heilt-nytt-passord", repeat: "eit-heilt-nytt-passord" }, { cookie }))),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error).toEqual({ current: ["security:password.errors.currentWrong"] });
    expect(JSON.stringify(body)).not.toContain("eit-heilt-nytt-passord"); // passwords are never echoed
    expect(await sessionRow(cookie)).not.toBeNull();
    await expect(verifyLogin("ke-molde@demo.no", DEMO_PASSWORD)).resolves.toBeTruthy();
  });

  it("sets the new password, revokes every other session, replaces this one and audits", async () => {
    const email = "ke-alesund@demo.no";
    const id = await userId(email);
    const [current, other, third] = [await cookieFor(email), await cookieFor(email), await cookieFor(email)];
    const next = "ein lang og god passordfrase";
    const res = await run(() => passwordAction(args(formRequest("/profil/passord", { current: DEMO_PASSWORD, next, repeat: next }, { cookie: current }))));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/profil/passord?endra=1");
    const fresh = res.headers.get("Set-Cookie")!.split(";")[0];
    for (const old of [current, other, third]) expect(await getSessionUser(getRequest("/", { cookie: old }))).toBeNull();
    expect((await getSessionUser(getRequest("/", { cookie: fresh })))?.email).toBe(email);
    await expect(verifyLogin(email, next)).resolves.toEqual({ id });
    await expect(verifyLogin(email, DEMO_PASSWORD)).rejects.toThrow("invalid_credentials");
    const audit = await lastAudit("user.password_changed", id);
    expect(audit.actorUserId).toBe(id);
    expect(audit.after).toEqual({ sessionsRevoked: 3 });
    const active = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(and(eq(sessions.userId, id), sql`${sessions.revokedAt} is null`));
    expect(at(active, 0).n).toBe(1);
  });
});

describe("admin: a user's page /admin/brukarar/:id", () => {
  it("is for admins only: anonymous to sign-in, others 403, an unknown id 404", async () => {
    const id = await userId("ke-molde@demo.no");
    expect((await run(() => adminUserLoader(args(getRequest(`/admin/brukarar/${id}`), { id })))).status).toBe(302);
    for (const email of ["sekretariat@demo.no", "ke-molde@demo.no"]) {
      const cookie = await cookieFor(email);
      expect((await run(() => adminUserLoader(args(getRequest(`/admin/brukarar/${id}`, { cookie }), { id })))).status).toBe(403);
      const revoke = await run(() => adminUserAction(args(formRequest(`/admin/brukarar/${id}`, { intent: "revoke-sessions", confirm: "yes" }, { cookie }), { id })));
      expect(revoke.status).toBe(403);
    }
    const admin = await cookieFor("admin@demo.no");
    for (const bad of ["00000000-0000-4000-8000-000000000000", "ikkje-ein-uuid"]) {
      expect((await run(() => adminUserLoader(args(getRequest(`/admin/brukarar/${bad}`, { cookie: admin }), { id: bad })))).status).toBe(404);
    }
  });

  it("revokes every session of the user after confirmation, with an audit row", async () => {
    const id = await userId("ssu-leiar@demo.no");
    const victims = [await cookieFor("ssu-leiar@demo.no"), await cookieFor("ssu-leiar@demo.no")];
    const admin = await cookieFor("admin@demo.no");
    const page = await run(() => adminUserLoader(args(getRequest(`/admin/brukarar/${id}`, { cookie: admin }), { id })));
    expect((await page.json()).user.activeSessions).toBeGreaterThanOrEqual(2);
    const unconfirmed = await run(() => adminUserAction(args(formRequest(`/admin/brukarar/${id}`, { intent: "revoke-sessions" }, { cookie: admin }), { id })));
    expect(unconfirmed.status).toBe(400);
    for (const c of victims) expect(await getSessionUser(getRequest("/", { cookie: c }))).not.toBeNull();
    const res = await run(() => adminUserAction(args(formRequest(`/admin/brukarar/${id}`, { intent: "revoke-sessions", confirm: "yes" }, { cookie: admin }), { id })));
    expect(res.status).toBe(303);
    for (const c of victims) expect(await getSessionUser(getRequest("/", { cookie: c }))).toBeNull();
    expect(await getSessionUser(getRequest("/", { cookie: admin }))).not.toBeNull();
    const audit = await lastAudit("user.sessions_revoked", id);
    expect(audit.actorLabel).toBeTruthy();
    expect((audit.after as { sessionsRevoked: number }).sessionsRevoked).toBeGreaterThanOrEqual(2);
  });

  it("changes a role with before/after in the audit trail, never the admin's own, only to a known role", async () => {
    const id = await userId("fsu-rehab@demo.no");
    const adminId = await userId("admin@demo.no");
    const admin = await cookieFor("admin@demo.no");
    const change = (target: string, role: string) =>
      run(() => adminUserAction(args(formRequest(`/admin/brukarar/${target}`, { intent: "role", role }, { cookie: admin }), { id: target })));
    const bad = await change(id, "superuser");
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.error).toEqual({ role: ["adminUser.roleInvalid"] });
    const self = await change(adminId, "reporter");
    expect(self.status).toBe(400);
    expect((await self.json()).result.error).toEqual({ role: ["security:adminUser.roleSelf"] });
    expect(first(await db().select({ role: users.role }).from(users).where(eq(users.id, adminId))).role).toBe("admin");
    const ok = await change(id, "secretariat");
    expect(ok.status).toBe(303);
    expect(first(await db().select({ role: users.role }).from(users).where(eq(users.id, id))).role).toBe("secretariat");
    const audit = await lastAudit("user.role_changed", id);
    expect(audit.before).toEqual({ role: "committee_member" });
    expect(audit.after).toEqual({ role: "secretariat" });
    expect(audit.actorUserId).toBe(adminId);
    expect(audit.at).toBeInstanceOf(Date);
    await change(id, "committee_member");
  });
});

describe("account operations called directly (actor, input)", () => {
  it("refuses a wrong current password on its field; refuses non-admins, unknown users and the admin's own role", async () => {
    const { user: reporter } = await userFor("ke-alesund@demo.no");
    expect(await refusal(changePassword(reporter, { current: "feil-passord", next: "eit-heilt-nytt-passord" }))).toEqual({
      code: "security:password.errors.currentWrong",
      kind: "invalid",
      field: "current",
    });
    const { user: admin } = await userFor("admin@demo.no");
    const target = await userId("fsu-rehab@demo.no");
    expect(await refusal(userForAdmin(reporter, target))).toMatchObject({ code: "security:adminUser.forbidden", kind: "forbidden" });
    expect(await refusal(userForAdmin(admin, "ikkje-ein-uuid"))).toMatchObject({ kind: "notFound" });
    expect(await refusal(changeRole(admin, { id: admin.id, role: "reporter" }))).toEqual({ code: "security:adminUser.roleSelf", kind: "invalid", field: "role" });
    expect(await changeRole(admin, { id: target, role: "committee_member" })).toBe("unchanged");
  });
});
