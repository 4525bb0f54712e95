/**
 * Mi side (issue 14): the sections each role and membership gets, their order (most urgent
 * first), counts, caps and links; the empty states; the page as HTML; and a constant number of
 * statements whatever the role and the amount of data (as tests/integration/dashboard.test.ts).
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loader } from "~/routes/mi-side._index";
import { addDays, myWork, SECTION_LIMIT, type MyWorkSection, type MyWorkSectionId } from "~/models/my-page.server";
import { createRound } from "~/models/checklists.server";
import { osloDate } from "~/services/oslo-time";
import { db, queryCounter } from "../../db/client";
import { agendaItems, auditLog, caseAdvice, checklistAnswers, checklists, followUpTasks, measures, meetings, plans, users, userTokens } from "../../db/schema";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { args, cookieFor, getRequest, run } from "../support/http";
import { createAppHandler } from "../support/remix-app";
import { useTestDatabase } from "../support/db";
import { first } from "../support/one";

// One database for the file: the sections read the whole database, so the describe blocks build on each other in order.
useTestDatabase();

const NOW = new Date();
const TODAY = osloDate(NOW);
const DAY = 86_400_000;
const daysFromNow = (n: number) => new Date(NOW.getTime() + n * DAY);

const SECRETARIAT = "sekretariat@demo.no";
const SSU_LEADER = "ssu-leiar@demo.no";
const SSU_DEPUTY = "ssu-nestleiar@demo.no";
const FSU_MEMBER = "fsu-rehab@demo.no";
const TWO_PARTIES = "ke-indre@demo.no"; // reports for Stranda (1525) and Fjord (1578)
const ADMIN = "admin@demo.no";
const NOBODY = "ingen-oppgaver@demo.no"; // a committee member without a current membership

const VIEWERS = [SECRETARIAT, SSU_LEADER, SSU_DEPUTY, FSU_MEMBER, TWO_PARTIES, ADMIN, NOBODY] as const;

/** The sections each viewer gets, in the page's order. */
const EXPECTED_SECTIONS: Record<(typeof VIEWERS)[number], MyWorkSectionId[]> = {
  // The secretariat's leader is also a member of the joint secretariat (a body).
  [SECRETARIAT]: ["newCases", "awaitingAdvice", "advised", "routed", "meetings", "overdueTasks", "rounds", "nextMeetings", "myTasks"],
  [SSU_LEADER]: ["forAssessment", "nextMeetings", "myTasks"],
  [SSU_DEPUTY]: ["forAssessment", "nextMeetings", "myTasks"],
  [FSU_MEMBER]: ["nextMeetings", "myTasks"],
  [TWO_PARTIES]: ["checklists"],
  [ADMIN]: ["invitations"],
  [NOBODY]: ["nextMeetings", "myTasks"],
};

async function workOf(email: string) {
  const { user } = await userFor(email);
  return myWork(user, { now: NOW });
}

function sectionOf<Id extends MyWorkSectionId>(work: { sections: MyWorkSection[] }, id: Id): Extract<MyWorkSection, { id: Id }> {
  const s = work.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s as Extract<MyWorkSection, { id: Id }>;
}

/** Statements run by the page's loader for a viewer (the session lookup included). */
async function loaderQueries(email: string) {
  const cookie = await cookieFor(email);
  queryCounter.count = 0;
  const res = await run(() => loader(args(getRequest("/mi-side", { cookie }))));
  expect(res.status).toBe(200);
  return queryCounter.count;
}

let handler: Awaited<ReturnType<typeof createAppHandler>>;
async function page(email: string, lang = "nn") {
  const cookie = await cookieFor(email);
  const res = await handler(new Request(`http://localhost:3000/mi-side`, { headers: { Cookie: cookie, "Accept-Language": lang } }), { clientIp: "198.18.0.21" });
  expect(res.status).toBe(200);
  return res.text();
}

const fewQueries = new Map<string, number>();

beforeAll(async () => {
  await db().insert(users).values({ email: NOBODY, name: "Utan oppgåver", role: "committee_member" });
  handler = await createAppHandler();
}, 60_000);

