/** Editing and cancelling a meeting (issue 15): until the minutes are approved, versioned and audited. */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import ical, { type VEvent } from "node-ical";
import { db } from "../../db/client";
import { auditLog, cases, meetings } from "../../db/schema";
import { meetingError } from "~/models/meeting-forms.server";
import { addCaseToAgenda, addOrientationItem, approveMinutes, cancelMeeting, createMeeting, recordAgendaOutcome, saveMinutesIntro, updateMeeting } from "~/models/meetings.server";
import { DomainError } from "~/services/domain-error";
import { action as meetingAction, loader as meetingLoader } from "~/routes/utval.$slug.moter.$meetingId._index";
import { loader as bodyLoader } from "~/routes/utval.$slug._index";
import { loader as icsLoader } from "~/routes/utval.$slug.moter.$meetingId.mote[.ics]";
import { loader as feedLoader } from "~/routes/utval.$slug.moter[.ics]";
import { osloToUtc } from "~/services/oslo-time";
import { env } from "~/services/env.server";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { at, first } from "../support/one";

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
const row = async (id: number) => first(await db().select().from(meetings).where(eq(meetings.id, id)));
const FUTURE = "2031-03-05";
const osloStart = (date: string, time: string) => osloToUtc(date, time).toISOString();

describe(`editing a meeting (${process.env.TEST_DB})`, () => {
  it("changes date, times, place and video link; bumps version and calendar sequence; audited; refuses others, stale forms and approved minutes", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    const m = await createMeeting(user, { slug: "ssu", date: FUTURE, time: "09:00", endTime: "12:00", location: "Molde" });
    expect(m.sequence).toBe(0);
    const input = { meetingId: m.id, date: "2031-03-06", time: "10:00", endTime: "13:30", location: "Ålesund, Moa", videoLink: "https://teams.example/ssu", title: "" };
    expect((await refused(updateMeeting(leader, { ...input, expectedVersion: 1 }))).kind).toBe("forbidden");
    expect((await refused(updateMeeting(user, { ...input, endTime: "09:00", expectedVersion: 1 }))).field).toBe("endTime");
    expect((await refused(updateMeeting(user, { ...input, location: "", videoLink: "", expectedVersion: 1 }))).code).toBe(meetingError("placeRequired"));
    const updated = await updateMeeting(user, { ...input, expectedVersion: 1 });
    expect(updated.startsAt.toISOString()).toBe("2031-03-06T09:00:00.000Z");
    expect(updated.endsAt?.toISOString()).toBe("2031-03-06T12:30:00.000Z");
    expect(updated).toMatchObject({ location: "Ålesund, Moa", videoLink: "https://teams.example/ssu", version: 2, sequence: 1 });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(m.updatedAt.getTime());
    // The same facts again change nothing a calendar shows: the sequence stays.
    expect((await updateMeeting(user, { ...input, expectedVersion: 2 })).sequence).toBe(1);
    expect((await refused(updateMeeting(user, { ...input, expectedVersion: 2 }))).code).toBe(meetingError("stale"));
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "meeting"), eq(auditLog.entityId, String(m.id)), eq(auditLog.action, "meeting.update")));
    expect(audit).toHaveLength(2);
    expect(at(audit, 0).after).toMatchObject({ location: "Ålesund, Moa" });

    // Once the minutes are approved the meeting is fixed.
    const o = await addOrientationItem(user, { meetingId: m.id, expectedVersion: 3, title: "Orientering" });
    await recordAgendaOutcome(user, { meetingId: m.id, expectedVersion: 4, itemId: o.id, handling: "", decision: "Teke til orientering." });
    await saveMinutesIntro(user, { meetingId: m.id, expectedVersion: 5, intro: "" });
    await approveMinutes(user, { meetingId: m.id, expectedVersion: 6 });
    expect((await refused(updateMeeting(user, { ...input, expectedVersion: 7 }))).code).toBe(meetingError("minutesLocked"));
    expect((await refused(cancelMeeting(user, { meetingId: m.id, expectedVersion: 7 }))).code).toBe(meetingError("minutesLocked"));
  });

  it("edits through the meeting page's form: 302, and 400 with the message on the field", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await createMeeting(user, { slug: "ssu", date: FUTURE, time: "09:00", location: "Molde" });
    const sec = await cookieFor("sekretariat@demo.no");
    const post = (fields: Record<string, string>) =>
      run(() => meetingAction(args(formRequest(`/utval/ssu/moter/${m.id}`, fields, { cookie: sec }), { slug: "ssu", meetingId: String(m.id) })));
    const bad = await post({ intent: "edit_meeting", version: "1", date: "2031-02-30", time: "9", location: "Molde" });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).result.error).sort()).toEqual(["date", "time"]);
    const end = await post({ intent: "edit_meeting", version: "1", date: FUTURE, time: "10:00", endTime: "09:00", location: "Molde" });
    expect(end.status).toBe(400);
    expect((await end.json()).result.error.endTime).toEqual([meetingError("endBeforeStart")]);
    expect((await post({ intent: "edit_meeting", version: "1", date: FUTURE, time: "10:00", endTime: "11:00", location: "Kristiansund" })).status).toBe(302);
    expect(await row(m.id)).toMatchObject({ location: "Kristiansund", version: 2, sequence: 1 });
    const page = await (await run(() => meetingLoader(args(getRequest(`/utval/ssu/moter/${m.id}`, { cookie: sec }), { slug: "ssu", meetingId: String(m.id) })))).json();
    expect(page.editTimes).toEqual({ date: FUTURE, time: "10:00", endTime: "11:00" });
  });
});

