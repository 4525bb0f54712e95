/**
 * People (issue 13): creating a user with an invitation, single-use set-password links (used,
 * expired, unknown), deactivation (sessions revoked at once), the last-admin rule, the
 * forgotten-password request (the same answer either way) and the two-party reporter's scope.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, checklists, evaluationRounds, outbox, userParties, users, userTokens } from "../../db/schema";
import { DEMO_PASSWORD } from "../../db/seed";
import { checklistIndex, openChecklist } from "~/models/checklists.server";
import {
  createUser,
  createUserAs,
  linkState,
  listUsers,
  requestPasswordReset,
  setPasswordWithLink,
  setUserActive,
  updateUser,
  userFieldsSchema,
  userListSchema,
} from "~/models/people.server";
import { DomainError } from "~/services/domain-error";
import { openSecret } from "~/services/mail.server";
import { verifyLogin } from "~/services/auth.server";
import { getSessionUser } from "~/http/session.server";
import { action as forgotAction } from "~/routes/glemt-passord";
import { action as newUserAction } from "~/routes/admin.brukarar.ny";
import { action as linkAction, loader as linkLoader } from "~/routes/passord.$token";
import { loader as usersLoader } from "~/routes/admin.brukarar._index";
import { userFor } from "../support/cases-secretariat";
import { useTestDatabase } from "../support/db";
import { seedAllDemoData } from "../support/routes";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";

useTestDatabase();

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, kind: error.kind, field: error.field };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** The link of the newest mail of a kind to an address, opened from its sealed secret. */
async function linkFor(to: string, kind: string) {
  const [mail] = await db()
    .select({ secret: outbox.secret, textBody: outbox.textBody })
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), eq(outbox.kind, kind)))
    .orderBy(desc(outbox.id))
    .limit(1);
  if (!mail?.secret) throw new Error(`no ${kind} mail to ${to}`);
  const link = openSecret(mail.secret);
  if (!link) throw new Error("unreadable link");
  expect(mail.textBody).not.toContain(link); // never stored readable
  return { link, token: link.split("/passord/")[1] ?? "" };
}

const STRONG = "ein lang og god passordsetning";

describe("creating and inviting", () => {
  it("creates a user with two parties, queues an invitation and audits it; the link sets a password once", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const { id } = await createUser(admin, { name: "Kari Koordinator", email: "kari@kommune.no", role: "reporter", parties: ["1525", "1578"] });
    const parties = await db().select().from(userParties).where(eq(userParties.userId, id));
    expect(parties.map((p) => p.partyNumber).sort()).toEqual(["1525", "1578"]);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "user.created")));
    expect(audit?.after).toMatchObject({ role: "reporter", parties: ["1525", "1578"] });
    const { link, token } = await linkFor("kari@kommune.no", "user_invite");
    expect(link.startsWith("http://")).toBe(true);
    // Only the SHA-256 of the token is stored.
    expect((await db().select({ h: userTokens.tokenHash }).from(userTokens).where(eq(userTokens.userId, id))).map((r) => r.h)).not.toContain(token);
    expect(await linkState({ token })).toEqual({ purpose: "invite", state: "valid" });
    const page = await run(() => linkLoader(args(getRequest(`/passord/${token}`), { token })));
    expect(page.status).toBe(200);
    const set = await run(() => linkAction(args(formRequest(`/passord/${token}`, { password: STRONG, repeat: STRONG }), { token })));
    expect(set.status).toBe(303);
    expect(set.headers.get("Location")).toBe("/logg-inn?passord=sett");
    await expect(verifyLogin("kari@kommune.no", STRONG)).resolves.toEqual({ id });
    // Used: 410 with the page that says so; a second use changes nothing.
    const used = await run(() => linkLoader(args(getRequest(`/passord/${token}`), { token })));
    expect(used.status).toBe(410);
    expect(await used.json()).toEqual({ purpose: "invite", state: "used" });
    const again = await run(() => linkAction(args(formRequest(`/passord/${token}`, { password: "eit anna langt passord", repeat: "eit anna langt passord" }), { token })));
    expect(again.status).toBe(410);
    await expect(verifyLogin("kari@kommune.no", STRONG)).resolves.toEqual({ id });
  });

  it("refuses a duplicate e-mail next to the field (409), nothing written", async () => {
    const cookie = await cookieFor("admin@demo.no");
    const before = await db().$count(users);
    const res = await run(() =>
      newUserAction(args(formRequest("/admin/brukarar/ny", { name: "Dobbel", email: "KE-Molde@demo.no", role: "reporter", parties: "1506" }, { cookie }))),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).result.error).toEqual({ email: ["people:errors.emailTaken"] });
    expect(await db().$count(users)).toBe(before);
    const bad = await run(() => newUserAction(args(formRequest("/admin/brukarar/ny", { name: "", email: "ikkje-ei-adresse", role: "konge" }, { cookie }))));
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).result.error).sort()).toEqual(["email", "name", "role"]);
    const party = await run(() => newUserAction(args(formRequest("/admin/brukarar/ny", { name: "Ny", email: "ny@kommune.no", role: "reporter", parties: "0000" }, { cookie }))));
    expect(party.status).toBe(400);
    expect(await db().$count(users)).toBe(before);
  });

  it("answers an expired link with 410 and an unknown one with 404", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const created = new Date(Date.now() - 73 * 3600_000);
    await createUser(admin, { name: "Sein", email: "sein@kommune.no", role: "committee_member", parties: [] }, created);
    const { token } = await linkFor("sein@kommune.no", "user_invite");
    const expired = await run(() => linkLoader(args(getRequest(`/passord/${token}`), { token })));
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ purpose: "invite", state: "expired" });
    expect(await refusal(setPasswordWithLink({ token, password: STRONG }))).toMatchObject({ code: "people:link.expired", kind: "conflict" });
    const unknown = "x".repeat(43);
    expect((await run(() => linkLoader(args(getRequest(`/passord/${unknown}`), { token: unknown })))).status).toBe(404);
    expect((await run(() => linkLoader(args(getRequest("/passord/%00"), { token: "\u0000" })))).status).toBe(404);
  });
});

