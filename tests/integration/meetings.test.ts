import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { agendaItems, auditLog, cases, meetings, outbox } from "../../db/schema";
import ical, { type VEvent } from "node-ical";
import { meetingError, meetingPageSchema } from "~/models/meeting-forms.server";
import { DomainError } from "~/services/domain-error";
import { osloParts } from "~/services/oslo-time";
import {
  addCaseToAgenda,
  addOrientationItem,
  approveMinutes,
  createMeeting,
  deferAgendaItem,
  getMeeting,
  moveAgendaItem,
  publishAgenda,
  recordAgendaOutcome,
  removeAgendaItem,
} from "~/models/meetings.server";
import { osloToUtc } from "~/services/oslo-time";
import { action as caseAction } from "~/routes/sekretariat.saker.$id._index";
import { loader as inboxLoader } from "~/routes/sekretariat._index";
import { loader as bodiesLoader } from "~/routes/utval._index";
import { loader as bodyLoader } from "~/routes/utval.$slug._index";
import { action as newMeetingAction, loader as newMeetingLoader } from "~/routes/utval.$slug.moter.ny";
import { action as meetingAction, loader as meetingLoader } from "~/routes/utval.$slug.moter.$meetingId._index";
import { action as minutesAction, loader as minutesLoader } from "~/routes/utval.$slug.moter.$meetingId.referat";
import { loader as agendaPdfLoader } from "~/routes/utval.$slug.moter.$meetingId.saksliste[.pdf]";
import { loader as minutesPdfLoader } from "~/routes/utval.$slug.moter.$meetingId.referat[.pdf]";
import { loader as icsLoader } from "~/routes/utval.$slug.moter.$meetingId.mote[.ics]";
import { sendPendingMail } from "~/services/mail.server";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { bodyId, insertCase, realCaseValues, userFor } from "../support/cases-secretariat";
import { useSmtpServer } from "../support/smtp";
import { at, first, one } from "../support/one";

useTestDatabase();
const smtpServer = useSmtpServer();

/** Awaits an operation that must be refused and returns its DomainError. */
async function refused(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the operation to be refused");
}

const versionOf = async (meetingId: number) => first(await db().select({ v: meetings.version }).from(meetings).where(eq(meetings.id, meetingId))).v;

async function meetingAt(slug: string, date: string, time = "10:00") {
  const { user } = await userFor("sekretariat@demo.no");
  return createMeeting(user, { slug, date, time, endTime: time < "12:00" ? "12:00" : "", location: "Molde sjukehus" });
}

async function publishAgendaFor(meetingId: number) {
  const { user } = await userFor("sekretariat@demo.no");
  await publishAgenda(user, { meetingId, expectedVersion: await versionOf(meetingId) });
}

async function routedCase(slug: string, extra: Parameters<typeof insertCase>[0] = {}) {
  return insertCase({ status: "routed", bodyId: await bodyId(slug), ...extra });
}