describe("with nothing to do", () => {
  it.each(VIEWERS)("%s gets their sections, each empty with a count of 0", async (email) => {
    const work = await workOf(email);
    expect(work.today).toBe(TODAY);
    expect(work.sections.map((s) => s.id)).toEqual(EXPECTED_SECTIONS[email]);
    for (const s of work.sections) expect({ id: s.id, count: s.count, items: s.items }).toEqual({ id: s.id, count: 0, items: [] });
  });

  it("runs one statement per page whatever the role (counted before any data is added)", async () => {
    for (const email of VIEWERS) {
      const { user } = await userFor(email);
      queryCounter.count = 0;
      await myWork(user, { now: NOW });
      expect(queryCounter.count, email).toBe(1);
      fewQueries.set(email, await loaderQueries(email));
    }
  });

  it("the page says plainly that each list is empty, links the notice settings and has a heading per section", async () => {
    const html = await page(SECRETARIAT);
    expect(html).toContain("<h1");
    expect(html).toContain(">Mi side</h1>");
    expect(html).toContain('href="/mi-side/varsel"');
    expect(html).toContain("Varselinnstillingar");
    for (const sentence of [
      "Ingen nye saker.",
      "Ingen saker ventar på tilråding.",
      "Ingen fordelte saker ventar på ei saksliste.",
      "Ingen møte ventar på saksliste eller referat.",
      "Ingen oppgåver på overtid.",
      "Ingen rundar nær fristen manglar svar.",
      "Ingen møte er planlagde i utvala dine.",
      "Du har ingen opne oppfølgingsoppgåver.",
    ])
      expect(html).toContain(sentence);
    expect(html.match(/<h2 /g)?.length).toBe(EXPECTED_SECTIONS[SECRETARIAT].length);
    // No "show all" link for an empty list.
    expect(html).not.toContain("Vis alle");
    const nobody = await page(NOBODY, "en");
    expect(nobody).toContain("No meetings are planned in your committees.");
    expect(nobody).toContain("Notification settings");
    expect(await page(TWO_PARTIES, "nb")).toContain("Du har ingen åpne sjekklister.");
    expect(await page(ADMIN)).toContain("Ingen invitasjonar ventar.");
  });
});