describe(`cancelling a meeting (${process.env.TEST_DB})`, () => {
  it("asks first, keeps the record as 'Avlyst', sends waiting cases back, refuses agenda changes, and calendars say CANCELLED", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await createMeeting(user, { slug: "ssu", date: "2031-04-02", time: "09:00", endTime: "11:00", location: "Molde" });
    const c = await insertCase({ status: "routed", bodyId: await bodyId("ssu") });
    await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: 1, caseId: c.id });
    const sec = await cookieFor("sekretariat@demo.no");
    const post = (fields: Record<string, string>) =>
      run(() => meetingAction(args(formRequest(`/utval/ssu/moter/${m.id}`, fields, { cookie: sec }), { slug: "ssu", meetingId: String(m.id) })));
    const unconfirmed = await post({ intent: "cancel_meeting", version: "2" });
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).result.error.confirm).toEqual([meetingError("confirmRequired")]);
    expect((await row(m.id)).status).toBe("planned");
    expect((await post({ intent: "cancel_meeting", version: "2", confirm: "yes" })).status).toBe(302);
    const cancelled = await row(m.id);
    expect(cancelled).toMatchObject({ status: "cancelled", version: 3, sequence: 1 });
    expect(first(await db().select().from(cases).where(eq(cases.id, c.id))).status).toBe("routed");
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, String(m.id)), eq(auditLog.action, "meeting.cancel"))),
    ).toHaveLength(1);

    // No more agenda changes, no edit, no second cancel.
    const add = await post({ intent: "add_orientation", version: "3", title: "For seint" });
    expect(add.status).toBe(409);
    expect((await add.json()).error.code).toBe(meetingError("meetingCancelled"));
    expect((await refused(updateMeeting(user, { meetingId: m.id, expectedVersion: 3, date: "2031-04-03", time: "09:00", location: "Molde" }))).code).toBe(
      meetingError("meetingCancelled"),
    );
    expect((await refused(cancelMeeting(user, { meetingId: m.id, expectedVersion: 3 }))).code).toBe(meetingError("meetingCancelled"));

    // The body page lists it as cancelled; the public meeting page says so too.
    const body = await (await run(() => bodyLoader(args(getRequest("/utval/ssu"), { slug: "ssu" })))).json();
    expect(body.upcoming.find((x: { id: number }) => x.id === m.id)?.status).toBe("cancelled");
    const page = await run(() => meetingLoader(args(getRequest(`/utval/ssu/moter/${m.id}`), { slug: "ssu", meetingId: String(m.id) })));
    expect((await page.json()).meeting.status).toBe("cancelled");

    const ics = await (await run(() => icsLoader(args(getRequest(`/utval/ssu/moter/${m.id}/mote.ics`), { slug: "ssu", meetingId: String(m.id) })))).text();
    const event = at(
      Object.values(ical.sync.parseICS(ics)).filter((x): x is VEvent => x?.type === "VEVENT"),
      0,
    );
    expect(event.status).toBe("CANCELLED");
    expect(String(event.summary)).toMatch(/^Avlyst: /);
    expect(Number(event.sequence)).toBe(1);
  });
});