describe(`the real case 30/24 end to end (${process.env.TEST_DB})`, () => {
  it("FSU rehabilitering submits → received → under assessment → SSU → 30/24 on 11.09.2024 → decision → minutes published → mail; closed", async () => {
    const sec = await cookieFor("sekretariat@demo.no");
    const ssuLeader = await cookieFor("ssu-leiar@demo.no");
    const fsuMember = await cookieFor("fsu-rehab@demo.no");
    const ssuBody = await bodyId("ssu");
    const c = await insertCase(realCaseValues());
    const caseUrl = `/sekretariat/saker/${c.id}`;
    const post = (cookie: string, fields: Record<string, string>) => run(() => caseAction(args(formRequest(caseUrl, fields, { cookie }), { id: c.id })));

    expect((await post(sec, { intent: "receive", version: "1" })).status).toBe(302);
    expect((await post(sec, { intent: "assess", version: "2" })).status).toBe(302);
    expect((await post(ssuLeader, { intent: "note", note: "Tverrgåande tema – bør handsamast i SSU." })).status).toBe(302);
    expect((await post(ssuLeader, { intent: "route", version: "3", bodyId: String(ssuBody) })).status).toBe(403);
    // The SSU leader's tilråding (guideline point 3) before the secretariat routes.
    expect((await post(ssuLeader, { intent: "advice", recommendation: "route", bodyId: String(ssuBody), justification: "Tverrgåande tema – SSU." })).status).toBe(302);
    expect((await post(sec, { intent: "route", version: "3", bodyId: String(ssuBody) })).status).toBe(302);

    // SSU's 29 earlier cases of 2024, so that the sequence gives 30.
    const spring = await meetingAt("ssu", "2024-06-05");
    await db()
      .insert(agendaItems)
      .values(
        Array.from({ length: 29 }, (_, i) => ({
          meetingId: spring.id,
          bodyId: ssuBody,
          position: i + 1,
          kind: "case" as const,
          title: `Sak ${i + 1}/24`,
          bodyCaseYear: 2024,
          bodyCaseSeq: i + 1,
          outcome: "decided" as const,
          decision: "Teke til orientering.",
        })),
      );

    // The secretariat creates the meeting of 11.09.2024 through the form.
    expect((await run(() => newMeetingLoader(args(getRequest("/utval/ssu/moter/ny", { cookie: ssuLeader }), { slug: "ssu" })))).status).toBe(403);
    const bad = await run(() => newMeetingAction(args(formRequest("/utval/ssu/moter/ny", { date: "2024-02-30", time: "9", location: "" }, { cookie: sec }), { slug: "ssu" })));
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).result.error).sort()).toEqual(["date", "location", "time"]);
    const created = await run(() =>
      newMeetingAction(
        args(
          formRequest(
            "/utval/ssu/moter/ny",
            { title: "", date: "2024-09-11", time: "09:00", endTime: "15:30", location: "Ålesund, Moa", videoLink: "https://teams.example/ssu" },
            { cookie: sec },
          ),
          { slug: "ssu" },
        ),
      ),
    );
    expect(created.status).toBe(302);
    const meetingId = Number(created.headers.get("Location")!.split("/").pop());
    const m = first(await db().select().from(meetings).where(eq(meetings.id, meetingId)));
    expect(m.startsAt.toISOString()).toBe("2024-09-11T07:00:00.000Z");
    expect(m.endsAt!.toISOString()).toBe("2024-09-11T13:30:00.000Z");

    const mUrl = `/utval/ssu/moter/${meetingId}`;
    const mPost = (cookie: string, fields: Record<string, string>) =>
      run(() => meetingAction(args(formRequest(mUrl, fields, { cookie }), { slug: "ssu", meetingId: String(meetingId) })));
    expect((await mPost(ssuLeader, { intent: "add_case", version: "1", caseId: c.id })).status).toBe(403);
    expect((await mPost(sec, { intent: "add_case", version: "1", caseId: c.id, slotStart: "15:00", durationMinutes: "30", presenter: "Runa Bakke deltek på Teams" })).status).toBe(
      302,
    );
    // The form rendered before that change is stale now.
    const stale = await mPost(sec, { intent: "add_orientation", version: "1", title: "Orientering frå sekretariatet" });
    expect(stale.status).toBe(409);
    const staleError = (await stale.json()).error;
    expect(staleError.code).toBe(meetingError("stale"));
    expect(staleError.params.name).toBe("Sekretariatsleiar (demo)");
    expect(staleError.params.time).toMatch(/^\d{2}:\d{2}$/);

    const itemOf = async () =>
      first(
        await db()
          .select()
          .from(agendaItems)
          .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.caseId, c.id))),
      );
    // No number until the agenda is published (confirmed), then 30/24.
    expect((await itemOf()).bodyCaseSeq).toBeNull();
    expect((await mPost(sec, { intent: "publish_agenda", version: String(await versionOf(meetingId)) })).status).toBe(400);
    expect((await mPost(sec, { intent: "publish_agenda", version: String(await versionOf(meetingId)), confirm: "yes" })).status).toBe(302);
    const item = await itemOf();
    expect(`${item.bodyCaseSeq}/${item.bodyCaseYear! % 100}`).toBe("30/24");
    expect(first(await db().select().from(cases).where(eq(cases.id, c.id))).status).toBe("on_agenda");

    const page = await run(() => meetingLoader(args(getRequest(mUrl, { cookie: sec }), { slug: "ssu", meetingId: String(meetingId) })));
    const pageData = await page.json();
    expect(pageData.items[0]).toMatchObject({ number: "30/24", slotStart: "15:00", durationMinutes: 30, outcome: "pending" });

    const handling =
      "Leiar av fagleg samarbeidsutval for rehabilitering Runa Bakke presenterte saka på teams.\nFSU for rehabilitering oppmodar SSU til å vurdere om det er grunnlag for å initiere ei breiare satsing på forbetrings- og utviklingsarbeid for arbeid med koordinering, koordinerande eining og individuell plan, og korleis dette kan organiserast.";
    const decision =
      "SSU takkar for orienteringa og vil i fyrste omgang invitere statsforvaltaren til dialog om korleis vi saman kan støtte opp om utvikling i arbeidet med koordinering, KE og IP.";
    let v = await versionOf(meetingId);
    expect((await mPost(sec, { intent: "record", version: String(v), itemId: String(item.id), handling, decision: "" })).status).toBe(400);
    expect((await mPost(sec, { intent: "record", version: String(v), itemId: String(item.id), handling, decision })).status).toBe(302);
    expect(first(await db().select().from(cases).where(eq(cases.id, c.id))).status).toBe("handled");
    v = await versionOf(meetingId);
    expect(
      (
        await mPost(sec, {
          intent: "add_task",
          version: String(v),
          itemId: String(item.id),
          what: "Invitere Statsforvaltaren til dialogmøte",
          responsible: "Sekretariatet",
          dueDate: "2024-10-16",
        })
      ).status,
    ).toBe(302);

    // The follow-up is overdue today and shows in the inbox.
    const inbox = await (await run(() => inboxLoader(args(getRequest("/sekretariat", { cookie: sec }))))).json();
    expect(inbox.overdue.map((t: { what: string }) => t.what)).toContain("Invitere Statsforvaltaren til dialogmøte");

    // Unpublished minutes: the secretariat and SSU's members only.
    const mins = (cookie?: string) => run(() => minutesLoader(args(getRequest(`${mUrl}/referat`, { cookie }), { slug: "ssu", meetingId: String(meetingId) })));
    expect((await mins()).status).toBe(403);
    expect((await mins(fsuMember)).status).toBe(403);
    expect((await mins(ssuLeader)).status).toBe(200);
    const publicMeeting = await (await run(() => meetingLoader(args(getRequest(mUrl), { slug: "ssu", meetingId: String(meetingId) })))).json();
    expect(publicMeeting.items[0].decision).toBe("");

    const minPost = (fields: Record<string, string>, cookie = sec) =>
      run(() => minutesAction(args(formRequest(`${mUrl}/referat`, fields, { cookie }), { slug: "ssu", meetingId: String(meetingId) })));
    v = await versionOf(meetingId);
    expect((await minPost({ intent: "save_intro", version: String(v), intro: "Til stades: SSU. Innkalling og saksliste godkjent." })).status).toBe(302);
    v = await versionOf(meetingId);
    expect((await minPost({ intent: "publish", version: String(v), confirm: "yes" })).status).toBe(409); // not approved yet
    expect((await minPost({ intent: "approve", version: String(v) })).status).toBe(400); // confirm step
    expect((await minPost({ intent: "approve", version: String(v), confirm: "yes" }, ssuLeader)).status).toBe(403);
    expect((await minPost({ intent: "approve", version: String(v), confirm: "yes" })).status).toBe(302);
    // Approved minutes lock the agenda.
    v = await versionOf(meetingId);
    expect((await mPost(sec, { intent: "add_orientation", version: String(v), title: "For seint" })).status).toBe(409);
    expect((await minPost({ intent: "publish", version: String(v), confirm: "yes" })).status).toBe(302);

    const closed = first(await db().select().from(cases).where(eq(cases.id, c.id)));
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).not.toBeNull();
    const mails = await db().select().from(outbox).where(eq(outbox.kind, "case_decision"));
    expect(mails).toHaveLength(1);
    expect(at(mails, 0).dedupeKey).toBe(`case_decision:${c.id}:${meetingId}`);
    await sendPendingMail({ smtpUrl: smtpServer.current.url });
    // The submitter got status mails on the way (routed, on the agenda); the decision mail is the one with the minutes.
    const toSubmitter = await Promise.all(smtpServer.current.received.filter((r) => r.to.includes("leiar.fsu-rehab@example.no")).map((r) => simpleParser(r.raw)));
    const got = toSubmitter.find((m) => m.subject?.includes("30/24"));
    expect(got).toBeDefined();
    const text = got?.text ?? "";
    expect(text).toContain("30/24");
    expect(text).toMatch(/\/utval\/ssu\/moter\/\d+\/referat/);
    expect(text).toContain(`/utval/ssu/moter/${meetingId}/referat`);

    // Published minutes are public, without submitter contact data.
    const pub = await mins();
    expect(pub.status).toBe(200);
    const pubText = await pub.text();
    expect(pubText).toContain("invitere statsforvaltaren til dialog");
    expect(pubText).not.toContain("leiar.fsu-rehab@example.no");
    expect(pubText).not.toContain(c.id); // no case ids (links to internal pages) for the public

    // The case's timeline shows every step.
    const actions = (
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "case"), eq(auditLog.entityId, c.id)))
    ).map((a) => a.action);
    expect(actions).toEqual(["case.receive", "case.assess", "case.note", "case.advice", "case.route", "case.schedule", "case.decide", "case.close"]);

    // Downloads: PDFs and the calendar file.
    const agendaPdf = await run(() => agendaPdfLoader(args(getRequest(`${mUrl}/saksliste.pdf`), { slug: "ssu", meetingId: String(meetingId) })));
    expect(agendaPdf.headers.get("Content-Type")).toBe("application/pdf");
    const agendaBytes = Buffer.from(await agendaPdf.arrayBuffer());
    expect(agendaBytes.subarray(0, 5).toString()).toBe("%PDF-");
    const minutesPdf = await run(() => minutesPdfLoader(args(getRequest(`${mUrl}/referat.pdf`), { slug: "ssu", meetingId: String(meetingId) })));
    expect(minutesPdf.status).toBe(200);
    const minutesBytes = Buffer.from(await minutesPdf.arrayBuffer());
    expect(minutesBytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(minutesBytes.toString("latin1")).toMatch(/\/Lang \(nn-NO\)/);

    const icsRes = await run(() => icsLoader(args(getRequest(`${mUrl}/mote.ics`), { slug: "ssu", meetingId: String(meetingId) })));
    expect(icsRes.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const ics = await icsRes.text();
    expect(ics.endsWith("\r\n")).toBe(true);
    for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // Read back with a real iCalendar parser (node-ical), not our own.
    const events = Object.values(ical.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === "VEVENT");
    expect(events).toHaveLength(1);
    const event = at(events, 0);
    expect(event.uid).toMatch(new RegExp(`^meeting-${meetingId}@`));
    expect(event.start.toISOString()).toBe("2024-09-11T07:00:00.000Z");
    expect(event.end?.toISOString()).toBe("2024-09-11T13:30:00.000Z");
    expect(osloParts(event.start)).toMatchObject({ date: "2024-09-11", time: "09:00" });
    expect(osloParts(event.end!)).toMatchObject({ date: "2024-09-11", time: "15:30" });
    expect(String(event.summary)).toBe("Møte i SSU (SSU)");
    expect(String(event.description)).toContain("30/24 Dialog med Statsforvaltaren");
    expect(String(event.location)).toBe("Ålesund, Moa / https://teams.example/ssu");
  });
});