describe("with work waiting", () => {
  const c: Record<string, string> = {};
  const m: Record<string, number> = {};
  let roundSoon = 0;
  let roundLater = 0;
  let planMeasures = 0;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const fsu = await bodyId("fsu-rehabilitering");
    const ssu = await bodyId("ssu");
    const { user: secretariat } = await userFor(SECRETARIAT);
    // Cases: two new ones (the older first), two under assessment (sent on different days), one
    // routed, and some that are in no list.
    c.newOld = (await insertCase({ status: "submitted", createdAt: daysFromNow(-5) })).id;
    c.newYoung = (await insertCase({ status: "submitted", createdAt: daysFromNow(-1), urgency: "high" })).id;
    c.assessLate = (await insertCase({ status: "under_assessment", createdAt: daysFromNow(-20) })).id;
    c.assessEarly = (await insertCase({ status: "under_assessment", createdAt: daysFromNow(-10) })).id;
    c.routed = (await insertCase({ status: "routed", bodyId: fsu, createdAt: daysFromNow(-30) })).id;
    // Under assessment with the tilråding given (after it was sent): the secretariat's to decide.
    c.advised = (await insertCase({ status: "under_assessment", createdAt: daysFromNow(-9) })).id;
    // Under assessment again after an earlier tilråding (sent anew): waiting for advice again.
    c.resent = (await insertCase({ status: "under_assessment", createdAt: daysFromNow(-8) })).id;
    await db()
      .insert(caseAdvice)
      .values([
        { caseId: c.advised, authorLabel: "SSU-leiar", authorRole: "leader", recommendation: "reject", justification: "Høyrer ikkje heime her.", createdAt: daysFromNow(-1) },
        { caseId: c.resent, authorLabel: "SSU-leiar", authorRole: "leader", recommendation: "ask_info", justification: "Treng meir.", createdAt: daysFromNow(-7) },
      ]);
    await insertCase({ status: "received" });
    await insertCase({ status: "on_agenda", bodyId: fsu });
    await insertCase({ status: "closed", bodyId: fsu });
    const audit = (caseId: string, action: string, at: Date) => ({ at, actorUserId: secretariat.id, actorLabel: "Sekretariatet", action, entityType: "case", entityId: caseId });
    await db()
      .insert(auditLog)
      .values([
        audit(c.assessEarly, "case.assess", daysFromNow(-4)),
        audit(c.assessLate, "case.assess", daysFromNow(-2)),
        audit(c.routed, "case.route", daysFromNow(-6)),
        audit(c.advised, "case.assess", daysFromNow(-3)),
        audit(c.resent, "case.assess", daysFromNow(-8)),
        audit(c.resent, "case.assess", daysFromNow(-1)),
      ]);
    // Meetings: a past one with draft minutes, an upcoming one without an agenda, an upcoming one
    // with an agenda, a past one published, a cancelled one; and one in SSU.
    const meeting = async (values: Partial<typeof meetings.$inferInsert> & { bodyId: number; startsAt: Date }) =>
      first(await db().insert(meetings).values(values).returning({ id: meetings.id })).id;
    m.pastDraft = await meeting({ bodyId: fsu, title: "Haustmøte", startsAt: daysFromNow(-10), status: "held", minutesStatus: "draft" });
    m.noAgenda = await meeting({ bodyId: fsu, title: "Vintermøte", startsAt: daysFromNow(7) });
    m.withAgenda = await meeting({ bodyId: fsu, title: "Vårmøte", startsAt: daysFromNow(14) });
    m.published = await meeting({ bodyId: fsu, title: "Gamalt møte", startsAt: daysFromNow(-40), status: "held", minutesStatus: "published" });
    m.cancelled = await meeting({ bodyId: fsu, title: "Avlyst", startsAt: daysFromNow(3), status: "cancelled" });
    m.ssu = await meeting({ bodyId: ssu, title: "SSU-møte", startsAt: daysFromNow(21) });
    const item = first(
      await db()
        .insert(agendaItems)
        .values({ meetingId: m.withAgenda, bodyId: fsu, position: 1, kind: "orientation", title: "Orientering om koordinering" })
        .returning({ id: agendaItems.id }),
    );
    const pastItem = first(
      await db()
        .insert(agendaItems)
        .values({ meetingId: m.pastDraft, bodyId: fsu, position: 1, kind: "orientation", title: "Status for tiltaka" })
        .returning({ id: agendaItems.id }),
    );
    // Follow-up tasks: overdue (two, the older first), due later, and done though past due.
    await db()
      .insert(followUpTasks)
      .values([
        { agendaItemId: pastItem.id, what: "Skriv brev til Statsforvaltaren", responsible: "Sekretariatet", dueDate: addDays(TODAY, -1) },
        { agendaItemId: pastItem.id, what: "Kall inn til dialogmøte", responsible: "Sekretariatet", dueDate: addDays(TODAY, -8), status: "in_progress" },
        { agendaItemId: item.id, what: "Lag ei oversikt", responsible: "Sekretariatet", dueDate: addDays(TODAY, 5) },
        { agendaItemId: pastItem.id, what: "Ferdig oppgåve", responsible: "Sekretariatet", dueDate: addDays(TODAY, -20), status: "done" },
      ]);
    // Follow-up tasks given to the FSU member (one overdue, one due later, one without a due date,
    // one done) and to Molde's reporter; one given to nobody in particular.
    const { user: fsuMember } = await userFor(FSU_MEMBER);
    const { user: molde } = await userFor("ke-molde@demo.no");
    const own = (what: string, responsibleUserId: string, dueDate: string | null, status: "open" | "in_progress" | "done" = "open") => ({
      agendaItemId: item.id,
      what,
      responsible: "Namngitt person",
      responsibleUserId,
      dueDate,
      status,
    });
    await db()
      .insert(followUpTasks)
      .values([
        own("Førebu innlegg", fsuMember.id, addDays(TODAY, 5)),
        own("Send utkast til sekretariatet", fsuMember.id, addDays(TODAY, -2), "in_progress"),
        own("Les rapporten", fsuMember.id, null),
        own("Gjort allereie", fsuMember.id, addDays(TODAY, -1), "done"),
        own("Hent tal frå KE", molde.id, addDays(TODAY, 10)),
      ]);
    // Rounds: one with its deadline in a week (every party missing but one), one in a month (not
    // near for the secretariat, but open for the reporter), one closed.
    const plan = first(await db().select().from(plans).where(eq(plans.slug, "ke-ip-koordinator-2017-2020")));
    planMeasures = (await db().select().from(measures).where(eq(measures.planId, plan.id))).length;
    const round = (title: string, deadline: string, status?: "closed") =>
      createRound(secretariat, { planId: plan.id, title, description: "", referenceDate: TODAY, deadline, reminderDaysBefore: 0, ...(status ? { status } : {}) });
    roundSoon = (await round("Runde med frist snart", addDays(TODAY, 7))).id;
    roundLater = (await round("Runde med frist seinare", addDays(TODAY, 30))).id;
    await round("Lukka runde", addDays(TODAY, 2), "closed");
    await db().update(checklists).set({ status: "submitted", submittedAt: NOW }).where(eq(checklists.partyNumber, "1506"));
    // The reporter for Stranda and Fjord has started Stranda's checklist of the near round: two answers.
    const stranda = first(
      await db()
        .select()
        .from(checklists)
        .where(and(eq(checklists.roundId, roundSoon), eq(checklists.partyNumber, "1525"))),
    );
    await db().update(checklists).set({ updatedAt: NOW }).where(eq(checklists.id, stranda.id));
    const ms = await db().select({ id: measures.id }).from(measures).where(eq(measures.planId, plan.id)).limit(3);
    await db()
      .insert(checklistAnswers)
      .values(ms.map((x, i) => ({ checklistId: stranda.id, measureId: x.id, status: i < 2 ? ("i_gang" as const) : null })));
    // Invitations: two pending (the sooner to expire first); expired, used, a reset link and a
    // deactivated user's invitation are not pending.
    const invitee = async (email: string, active = true) =>
      first(
        await db()
          .insert(users)
          .values({ email, name: `Inviterte ${email}`, role: "reporter", active })
          .returning({ id: users.id }),
      ).id;
    const token = (userId: string, purpose: "invite" | "reset", expiresAt: Date, usedAt: Date | null = null) => ({
      userId,
      purpose,
      tokenHash: `${userId}-${expiresAt.getTime()}-${purpose}`,
      expiresAt,
      usedAt,
    });
    tokens.later = await invitee("seinare@kommune.no");
    tokens.sooner = await invitee("snart@kommune.no");
    const expired = await invitee("utgatt@kommune.no");
    const used = await invitee("brukt@kommune.no");
    const inactive = await invitee("deaktivert@kommune.no", false);
    await db()
      .insert(userTokens)
      .values([
        token(tokens.later, "invite", daysFromNow(2)),
        token(tokens.sooner, "invite", daysFromNow(1)),
        token(expired, "invite", daysFromNow(-1)),
        token(used, "invite", daysFromNow(2), daysFromNow(-1)),
        token(used, "reset", daysFromNow(0.02)),
        token(inactive, "invite", daysFromNow(2)),
      ]);
  }, 60_000);

  it("secretariat: new cases oldest first with their age, linked to the case page", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "newCases");
    expect(s.count).toBe(2);
    expect(s.items.map((i) => [i.id, i.ageDays, i.href])).toEqual([
      [c.newOld, 5, `/sekretariat/saker/${c.newOld}`],
      [c.newYoung, 1, `/sekretariat/saker/${c.newYoung}`],
    ]);
    expect(s.items[1]?.urgency).toBe("high");
    expect(s.items[0]?.received).toBe(osloDate(daysFromNow(-5)));
    expect(s.showAll).toBe("/sekretariat?status=submitted&sort=oldest");
  });

  it("secretariat: cases waiting for advice, the longest waiting first, with the date sent (the audit entry case.assess)", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "awaitingAdvice");
    expect(s.items.map((i) => [i.id, i.sentOn])).toEqual([
      [c.assessEarly, osloDate(daysFromNow(-4))],
      [c.assessLate, osloDate(daysFromNow(-2))],
      [c.resent, osloDate(daysFromNow(-1))],
    ]);
    expect(s.showAll).toBe("/sekretariat?status=under_assessment");
  });

  it("secretariat: cases whose tilråding has come since they were sent, with its date and recommendation", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "advised");
    expect(s.items.map((i) => [i.id, i.advisedOn, i.recommendation])).toEqual([[c.advised, osloDate(daysFromNow(-1)), "reject"]]);
  });

  it("secretariat: routed cases not on an agenda, with body and the date routed", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "routed");
    expect(s.items.map((i) => [i.id, i.body, i.routedOn])).toEqual([[c.routed, "FSU rehabilitering", osloDate(daysFromNow(-6))]]);
  });

  it("secretariat: meetings with minutes not published (past) and without an agenda (upcoming), not cancelled or done", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "meetings");
    expect(s.items.map((i) => [i.id, i.need])).toEqual([
      [m.pastDraft, "minutes"],
      [m.noAgenda, "agenda"],
      [m.ssu, "agenda"],
    ]);
    expect(s.items[0]?.href).toBe(`/utval/fsu-rehabilitering/moter/${m.pastDraft}/referat`);
    expect(s.items[1]?.href).toBe(`/utval/fsu-rehabilitering/moter/${m.noAgenda}`);
  });

  it("secretariat: overdue follow-up tasks, the oldest due date first, linked to the meeting", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "overdueTasks");
    expect(s.items.map((i) => [i.what, i.dueDate])).toEqual([
      ["Kall inn til dialogmøte", addDays(TODAY, -8)],
      ["Send utkast til sekretariatet", addDays(TODAY, -2)],
      ["Skriv brev til Statsforvaltaren", addDays(TODAY, -1)],
    ]);
    expect(s.items[0]?.href).toBe(`/utval/fsu-rehabilitering/moter/${m.pastDraft}`);
  });

  it("secretariat: open rounds near the deadline with the number of parties missing, linked to the round", async () => {
    const s = sectionOf(await workOf(SECRETARIAT), "rounds");
    expect(s.items).toHaveLength(1);
    const r = s.items[0];
    expect(r?.id).toBe(roundSoon);
    expect(r?.href).toBe(`/sjekkliste/runde/${roundSoon}`);
    expect(r?.missing).toBe((r?.parties ?? 0) - 1);
    expect(r?.parties).toBeGreaterThan(20);
    expect(r?.deadlinePassed).toBe(false);
    expect(s.items.map((i) => i.id)).not.toContain(roundLater);
  });

  it.each([SSU_LEADER, SSU_DEPUTY] as const)("%s: the cases sent for assessment, with the date sent; the next SSU meeting", async (email) => {
    const work = await workOf(email);
    expect(work.sections.map((s) => s.id)).toEqual(EXPECTED_SECTIONS[email]);
    const s = sectionOf(work, "forAssessment");
    expect(s.items.map((i) => [i.id, i.sentOn, i.href])).toEqual([
      [c.assessEarly, osloDate(daysFromNow(-4)), `/sekretariat/saker/${c.assessEarly}`],
      [c.assessLate, osloDate(daysFromNow(-2)), `/sekretariat/saker/${c.assessLate}`],
      [c.resent, osloDate(daysFromNow(-1)), `/sekretariat/saker/${c.resent}`],
    ]);
    expect(sectionOf(work, "nextMeetings").items.map((i) => i.id)).toEqual([m.ssu]);
  });

  it("body member: the next meetings of their bodies, soonest first, with the number of agenda items and the agenda PDF", async () => {
    const work = await workOf(FSU_MEMBER);
    expect(work.sections.map((s) => s.id)).toEqual(EXPECTED_SECTIONS[FSU_MEMBER]);
    const s = sectionOf(work, "nextMeetings");
    expect(s.items.map((i) => [i.id, i.agendaItems, i.agendaPdf])).toEqual([
      [m.noAgenda, 0, null],
      [m.withAgenda, 1, `/utval/fsu-rehabilitering/moter/${m.withAgenda}/saksliste.pdf`],
    ]);
    expect(s.items[1]?.href).toBe(`/utval/fsu-rehabilitering/moter/${m.withAgenda}`);
    expect(s.items[0]?.date).toBe(osloDate(daysFromNow(7)));
    expect(s.items[0]?.time).toMatch(/^\d\d:\d\d$/);
  });

  it("body member: the follow-up tasks given to them, the nearest due date first, without a due date last, done left out", async () => {
    const s = sectionOf(await workOf(FSU_MEMBER), "myTasks");
    expect(s.items.map((i) => [i.what, i.dueDate, i.overdue])).toEqual([
      ["Send utkast til sekretariatet", addDays(TODAY, -2), true],
      ["Førebu innlegg", addDays(TODAY, 5), false],
      ["Les rapporten", null, false],
    ]);
    expect(s.items[0]?.href).toBe(`/utval/fsu-rehabilitering/moter/${m.withAgenda}`);
    // Nobody else's tasks: the SSU leader and the secretariat have none of their own.
    expect(sectionOf(await workOf(SSU_LEADER), "myTasks").count).toBe(0);
    expect(sectionOf(await workOf(SECRETARIAT), "myTasks").count).toBe(0);
  });

  it("a reporter given a follow-up task sees it beside their checklists", async () => {
    const { user } = await userFor("ke-molde@demo.no");
    const work = await myWork(user, { now: NOW });
    expect(work.sections.map((x) => x.id)).toEqual(["myTasks", "checklists"]);
    expect(sectionOf(work, "myTasks").items.map((i) => i.what)).toEqual(["Hent tal frå KE"]);
  });

  it("reporter for two parties: the open checklists of both, nearest deadline first, with how much is filled in", async () => {
    const work = await workOf(TWO_PARTIES);
    const s = sectionOf(work, "checklists");
    expect(s.items.map((i) => [i.partyNumber, i.deadline, i.answered, i.started])).toEqual([
      ["1578", addDays(TODAY, 7), 0, false],
      ["1525", addDays(TODAY, 7), 2, true],
      ["1578", addDays(TODAY, 30), 0, false],
      ["1525", addDays(TODAY, 30), 0, false],
    ]);
    for (const i of s.items) {
      expect(i.measures).toBe(planMeasures);
      expect(i.href).toBe(`/sjekkliste/${i.id}`);
    }
    expect(s.showAll).toBe("/sjekkliste");
  });

  it("a reporter's submitted checklist is not in the list", async () => {
    const { user } = await userFor("ke-molde@demo.no");
    const s = sectionOf(await myWork(user, { now: NOW }), "checklists");
    expect(s.count).toBe(0);
  });

  it("admin: pending invitations, the first to expire first, linked to the user", async () => {
    const s = sectionOf(await workOf(ADMIN), "invitations");
    expect(s.items.map((i) => i.userId)).toEqual([tokens.sooner, tokens.later]);
    expect(s.items[0]?.href).toBe(`/admin/brukarar/${tokens.sooner}`);
    expect(s.items[0]?.expiresOn).toBe(osloDate(daysFromNow(1)));
  });

  it("someone with nothing still sees only empty lists", async () => {
    const work = await workOf(NOBODY);
    expect(work.sections.map((s) => [s.id, s.count])).toEqual([
      ["nextMeetings", 0],
      ["myTasks", 0],
    ]);
  });

  it("the page shows the items with their links and counts", async () => {
    const html = await page(SECRETARIAT);
    expect(html).toContain(`href="/sekretariat/saker/${c.newOld}"`);
    expect(html).toContain("5 dagar gammal");
    expect(html).toContain("Vis alle");
    expect(html).not.toContain("Ingen nye saker.");
    const member = await page(FSU_MEMBER, "en");
    expect(member).toContain(`href="/utval/fsu-rehabilitering/moter/${m.withAgenda}/saksliste.pdf"`);
    expect(member).toContain("1 item on the agenda");
    expect(member).toContain("Send utkast til sekretariatet");
    expect(member).toContain("Overdue");
  });
});

