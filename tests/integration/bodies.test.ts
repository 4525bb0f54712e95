/**
 * Bodies and memberships (issue 13): the admin's operations on bodies and memberships, audited;
 * access that derives from membership (app/models/access.ts) — a membership that ended yesterday
 * gives no access today, a closed body takes no new case or meeting, the SSU deputy leader reaches
 * the cases under assessment.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, bodyMemberships, users } from "../../db/schema";
import { canReachAssessment, isCurrentTerm, isSsuLeadership } from "~/models/access";
import { addMembership, closeBody, createBody, endMembership, getBodyAdmin, listBodiesAdmin, updateBody, updateMembership } from "~/models/bodies.server";
import { bodyError } from "~/models/body-forms.server";
import { getCaseForUser, routeCase } from "~/models/case-workflow.server";
import { listInbox, parseInboxQuery } from "~/models/inbox.server";
import { getBodyPage, createMeeting } from "~/models/meetings.server";
import { meetingError } from "~/models/meeting-forms.server";
import { loader as inboxLoader } from "~/routes/sekretariat._index";
import { DomainError } from "~/services/domain-error";
import { osloDate } from "~/services/oslo-time";
import { useTestDatabase } from "../support/db";
import { args, getRequest, run } from "../support/http";
import { insertCase, userFor } from "../support/cases-secretariat";

useTestDatabase();

async function refused(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the operation to be refused");
}

/** A value a fixture must have produced (the database returned a row). */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("fixture missing");
  return value;
}
const newCase = async (values: Parameters<typeof insertCase>[0]) => must(await insertCase(values));

const dayOffset = (days: number) => osloDate(new Date(Date.now() + days * 86_400_000));
const texts = (shortName: string) => ({
  shortName,
  name_nn: `Lokalt samarbeidsutval ${shortName}`,
  name_nb: "",
  name_en: "",
  description_nn: "Eit nytt lokalt utval.",
  description_nb: "",
  description_en: "",
});
const terms = { role: "member" as const, representsParty: null, representsOrganisation: "", endsOn: null };

async function newUser(email: string) {
  await db()
    .insert(users)
    .values({ email, name: `Testperson ${email}`, role: "committee_member" });
  return email;
}

/** Guideline point 3: these tests are about bodies, so the secretariat routes without a tilråding, with a recorded reason. */
const WAIVER = "Testar utval: ruta utan tilråding.";