describe(`the body's meeting calendar moter.ics (${process.env.TEST_DB})`, () => {
  const feed = async (slug: string) => {
    const res = await run(() => feedLoader(args(getRequest(`/utval/${slug}/moter.ics`), { slug })));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await res.text();
    // Parsed by a real iCalendar parser (node-ical), not the project's serializer.
    const events = Object.values(ical.sync.parseICS(text)).filter((x): x is VEvent => x?.type === "VEVENT");
    return { text, events, byUid: new Map(events.map((e) => [e.uid, e])) };
  };

  it("lists the past year and the future with stable UIDs, DTSTAMP, LAST-MODIFIED, a SEQUENCE that grows with changes and STATUS:CANCELLED", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
    const old = await createMeeting(user, { slug: "fsu-barn-og-unge", date: day(-400), time: "10:00", location: "Molde" });
    const recent = await createMeeting(user, { slug: "fsu-barn-og-unge", date: day(-30), time: "10:00", endTime: "12:00", location: "Molde" });
    const coming = await createMeeting(user, { slug: "fsu-barn-og-unge", date: day(40), time: "09:00", endTime: "11:00", location: "Volda" });
    const toCancel = await createMeeting(user, { slug: "fsu-barn-og-unge", date: day(60), time: "09:00", location: "Volda" });
    const other = await createMeeting(user, { slug: "ssu", date: day(41), time: "09:00", location: "Ålesund" });

    const generatedFrom = Math.floor(Date.now() / 1000) * 1000;
    const before = await feed("fsu-barn-og-unge");
    const generatedBy = Date.now();
    const uid = (id: number) => `meeting-${id}@${new URL(env().APP_URL).hostname}`;
    const uids = before.events.map((e) => e.uid);
    expect(uids).toContain(uid(recent.id));
    expect(uids).toContain(uid(coming.id));
    expect(uids).not.toContain(uid(old.id)); // more than a year ago
    expect(uids).not.toContain(uid(other.id)); // another body
    const first = before.byUid.get(uid(coming.id))!;
    expect(first.start.toISOString()).toBe(coming.startsAt.toISOString());
    expect(first.status).toBe("CONFIRMED");
    expect(Number(first.sequence)).toBe(0);
    expect(first.lastmodified?.toISOString()).toBe(new Date(Math.floor(coming.updatedAt.getTime() / 1000) * 1000).toISOString());
    // DTSTAMP is the time the feed was generated (not the meeting's creation).
    expect(first.dtstamp.getTime()).toBeGreaterThanOrEqual(generatedFrom);
    expect(first.dtstamp.getTime()).toBeLessThanOrEqual(generatedBy);
    expect(before.text).toMatch(/^X-WR-CALNAME:/m);

    // A change to the meeting: same UID, higher SEQUENCE; cancelling: CANCELLED, higher again.
    await updateMeeting(user, { meetingId: coming.id, expectedVersion: 1, date: day(40), time: "10:00", endTime: "12:00", location: "Volda" });
    await cancelMeeting(user, { meetingId: toCancel.id, expectedVersion: 1 });
    const after = await feed("fsu-barn-og-unge");
    const changed = after.byUid.get(uid(coming.id))!;
    expect(Number(changed.sequence)).toBeGreaterThan(Number(first.sequence));
    expect(changed.start.toISOString()).toBe(osloStart(day(40), "10:00"));
    const cancelled = after.byUid.get(uid(toCancel.id))!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(Number(cancelled.sequence)).toBe(1);
    expect(String(cancelled.summary)).toMatch(/^Avlyst: /);
    // The single meeting's file follows the same rules.
    const single = await (
      await run(() => icsLoader(args(getRequest(`/utval/fsu-barn-og-unge/moter/${coming.id}/mote.ics`), { slug: "fsu-barn-og-unge", meetingId: String(coming.id) })))
    ).text();
    const one = Object.values(ical.sync.parseICS(single)).filter((x): x is VEvent => x?.type === "VEVENT");
    expect(one.map((e) => [e.uid, Number(e.sequence)])).toEqual([[uid(coming.id), Number(changed.sequence)]]);
  });

  it("is public, shows only what the public body page shows, and 404s for an unknown body", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await createMeeting(user, { slug: "fsu-barn-og-unge", date: "2031-05-07", time: "09:00", location: "Volda" });
    const c = await insertCase({ status: "routed", bodyId: await bodyId("fsu-barn-og-unge"), title: "Ei intern sak som ikkje skal i kalenderen" });
    await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: 1, caseId: c.id });
    const { text } = await feed("fsu-barn-og-unge");
    expect(text).not.toContain("Ei intern sak");
    expect(text).not.toContain(c.id);
    const missing = await run(() => feedLoader(args(getRequest("/utval/finst-ikkje/moter.ics"), { slug: "finst-ikkje" })));
    expect(missing.status).toBe(404);
  });
});