describe("constant number of statements", () => {
  beforeAll(async () => {
    // Much more data: every list well over its cap.
    const fsu = await bodyId("fsu-rehabilitering");
    for (let i = 0; i < 3 * SECTION_LIMIT; i++) {
      await insertCase({ status: "submitted", createdAt: daysFromNow(-i) });
      await insertCase({ status: "under_assessment" });
      await insertCase({ status: "routed", bodyId: fsu });
    }
    const rows = await db()
      .insert(meetings)
      .values(Array.from({ length: 3 * SECTION_LIMIT }, (_, i) => ({ bodyId: fsu, title: `Møte ${i}`, startsAt: daysFromNow(i + 1) })))
      .returning({ id: meetings.id });
    const items = await db()
      .insert(agendaItems)
      .values(rows.map((r, i) => ({ meetingId: r.id, bodyId: fsu, position: 1, kind: "orientation" as const, title: `Sak ${i}` })))
      .returning({ id: agendaItems.id });
    await db()
      .insert(followUpTasks)
      .values(items.map((x, i) => ({ agendaItemId: x.id, what: `Oppgåve ${i}`, responsible: "Sekretariatet", dueDate: addDays(TODAY, -1 - i) })));
    const { user: fsuMember } = await userFor(FSU_MEMBER);
    await db()
      .insert(followUpTasks)
      .values(items.map((x, i) => ({ agendaItemId: x.id, what: `Mi oppgåve ${i}`, responsible: "Namngitt person", responsibleUserId: fsuMember.id, dueDate: addDays(TODAY, i) })));
    const invited = await db()
      .insert(users)
      .values(Array.from({ length: 3 * SECTION_LIMIT }, (_, i) => ({ email: `invitert${i}@kommune.no`, name: `Invitert ${i}`, role: "reporter" as const })))
      .returning({ id: users.id });
    await db()
      .insert(userTokens)
      .values(invited.map((u, i) => ({ userId: u.id, purpose: "invite" as const, tokenHash: `many-${i}`, expiresAt: daysFromNow(2) })));
  }, 120_000);

  it("the lists are capped and counted in full", async () => {
    const work = await workOf(SECRETARIAT);
    for (const id of ["newCases", "awaitingAdvice", "routed", "overdueTasks"] as const) {
      const s = sectionOf(work, id);
      expect(s.items.length, id).toBe(SECTION_LIMIT);
      expect(s.count, id).toBeGreaterThan(SECTION_LIMIT);
    }
    expect(sectionOf(work, "newCases").count).toBe(2 + 3 * SECTION_LIMIT);
    const member = sectionOf(await workOf(FSU_MEMBER), "nextMeetings");
    expect(member.items.length).toBe(SECTION_LIMIT);
    expect(member.count).toBe(2 + 3 * SECTION_LIMIT);
    const tasks = sectionOf(await workOf(FSU_MEMBER), "myTasks");
    expect(tasks.items.length).toBe(SECTION_LIMIT);
    expect(tasks.count).toBe(3 + 3 * SECTION_LIMIT);
    const admin = sectionOf(await workOf(ADMIN), "invitations");
    expect(admin.count).toBe(2 + 3 * SECTION_LIMIT);
    const html = await page(SECRETARIAT);
    expect(html).toContain(`Viser dei ${SECTION_LIMIT} første av ${2 + 3 * SECTION_LIMIT}.`);
  });

  it.each(VIEWERS)("%s: the loader runs as many statements as with no data", async (email) => {
    const few = fewQueries.get(email);
    expect(few).toBeGreaterThan(0);
    expect(await loaderQueries(email)).toBe(few);
    const { user } = await userFor(email);
    queryCounter.count = 0;
    await myWork(user, { now: NOW });
    expect(queryCounter.count).toBe(1);
  });
});