describe("deactivation and the last admin", () => {
  it("deactivating revokes every session at once; reactivating keeps history", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const victim = await cookieFor("ke-alesund@demo.no");
    const { user: target } = await userFor("ke-alesund@demo.no");
    expect(await getSessionUser(getRequest("/", { cookie: victim }))).not.toBeNull();
    expect(await refusal(setUserActive(admin, { id: admin.id, active: false }))).toMatchObject({ code: "people:errors.deactivateSelf", kind: "conflict" });
    const { sessionsRevoked } = await setUserActive(admin, { id: target.id, active: false });
    expect(sessionsRevoked).toBeGreaterThanOrEqual(2);
    expect(await getSessionUser(getRequest("/", { cookie: victim }))).toBeNull();
    await expect(verifyLogin("ke-alesund@demo.no", DEMO_PASSWORD)).rejects.toThrow("invalid_credentials");
    const listed = await listUsers(admin, userListSchema.parse({ status: "deactivated" }));
    expect(listed.rows.map((r) => r.email)).toEqual(["ke-alesund@demo.no"]);
    await setUserActive(admin, { id: target.id, active: true });
    await expect(verifyLogin("ke-alesund@demo.no", DEMO_PASSWORD)).resolves.toBeTruthy();
    const actions = (await db().select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, target.id))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["user.deactivated", "user.reactivated"]));
  });

  it("never leaves the service without an active admin, even when two admins act at once", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    await createUser(admin, { name: "Admin To", email: "admin2@kommune.no", role: "admin", parties: [] });
    const { user: second } = await userFor("admin2@kommune.no");
    // Each demotes the other at the same moment: exactly one succeeds.
    const fields = (u: { name: string; email: string }) => ({ name: u.name, email: u.email, role: "secretariat" as const, parties: [] });
    const results = await Promise.allSettled([updateUser(admin, { id: second.id, ...fields(second) }), updateUser(second, { id: admin.id, ...fields(admin) })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason instanceof DomainError ? rejected.reason.code : null).toBe("people:errors.lastAdmin");
    const admins = await db()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)));
    expect(admins).toHaveLength(1);
  });

  it("an admin cannot deactivate the last active admin, nor change their own role", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const { id } = await createUser(admin, { name: "Admin Tre", email: "admin3@kommune.no", role: "admin", parties: [] });
    const { user: third } = await userFor("admin3@kommune.no");
    await setUserActive(admin, { id, active: false });
    // The third admin's request, already under way when they were deactivated, finds no other active admin.
    expect(await refusal(setUserActive(third, { id: admin.id, active: false }))).toMatchObject({ code: "people:errors.lastAdmin", kind: "conflict" });
    expect(await refusal(updateUser(admin, { id: admin.id, name: admin.name, email: admin.email, role: "secretariat", parties: [] }))).toMatchObject({
      code: "people:errors.roleSelf",
      field: "role",
    });
    const [still] = await db().select({ active: users.active, role: users.role }).from(users).where(eq(users.id, admin.id));
    expect(still).toEqual({ active: true, role: "admin" });
  });
});

