/**
 * The meetings' domain operations under the one contract (ADR 009): called with an actor and a
 * parsed input, they return data or throw a DomainError with an i18n code and a kind; the routes
 * answer a refusal with its status and the code next to the field (conform's reply).
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { agendaItems, auditLog, followUpTasks, meetings } from "../../db/schema";
import { meetingError, meetingPageSchema, minutesPageSchema, newMeetingSchema } from "~/models/meeting-forms.server";
import {
  addCaseToAgenda,
  addFollowUpTask,
  addOrientationItem,
  approveMinutes,
  createMeeting,
  getMeeting,
  getMinutes,
  publishMinutes,
  recordAgendaOutcome,
  saveMinutesIntro,
  setFollowUpStatus,
  updateAgendaItem,
} from "~/models/meetings.server";
import { action as newMeetingAction } from "~/routes/utval.$slug.moter.ny";
import { action as meetingAction } from "~/routes/utval.$slug.moter.$meetingId._index";
import { action as minutesAction } from "~/routes/utval.$slug.moter.$meetingId.referat";
import { DomainError } from "~/services/domain-error";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, run } from "../support/http";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { first } from "../support/one";

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

const versionOf = async (meetingId: number) => first(await db().select({ v: meetings.version }).from(meetings).where(eq(meetings.id, meetingId))).v;
const ID = "010190-10046"; // a national identity number (the spelling the free-text guard tests use)

async function secretariat() {
  return (await userFor("sekretariat@demo.no")).user;
}

describe(`meeting operations (${process.env.TEST_DB})`, () => {
  it("createMeeting: only the secretariat, only a known body; times in Norwegian local time; audited", async () => {
    const sec = await secretariat();
    const { user: ssu } = await userFor("ssu-leiar@demo.no");
    const forbidden = await refused(createMeeting(ssu, { slug: "ssu", date: "2031-01-01", time: "10:00", location: "Molde" }));
    expect([forbidden.code, forbidden.kind]).toEqual([meetingError("forbidden"), "forbidden"]);
    const unknown = await refused(createMeeting(sec, { slug: "finst-ikkje", date: "2031-01-01", time: "10:00", location: "Molde" }));
    expect([unknown.code, unknown.kind]).toEqual([meetingError("bodyNotFound"), "notFound"]);
    const m = await createMeeting(sec, { slug: "ssu", date: "2031-01-01", time: "10:00", endTime: "12:00", location: "Molde" });
    expect(m.startsAt.toISOString()).toBe("2031-01-01T09:00:00.000Z");
    expect(m.endsAt?.toISOString()).toBe("2031-01-01T11:00:00.000Z");
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "meeting"), eq(auditLog.entityId, String(m.id))));
    expect(audit).toMatchObject({ action: "meeting.create", actorLabel: sec.name });
  });

  it("refuses a stale version, an empty decision on its field, tasks without a decision; sets a task's status", async () => {
    const sec = await secretariat();
    const m = await createMeeting(sec, { slug: "ssu", date: "2031-02-02", time: "10:00", location: "Molde" });
    const o = await addOrientationItem(sec, { meetingId: m.id, expectedVersion: 1, title: "Orientering" });
    const stale = await refused(addOrientationItem(sec, { meetingId: m.id, expectedVersion: 1, title: "Ei til" }));
    expect([stale.code, stale.kind, stale.params.name]).toEqual([meetingError("stale"), "conflict", sec.name]);
    const empty = await refused(recordAgendaOutcome(sec, { meetingId: m.id, expectedVersion: 2, itemId: o.id, handling: "", decision: "  " }));
    expect([empty.code, empty.kind, empty.field]).toEqual([meetingError("decisionRequired"), "invalid", "decision"]);
    const noDecision = await refused(addFollowUpTask(sec, { meetingId: m.id, expectedVersion: 2, itemId: o.id, what: "Ring", responsible: "Sekretariatet" }));
    expect([noDecision.code, noDecision.kind]).toEqual([meetingError("noDecision"), "conflict"]);
    const wrongItem = await refused(recordAgendaOutcome(sec, { meetingId: m.id, expectedVersion: 2, itemId: 2_000_000_000, handling: "", decision: "Vedtak" }));
    expect(wrongItem.kind).toBe("notFound");

    await updateAgendaItem(sec, { meetingId: m.id, expectedVersion: 2, itemId: o.id, title: "Ny tittel", presenter: "HMR", slotStart: "10:15", durationMinutes: 20 });
    await recordAgendaOutcome(sec, { meetingId: m.id, expectedVersion: 3, itemId: o.id, handling: "", decision: "Teke til orientering." });
    const task = await addFollowUpTask(sec, { meetingId: m.id, expectedVersion: 4, itemId: o.id, what: "Ring", responsible: "Sekretariatet", dueDate: "2031-03-01" });
    await setFollowUpStatus(sec, { meetingId: m.id, expectedVersion: 5, taskId: task.id, status: "done" });
    expect(first(await db().select().from(followUpTasks).where(eq(followUpTasks.id, task.id))).status).toBe("done");
    const data = await getMeeting(sec, "ssu", m.id);
    expect(data.items[0]).toMatchObject({ title: "Ny tittel", presenter: "HMR", slotStart: "10:15", durationMinutes: 20, outcome: "decided" });
    expect(await versionOf(m.id)).toBe(6);

    const other = await createMeeting(sec, { slug: "ssu", date: "2031-02-03", time: "10:00", location: "Molde" });
    const foreign = await refused(setFollowUpStatus(sec, { meetingId: other.id, expectedVersion: 1, taskId: task.id, status: "open" }));
    expect(foreign.kind).toBe("notFound");
  });

  it("minutes: intro, approve, publish in order; unpublished minutes are not public; approved minutes lock the agenda", async () => {
    const sec = await secretariat();
    const m = await createMeeting(sec, { slug: "ssu", date: "2031-04-04", time: "10:00", location: "Molde" });
    const c = await insertCase({ status: "routed", bodyId: await bodyId("ssu") });
    const item = await addCaseToAgenda(sec, { meetingId: m.id, expectedVersion: 1, caseId: c.id });
    expect((await refused(publishMinutes(sec, { meetingId: m.id, expectedVersion: 2 }))).code).toBe(meetingError("minutesNotApproved"));
    expect((await refused(approveMinutes(sec, { meetingId: m.id, expectedVersion: 2 }))).code).toBe(meetingError("minutesNotDraft"));
    await recordAgendaOutcome(sec, { meetingId: m.id, expectedVersion: 2, itemId: item.id, handling: "", decision: "Vedteke." });
    await saveMinutesIntro(sec, { meetingId: m.id, expectedVersion: 3, intro: "Til stades: SSU." });
    const hidden = await refused(getMinutes(null, "ssu", m.id));
    expect([hidden.code, hidden.kind]).toEqual([meetingError("minutesNotPublished"), "forbidden"]);
    await approveMinutes(sec, { meetingId: m.id, expectedVersion: 4 });
    const locked = await refused(saveMinutesIntro(sec, { meetingId: m.id, expectedVersion: 5, intro: "Endra" }));
    expect([locked.code, locked.kind]).toEqual([meetingError("minutesLocked"), "conflict"]);
    expect(await publishMinutes(sec, { meetingId: m.id, expectedVersion: 5 })).toEqual({ feedbackCount: 1 });
    expect((await getMinutes(null, "ssu", m.id)).published).toBe(true);
  });

  it("keeps the free-text rule in the operations too (defence behind the schemas)", async () => {
    const sec = await secretariat();
    const m = await createMeeting(sec, { slug: "ssu", date: "2031-05-05", time: "10:00", location: "Molde" });
    const nul = await refused(addOrientationItem(sec, { meetingId: m.id, expectedVersion: 1, title: "Tekst med\u0000NUL" }));
    expect([nul.code, nul.field]).toEqual(["errors.controlCharacters", "title"]);
    expect(await versionOf(m.id)).toBe(1);
  });
});

describe("meeting form schemas", () => {
  it("give each refusal an i18n code on its field", () => {
    const bad = newMeetingSchema.safeParse({ date: "2024-02-30", time: "9", endTime: "08:00", videoLink: "ftp://x" });
    expect(bad.error?.flatten().fieldErrors).toMatchObject({ date: [meetingError("date")], time: [meetingError("time")], videoLink: [meetingError("videoLink")] });
    const place = newMeetingSchema.safeParse({ date: "2024-02-28", time: "09:00", endTime: "08:00" });
    expect(place.error?.flatten().fieldErrors).toMatchObject({ endTime: [meetingError("endBeforeStart")], location: [meetingError("placeRequired")] });
    expect(meetingPageSchema.safeParse({ intent: "nothing", version: "1" }).error?.flatten().fieldErrors).toMatchObject({ intent: [meetingError("unknownAction")] });
    const task = meetingPageSchema.safeParse({ intent: "task_status", version: "0", taskId: "x", status: "finished" });
    expect(task.error?.flatten().fieldErrors).toMatchObject({
      version: [meetingError("versionRequired")],
      taskId: [meetingError("notFound")],
      status: [meetingError("unknownStatus")],
    });
    expect(meetingPageSchema.parse({ intent: "update_item", version: "3", itemId: "7", durationMinutes: "45" })).toMatchObject({
      version: 3,
      itemId: 7,
      durationMinutes: 45,
      presenter: "",
      slotStart: "",
    });
    expect(meetingPageSchema.safeParse({ intent: "update_item", version: "3", itemId: "7", durationMinutes: "601" }).success).toBe(false);
    expect(minutesPageSchema.safeParse({ intent: "approve", version: "2" }).error?.flatten().fieldErrors).toMatchObject({ confirm: [meetingError("confirmRequired")] });
  });
});

describe(`meeting routes answer refusals next to the field (${process.env.TEST_DB})`, () => {
  it("400 with the code on the field for bad input and national ids; 403 and 409 for the operation's refusals", async () => {
    const cookie = await cookieFor("sekretariat@demo.no");
    const ssu = await cookieFor("ssu-leiar@demo.no");
    const newMeeting = (fields: Record<string, string>) =>
      run(() => newMeetingAction(args(formRequest("/utval/ssu/moter/ny", { date: "2031-06-06", time: "09:00", location: "Molde", ...fields }, { cookie }), { slug: "ssu" })));
    const badNew = await newMeeting({ title: `Møte om ${ID}`, location: "" });
    expect(badNew.status).toBe(400);
    expect((await badNew.json()).result.error).toMatchObject({ title: ["errors.nationalId"], location: [meetingError("placeRequired")] });
    const created = await newMeeting({});
    expect(created.status).toBe(302);
    const meetingId = created.headers.get("Location")!.split("/").pop()!;
    const url = `/utval/ssu/moter/${meetingId}`;
    const post = async (fields: Record<string, string>, as = cookie) =>
      run(async () => meetingAction(args(formRequest(url, { version: String(await versionOf(Number(meetingId))), ...fields }, { cookie: as }), { slug: "ssu", meetingId })));

    const orientation = await post({ intent: "add_orientation", title: `Orientering om ${ID}` });
    expect(orientation.status).toBe(400);
    expect((await orientation.json()).result.error).toEqual({ title: ["errors.nationalId"] });
    const forbidden = await post({ intent: "add_orientation", title: "Orientering" }, ssu);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe(meetingError("forbidden"));
    expect((await post({ intent: "add_orientation", title: "Orientering" })).status).toBe(302);
    const item = first(
      await db()
        .select()
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, Number(meetingId))),
    );
    const empty = await post({ intent: "record", itemId: String(item.id), handling: "Drøfta", decision: "" });
    expect(empty.status).toBe(400);
    const body = await empty.json();
    expect(body.result.error).toEqual({ decision: [meetingError("decisionRequired")] });
    expect(body.result.initialValue).toMatchObject({ intent: "record", itemId: String(item.id), handling: "Drøfta" });
    const task = await post({ intent: "add_task", itemId: String(item.id), what: "Ring", responsible: "Sekretariatet" });
    expect(task.status).toBe(409);
    expect((await task.json()).result.error).toEqual({ "": [meetingError("noDecision")] });

    const minutes = async (fields: Record<string, string>) =>
      run(async () =>
        minutesAction(args(formRequest(`${url}/referat`, { version: String(await versionOf(Number(meetingId))), ...fields }, { cookie }), { slug: "ssu", meetingId })),
      );
    const intro = await minutes({ intent: "save_intro", intro: `Til stades: ${ID}` });
    expect(intro.status).toBe(400);
    expect((await intro.json()).result.error).toEqual({ intro: ["errors.nationalId"] });
    const confirm = await minutes({ intent: "approve" });
    expect(confirm.status).toBe(400);
    expect((await confirm.json()).result.error).toEqual({ confirm: [meetingError("confirmRequired")] });
  });
});