describe(`bodies and memberships (${process.env.TEST_DB})`, () => {
  it("access.ts: half-open terms, SSU leadership from the role in the SSU body", () => {
    expect(isCurrentTerm({ startsOn: "2025-01-01", endsOn: "2025-02-01" }, "2025-01-31")).toBe(true);
    expect(isCurrentTerm({ startsOn: "2025-01-01", endsOn: "2025-02-01" }, "2025-02-01")).toBe(false);
    expect(isCurrentTerm({ startsOn: "2025-01-01", endsOn: null }, "2024-12-31")).toBe(false);
    expect(isCurrentTerm({ startsOn: null, endsOn: null }, "1999-01-01")).toBe(true);
    const u = (kind: "ssu" | "fsu", role: "leader" | "deputy_leader" | "member") => ({ role: "committee_member" as const, memberships: [{ bodyId: 1, slug: "x", kind, role }] });
    expect(isSsuLeadership(u("ssu", "deputy_leader"))).toBe(true);
    expect(isSsuLeadership(u("ssu", "member"))).toBe(false);
    expect(isSsuLeadership(u("fsu", "leader"))).toBe(false);
    expect(canReachAssessment(u("fsu", "leader"))).toBe(false);
  });

  it("createBody / updateBody / closeBody: admin only, audited; the secretariat reads the list", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const { user: sec } = await userFor("sekretariat@demo.no");
    const forbidden = await refused(createBody(sec, { ...texts("LSU Test"), kind: "lsu", establishedOn: "2025-01-01" }));
    expect([forbidden.code, forbidden.kind]).toEqual([bodyError("forbidden"), "forbidden"]);
    const body = await createBody(admin, { ...texts("LSU Test"), kind: "lsu", establishedOn: "2025-01-01" });
    expect(body.slug).toBe("lsu-test");
    expect(body.name).toEqual({ nn: "Lokalt samarbeidsutval LSU Test", nb: "Lokalt samarbeidsutval LSU Test", en: "Lokalt samarbeidsutval LSU Test" });
    const taken = await refused(createBody(admin, { ...texts("LSU Test"), kind: "lsu", establishedOn: "2025-01-01" }));
    expect([taken.code, taken.kind, taken.field]).toEqual([bodyError("slugTaken"), "conflict", "shortName"]);

    await updateBody(admin, { ...texts("LSU Testby"), slug: "lsu-test", name_en: "Local committee Testby" });
    const list = await listBodiesAdmin(sec, { page: 1 });
    const row = list.rows.find((r) => r.slug === "lsu-test");
    expect(row).toMatchObject({ shortName: "LSU Testby", kind: "lsu", establishedOn: "2025-01-01", closedOn: null, memberCount: 0, open: true });
    expect(list.canEdit).toBe(false);
    const { user: fsu } = await userFor("fsu-rehab@demo.no");
    expect((await refused(listBodiesAdmin(fsu, { page: 1 }))).kind).toBe("forbidden");

    const before = await refused(closeBody(admin, { slug: "lsu-test", closedOn: "2024-12-31" }));
    expect([before.code, before.field]).toEqual([bodyError("closeBeforeStart"), "closedOn"]);
    await closeBody(admin, { slug: "lsu-test", closedOn: osloDate() });
    expect((await refused(closeBody(admin, { slug: "lsu-test", closedOn: osloDate() }))).code).toBe(bodyError("alreadyClosed"));
    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "body"), eq(auditLog.entityId, String(body.id))));
    expect(audit.map((a) => a.action)).toEqual(["body.create", "body.update", "body.close"]);
  });

  it("a closed body keeps its meetings and cases and takes no new case, meeting or member", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const { user: sec } = await userFor("sekretariat@demo.no");
    const body = await createBody(admin, { ...texts("LSU Nedlagt"), kind: "lsu", establishedOn: "2024-01-01" });
    const meeting = must(await createMeeting(sec, { slug: body.slug, date: "2031-01-01", time: "10:00", location: "Molde" }));
    const routed = await newCase({ status: "under_assessment" });
    await routeCase(sec, { caseId: routed.id, expectedVersion: routed.version, bodyId: body.id, waiverReason: WAIVER });
    await closeBody(admin, { slug: body.slug, closedOn: osloDate() });

    const noMeeting = await refused(createMeeting(sec, { slug: body.slug, date: "2031-02-01", time: "10:00", location: "Molde" }));
    expect([noMeeting.code, noMeeting.kind]).toEqual([meetingError("bodyClosed"), "conflict"]);
    const c = await newCase({ status: "under_assessment" });
    const noCase = await refused(routeCase(sec, { caseId: c.id, expectedVersion: c.version, bodyId: body.id, waiverReason: WAIVER }));
    expect([noCase.code, noCase.kind, noCase.field]).toEqual(["cases-secretariat:errors.bodyClosed", "conflict", "bodyId"]);
    const noMember = await refused(addMembership(admin, { ...terms, slug: body.slug, email: "fsu-rehab@demo.no", startsOn: osloDate() }));
    expect(noMember.code).toBe(bodyError("bodyClosed"));
    // The old ones stay.
    const page = await getBodyPage(sec, body.slug, { upcomingPage: 1, pastPage: 1 });
    expect(page.upcoming.map((m) => m.id)).toContain(meeting.id);
    expect((await getCaseForUser(sec, routed.id)).case.bodyId).toBe(body.id);
  });

  it("add, edit and end a membership: audited; a membership that ended yesterday gives no access today", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const { user: sec } = await userFor("sekretariat@demo.no");
    const body = await createBody(admin, { ...texts("LSU Medlem"), kind: "lsu", establishedOn: "2024-01-01" });
    const email = await newUser("lsu-medlem@test.no");
    const c = await newCase({ status: "under_assessment" });
    await routeCase(sec, { caseId: c.id, expectedVersion: c.version, bodyId: body.id, waiverReason: WAIVER });

    const before = await userFor(email);
    expect(before.user.memberships).toEqual([]);
    expect((await refused(getCaseForUser(before.user, c.id))).kind).toBe("forbidden");

    const unknown = await refused(addMembership(admin, { ...terms, slug: body.slug, email: "finst-ikkje@test.no", startsOn: dayOffset(-30) }));
    expect([unknown.code, unknown.field]).toEqual([bodyError("unknownUser"), "email"]);
    const m = await addMembership(admin, { ...terms, slug: body.slug, email, startsOn: dayOffset(-30), representsParty: "1506" });
    const overlap = await refused(addMembership(admin, { ...terms, slug: body.slug, email, startsOn: dayOffset(-1) }));
    expect([overlap.code, overlap.kind]).toEqual([bodyError("overlap"), "conflict"]);

    const member = await userFor(email);
    expect(member.user.memberships).toEqual([{ bodyId: body.id, slug: body.slug, kind: "lsu", role: "member" }]);
    expect((await getCaseForUser(member.user, c.id)).case.id).toBe(c.id);
    expect((await getBodyPage(member.user, body.slug, { upcomingPage: 1, pastPage: 1 })).cases.map((x) => x.id)).toContain(c.id);

    const edited = await updateMembership(admin, {
      ...terms,
      slug: body.slug,
      membershipId: m.id,
      version: m.version,
      role: "substitute",
      startsOn: dayOffset(-30),
      representsParty: null,
      representsOrganisation: "Brukarutvalet",
    });
    expect(edited).toMatchObject({ role: "substitute", representsParty: null, representsOrganisation: "Brukarutvalet", version: 2 });
    const stale = await refused(updateMembership(admin, { ...terms, slug: body.slug, membershipId: m.id, version: 1, startsOn: dayOffset(-30) }));
    expect(stale.code).toBe(bodyError("stale"));

    // Ended with today as the first day without: the last day was yesterday.
    await endMembership(admin, { slug: body.slug, membershipId: m.id, version: 2, endsOn: osloDate() });
    const after = await userFor(email);
    expect(after.user.memberships).toEqual([]);
    expect((await refused(getCaseForUser(after.user, c.id))).kind).toBe("forbidden");
    expect((await getBodyPage(after.user, body.slug, { upcomingPage: 1, pastPage: 1 })).cases).toEqual([]);

    // History stays visible, separately.
    const admin_ = await getBodyAdmin(sec, { slug: body.slug, page: 1, endedPage: 1 });
    expect(admin_.current).toEqual([]);
    expect(admin_.ended.map((x) => [x.userEmail, x.role, x.endsOn])).toEqual([[email, "substitute", osloDate()]]);
    const [row] = await db().select().from(bodyMemberships).where(eq(bodyMemberships.id, m.id));
    expect(row?.endedBy).toBe(admin.id);
    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "body"), eq(auditLog.entityId, String(body.id))));
    expect(audit.map((a) => a.action)).toEqual(["body.create", "membership.add", "membership.update", "membership.end"]);
    expect((await refused(endMembership(sec, { slug: body.slug, membershipId: m.id, version: 3, endsOn: osloDate() }))).kind).toBe("forbidden");
  });

  it("a membership that starts tomorrow gives no access yet", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const email = await newUser("framtidig@test.no");
    await addMembership(admin, { ...terms, slug: "lsu-volda", email, startsOn: dayOffset(1) });
    expect((await userFor(email)).user.memberships).toEqual([]);
  });

  it("the SSU deputy leader reaches the cases under assessment (inbox and case page) and gives advice; an FSU member does not", async () => {
    const { user: deputy, cookie } = await userFor("ssu-nestleiar@demo.no");
    expect(deputy.memberships.map((m) => [m.slug, m.role])).toEqual([["ssu", "deputy_leader"]]);
    const assessed = await newCase({ status: "under_assessment", title: "Til vurdering hos SSU" });
    const received = await newCase({ status: "received", title: "Berre motteken" });

    const inbox = await listInbox(deputy, parseInboxQuery(new URLSearchParams("status=received")));
    expect(inbox.scope).toBe("assessment");
    expect(inbox.rows.every((r) => r.status === "under_assessment")).toBe(true);
    expect(inbox.rows.map((r) => r.id)).toContain(assessed.id);
    expect(inbox.rows.map((r) => r.id)).not.toContain(received.id);
    expect(inbox.overdue).toEqual([]);

    const res = await run(() => inboxLoader(args(getRequest("/sekretariat", { cookie }))));
    expect(res.status).toBe(200);
    const page = await getCaseForUser(deputy, assessed.id);
    expect(page.permissions).toMatchObject({ secretariat: false, seesContact: true, canComment: true, actions: [] });
    expect((await refused(getCaseForUser(deputy, received.id))).kind).toBe("forbidden");

    const { user: fsu, cookie: fsuCookie } = await userFor("fsu-rehab@demo.no");
    expect((await refused(listInbox(fsu, parseInboxQuery(new URLSearchParams())))).kind).toBe("forbidden");
    expect((await run(() => inboxLoader(args(getRequest("/sekretariat", { cookie: fsuCookie }))))).status).toBe(403);
  });

  it("the SSU leader loses the assessment work the day the membership ends", async () => {
    const { user: admin } = await userFor("admin@demo.no");
    const email = await newUser("tidlegare-ssu@test.no");
    const m = await addMembership(admin, { ...terms, role: "leader", slug: "ssu", email, startsOn: dayOffset(-400) });
    expect(isSsuLeadership((await userFor(email)).user)).toBe(true);
    await endMembership(admin, { slug: "ssu", membershipId: m.id, version: m.version, endsOn: osloDate() });
    const { user } = await userFor(email);
    expect(isSsuLeadership(user)).toBe(false);
    expect((await refused(listInbox(user, parseInboxQuery(new URLSearchParams())))).kind).toBe("forbidden");
  });
});