describe("the forgotten password", () => {
  it("answers the same for a known, an unknown and a deactivated address; only the known, active one gets a link (1 h)", async () => {
    const answer = async (email: string) => {
      const res = await run(() => forgotAction({ request: formRequest("/glemt-passord", { email }), params: {}, context: { clientIp: `198.51.100.${email.length}` } }));
      return { status: res.status, location: res.headers.get("Location"), body: await res.text() };
    };
    const mailsBefore = await db().$count(outbox);
    const known = await answer("ke-hf@demo.no");
    const unknown = await answer("finst-ikkje@demo.no");
    await db().update(users).set({ active: false }).where(eq(users.email, "ke-molde@demo.no"));
    const deactivated = await answer("ke-molde@demo.no");
    await db().update(users).set({ active: true }).where(eq(users.email, "ke-molde@demo.no"));
    expect(unknown).toEqual(known);
    expect(deactivated).toEqual(known);
    expect(known.status).toBe(303);
    expect(await db().$count(outbox)).toBe(mailsBefore + 1);
    const { token } = await linkFor("ke-hf@demo.no", "password_reset");
    expect(await linkState({ token })).toEqual({ purpose: "reset", state: "valid" });
    const [row] = await db().select({ expiresAt: userTokens.expiresAt, createdAt: userTokens.createdAt }).from(userTokens).where(eq(userTokens.purpose, "reset"));
    expect(row && row.expiresAt.getTime() - row.createdAt.getTime()).toBe(3600_000);
    // Setting the password revokes every session of the user.
    const session = await cookieFor("ke-hf@demo.no");
    await setPasswordWithLink({ token, password: STRONG });
    expect(await getSessionUser(getRequest("/", { cookie: session }))).toBeNull();
    await expect(verifyLogin("ke-hf@demo.no", STRONG)).resolves.toBeTruthy();
    // An hour later, a link is expired.
    await requestPasswordReset({ email: "ke-hf@demo.no" }, new Date(Date.now() - 2 * 3600_000));
    const late = await linkFor("ke-hf@demo.no", "password_reset");
    expect((await linkState({ token: late.token })).state).toBe("expired");
  });

  it("is rate limited like sign-in (429 with Retry-After)", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await run(() => forgotAction({ request: formRequest("/glemt-passord", { email: "flood@demo.no" }), params: {}, context: { clientIp: "203.0.113.9" } }));
    }
    expect(last?.status).toBe(429);
    expect(last?.headers.get("Retry-After")).toBeTruthy();
  });
});

describe("a reporter for two parties", () => {
  beforeAll(seedAllDemoData, 120_000);

  it("sees and opens the checklists of both parties, not a third; the session lists both", async () => {
    const { user } = await userFor("ke-indre@demo.no");
    expect(user.partyNumbers).toEqual(["1525", "1578"]);
    const { own } = await checklistIndex(user);
    const parties = new Set(own?.map((c) => c.partyNumber));
    expect([...parties].sort()).toEqual(["1525", "1578"]);
    for (const party of ["1525", "1578"]) {
      const [c] = await db()
        .select({ id: checklists.id })
        .from(checklists)
        .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
        .where(eq(checklists.partyNumber, party))
        .limit(1);
      expect(c).toBeDefined();
      if (c) expect((await openChecklist(user, { checklistId: c.id, write: true })).canWrite).toBe(true);
    }
    const [molde] = await db().select({ id: checklists.id }).from(checklists).where(eq(checklists.partyNumber, "1506")).limit(1);
    if (molde) expect(await refusal(openChecklist(user, { checklistId: molde.id }))).toMatchObject({ kind: "notFound" });
  });

  it("the admin's list searches, filters and shows both affiliations and the last sign-in", async () => {
    const cookie = await cookieFor("admin@demo.no");
    await cookieFor("ke-indre@demo.no");
    const res = await run(() => usersLoader(args(getRequest("/admin/brukarar?q=indre&rolle=reporter&sorter=lastSignIn", { cookie }))));
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.total).toBe(1);
    expect(data.rows[0]).toMatchObject({
      email: "ke-indre@demo.no",
      parties: [
        { number: "1578", name: "Fjord" },
        { number: "1525", name: "Stranda" },
      ],
      active: true,
    });
    expect(data.rows[0].lastSignInAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const none = await (await run(() => usersLoader(args(getRequest("/admin/brukarar?q=%25", { cookie }))))).json();
    expect(none.total).toBe(0);
  });
});

describe("the user:create script's operation", () => {
  it("creates a user with a printed link only (no mail), audited under the script's name", async () => {
    const mails = await db().$count(outbox);
    const { id, link } = await createUserAs(
      { id: null, label: "user:create (CLI)" },
      userFieldsSchema.parse({ email: " Forste@Example.no ", name: "Første Admin", role: "admin" }),
      {
        mail: false,
      },
    );
    expect(await db().$count(outbox)).toBe(mails);
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/passord\/[A-Za-z0-9_-]{43}$/);
    const token = link.url.split("/passord/")[1] ?? "";
    await setPasswordWithLink({ token, password: STRONG });
    await expect(verifyLogin("forste@example.no", STRONG)).resolves.toEqual({ id });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "user.created")));
    expect(audit?.actorLabel).toBe("user:create (CLI)");
  });
});