describe(`agenda builder (${process.env.TEST_DB})`, () => {
  it("numbers cases per body per year of the meeting, race-safe", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const fsu1 = await meetingAt("fsu-rehabilitering", "2024-03-01");
    const fsu2 = await meetingAt("fsu-rehabilitering", "2024-04-01");
    const a = await routedCase("fsu-rehabilitering");
    const b = await routedCase("fsu-rehabilitering");
    const ia = await addCaseToAgenda(user, { meetingId: fsu1.id, expectedVersion: 1, caseId: a.id });
    const ib = await addCaseToAgenda(user, { meetingId: fsu2.id, expectedVersion: 1, caseId: b.id });
    // Two people publish the agendas of two meetings of the same body at the same time.
    await Promise.all([publishAgenda(user, { meetingId: fsu1.id, expectedVersion: 2 }), publishAgenda(user, { meetingId: fsu2.id, expectedVersion: 2 })]);
    const numbered = async (id: number) => first(await db().select().from(agendaItems).where(eq(agendaItems.id, id)));
    expect([(await numbered(ia.id)).bodyCaseSeq, (await numbered(ib.id)).bodyCaseSeq].sort()).toEqual([1, 2]);
    expect((await numbered(ia.id)).bodyCaseYear).toBe(2024);
    // Another year starts again at 1 (a case added after publishing is numbered at once).
    const next = await meetingAt("fsu-rehabilitering", "2025-01-15");
    await publishAgendaFor(next.id);
    const c = await routedCase("fsu-rehabilitering");
    const ic = await addCaseToAgenda(user, { meetingId: next.id, expectedVersion: 2, caseId: c.id });
    expect(ic.bodyCaseSeq).toBe(1);
    expect(ic.bodyCaseYear).toBe(2025);
    // A year boundary in Norwegian time: 31.12.2025 23:30 Oslo is 2025.
    const nye = await meetingAt("fsu-rehabilitering", "2025-12-31", "23:30");
    expect(nye.startsAt.toISOString()).toBe("2025-12-31T22:30:00.000Z");
    await publishAgendaFor(nye.id);
    const d = await routedCase("fsu-rehabilitering");
    expect((await addCaseToAgenda(user, { meetingId: nye.id, expectedVersion: 2, caseId: d.id })).bodyCaseYear).toBe(2025);
  });

  it("refuses cases of another body, cases not routed, and edits by others than the secretariat", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const { user: ssu } = await userFor("ssu-leiar@demo.no");
    const meeting = await meetingAt("ssu", "2026-12-02");
    const other = await routedCase("fsu-rehabilitering");
    expect((await refused(addCaseToAgenda(user, { meetingId: meeting.id, expectedVersion: 1, caseId: other.id }))).code).toBe(meetingError("wrongBody"));
    const fresh = await insertCase({ bodyId: await bodyId("ssu"), status: "received" });
    expect((await refused(addCaseToAgenda(user, { meetingId: meeting.id, expectedVersion: 1, caseId: fresh.id }))).code).toBe(meetingError("invalidTransition"));
    // Malformed input stops at the form's schema, before the operation.
    const parsed = meetingPageSchema.safeParse({ intent: "add_case", version: "1", caseId: "not-a-uuid", slotStart: "25:00" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.flatten().fieldErrors).toMatchObject({ caseId: [meetingError("unknownCase")], slotStart: [meetingError("slotInvalid")] });
    const mine = await routedCase("ssu");
    expect((await refused(addCaseToAgenda(ssu, { meetingId: meeting.id, expectedVersion: 1, caseId: mine.id }))).kind).toBe("forbidden");
    // Nothing was written by the refused attempts.
    expect(await versionOf(meeting.id)).toBe(1);
    expect(await db().select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id))).toHaveLength(0);
    expect(first(await db().select().from(cases).where(eq(cases.id, fresh.id))).status).toBe("received");
  });

  it("orders items with up/down, removes pending ones, defers to a later meeting keeping the number", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const first = await meetingAt("ssu", "2027-02-03");
    const later = await meetingAt("ssu", "2027-03-03");
    const c1 = await routedCase("ssu");
    const c2 = await routedCase("ssu");
    let v = 1;
    const i1 = await addCaseToAgenda(user, { meetingId: first.id, expectedVersion: v++, caseId: c1.id });
    const i2 = await addCaseToAgenda(user, { meetingId: first.id, expectedVersion: v++, caseId: c2.id });
    const o = await addOrientationItem(user, { meetingId: first.id, expectedVersion: v++, title: "Orientering om samhandlingsbarometeret", presenter: "HMR" });
    await moveAgendaItem(user, { meetingId: first.id, expectedVersion: v++, itemId: o.id, direction: "up" });
    await moveAgendaItem(user, { meetingId: first.id, expectedVersion: v++, itemId: o.id, direction: "up" });
    let data = await getMeeting(user, "ssu", first.id);
    expect(data.items.map((i) => i.id)).toEqual([o.id, i1.id, i2.id]);
    // Moving the first item up changes nothing (and keeps the version).
    await moveAgendaItem(user, { meetingId: first.id, expectedVersion: v, itemId: o.id, direction: "up" });
    expect(await versionOf(first.id)).toBe(v);

    // Remove c2: it goes back to routed; add it again later.
    await removeAgendaItem(user, { meetingId: first.id, expectedVersion: v++, itemId: i2.id });
    expect(one(await db().select().from(cases).where(eq(cases.id, c2.id))).status).toBe("routed");
    await publishAgenda(user, { meetingId: first.id, expectedVersion: v++ });
    const seq1 = one(await db().select().from(agendaItems).where(eq(agendaItems.id, i1.id))).bodyCaseSeq;
    expect(seq1).toBe(1);

    // Approving minutes needs every item decided or deferred.
    await recordAgendaOutcome(user, { meetingId: first.id, expectedVersion: v++, itemId: o.id, handling: "", decision: "SSU tek orienteringa til vitande." });
    expect((await refused(approveMinutes(user, { meetingId: first.id, expectedVersion: v }))).code).toBe(meetingError("pendingItems"));

    // Defer c1 to the later meeting: same number there, a marker here.
    expect((await refused(deferAgendaItem(user, { meetingId: later.id, expectedVersion: 1, itemId: i1.id, toMeetingId: first.id }))).kind).toBe("notFound");
    await deferAgendaItem(user, { meetingId: first.id, expectedVersion: v++, itemId: i1.id, toMeetingId: later.id });
    data = await getMeeting(user, "ssu", first.id);
    const marker = data.items.find((i) => i.outcome === "deferred")!;
    expect(marker.number).toBe(`${seq1}/27`);
    expect(marker.deferredToMeetingId).toBe(later.id);
    const laterData = await getMeeting(user, "ssu", later.id);
    expect(laterData.items).toHaveLength(1);
    expect(laterData.items[0]).toMatchObject({ id: i1.id, number: `${seq1}/27`, outcome: "pending" });
    expect(one(await db().select().from(cases).where(eq(cases.id, c1.id))).status).toBe("on_agenda");
    await approveMinutes(user, { meetingId: first.id, expectedVersion: v });
    expect(one(await db().select().from(meetings).where(eq(meetings.id, first.id))).minutesStatus).toBe("approved");
  });

  it("lists bodies with their next meeting and a body's meetings with paging; cases only for members", async () => {
    const upcoming = await meetingAt("fsu-barn-og-unge", "2030-05-05");
    const bodies = await (await run(() => bodiesLoader())).json();
    const row = bodies.bodies.find((b: { slug: string }) => b.slug === "fsu-barn-og-unge");
    expect(new Date(row.nextAt).toISOString()).toBe(upcoming.startsAt.toISOString());
    expect(bodies.bodies.some((b: { slug: string }) => b.slug === "sekretariat")).toBe(false);

    for (let i = 0; i < 12; i++) await meetingAt("fsu-barn-og-unge", `2020-01-${String(i + 1).padStart(2, "0")}`);
    const anon = await (await run(() => bodyLoader(args(getRequest("/utval/fsu-barn-og-unge"), { slug: "fsu-barn-og-unge" })))).json();
    expect(anon.past).toHaveLength(10);
    expect(anon.pastPages).toBe(2);
    expect(anon.internal).toBe(false);
    expect(anon.cases).toEqual([]);
    const p2 = await (await run(() => bodyLoader(args(getRequest("/utval/fsu-barn-og-unge?tidlegare=2"), { slug: "fsu-barn-og-unge" })))).json();
    expect(p2.past).toHaveLength(2);
    expect((await run(() => bodyLoader(args(getRequest("/utval/finst-ikkje"), { slug: "finst-ikkje" })))).status).toBe(404);

    await routedCase("fsu-rehabilitering", { title: "Sak for FSU rehab" });
    const member = await cookieFor("fsu-rehab@demo.no");
    const own = await (await run(() => bodyLoader(args(getRequest("/utval/fsu-rehabilitering", { cookie: member }), { slug: "fsu-rehabilitering" })))).json();
    expect(own.internal).toBe(true);
    expect(own.cases.map((c: { title: string }) => c.title)).toContain("Sak for FSU rehab");
  });

  it("hides a withheld case title and internal ids from the public agenda, PDF and calendar", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const meeting = await meetingAt("ssu", "2028-04-05");
    const secret = await routedCase("ssu", { title: "Namngjeven eining med avvik", withheld: { title: "Offl. § 13" } });
    await addCaseToAgenda(user, { meetingId: meeting.id, expectedVersion: 1, caseId: secret.id });
    const anon = await getMeeting(null, "ssu", meeting.id);
    expect(anon.items[0]).toMatchObject({ title: null, titleWithheld: true, caseReference: null, caseId: null, caseStatus: null });
    expect(JSON.stringify(anon)).not.toContain("Namngjeven");
    const ics = await (await run(() => icsLoader(args(getRequest("/x"), { slug: "ssu", meetingId: String(meeting.id) })))).text();
    expect(ics).not.toContain("Namngjeven");
    expect(ics).toContain("Skjerma sak");
    const internal = await getMeeting(user, "ssu", meeting.id);
    expect(at(internal.items, 0).title).toBe("Namngjeven eining med avvik");
  });

  it("converts Norwegian local time to UTC across summer time", () => {
    expect(osloToUtc("2024-09-11", "09:00").toISOString()).toBe("2024-09-11T07:00:00.000Z");
    expect(osloToUtc("2024-01-10", "09:00").toISOString()).toBe("2024-01-10T08:00:00.000Z");
    expect(osloToUtc("2024-03-31", "03:30").toISOString()).toBe("2024-03-31T01:30:00.000Z");
  });
});
