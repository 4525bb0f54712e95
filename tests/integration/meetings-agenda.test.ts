/**
 * Agenda building (issue 15): case numbers NN/YY are given in agenda order when the agenda is
 * published, not when an item is added; after publishing numbers are fixed and a late item gets
 * the next number at once.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog, meetings } from "../../db/schema";
import messages from "~/i18n/cases-secretariat";
import { meetingError } from "~/models/meeting-forms.server";
import { addCaseToAgenda, addOrientationItem, createMeeting, getMeeting, moveAgendaItem, publishAgenda, recordAgendaOutcome } from "~/models/meetings.server";
import { formatCaseNumber } from "~/models/secretariat-format";
import { DomainError } from "~/services/domain-error";
import { action as meetingAction, loader as meetingLoader } from "~/routes/utval.$slug.moter.$meetingId._index";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { useTestDatabase } from "../support/db";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { first } from "../support/one";

useTestDatabase();

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
  return createMeeting(user, { slug, date, time, endTime: "12:00", location: "Molde sjukehus" });
}
const routedCase = async (slug: string) => insertCase({ status: "routed", bodyId: await bodyId(slug) });

describe(`agenda numbering (${process.env.TEST_DB})`, () => {
  it("numbers the cases in agenda order: moving an item up never leaves 2/26 above 1/26", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await meetingAt("ssu", "2026-12-16");
    const c1 = await routedCase("ssu");
    const c2 = await routedCase("ssu");
    await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c1.id });
    const i2 = await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c2.id });
    await moveAgendaItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), itemId: i2.id, direction: "up" });
    // Before publishing nothing is numbered (moving renumbers nothing stored).
    expect((await getMeeting(user, "ssu", m.id)).items.map((i) => i.number)).toEqual(["", ""]);
    await publishAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id) });
    const numbers = (await getMeeting(user, "ssu", m.id)).items.map((i) => i.number).filter(Boolean);
    expect(numbers).toEqual(["1/26", "2/26"]);
    expect((await getMeeting(user, "ssu", m.id)).items[0]?.caseId).toBe(c2.id);
  });

  it("fixes the numbers once published: moving keeps them, a late case gets the next number at once; publishing is the secretariat's, once", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    const m = await meetingAt("ssu", "2027-01-20");
    const [c1, c2, c3] = [await routedCase("ssu"), await routedCase("ssu"), await routedCase("ssu")];
    const i1 = await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c1.id });
    await addOrientationItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), title: "Orientering frå sekretariatet" });
    const i2 = await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c2.id });
    expect(i1.bodyCaseSeq).toBeNull();
    expect((await refused(publishAgenda(leader, { meetingId: m.id, expectedVersion: await versionOf(m.id) }))).kind).toBe("forbidden");
    await publishAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id) });
    expect(first(await db().select().from(meetings).where(eq(meetings.id, m.id))).agendaPublishedAt).not.toBeNull();
    expect((await refused(publishAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id) }))).code).toBe(meetingError("agendaAlreadyPublished"));
    // The orientation item has no number; the cases 1/27 and 2/27 in agenda order.
    expect((await getMeeting(user, "ssu", m.id)).items.map((i) => i.number)).toEqual(["1/27", "", "2/27"]);
    await moveAgendaItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), itemId: i2.id, direction: "up" });
    await moveAgendaItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), itemId: i2.id, direction: "up" });
    expect((await getMeeting(user, "ssu", m.id)).items.map((i) => i.number)).toEqual(["2/27", "1/27", ""]);
    const late = await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c3.id });
    expect(formatCaseNumber(late.bodyCaseSeq, late.bodyCaseYear)).toBe("3/27");
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "meeting"), eq(auditLog.entityId, String(m.id)), eq(auditLog.action, "meeting.publish_agenda")));
    expect(audit).toHaveLength(1);
  });

  it("recording the first outcome of a meeting whose agenda was never published numbers its cases in agenda order", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await meetingAt("fsu-rehabilitering", "2027-05-05");
    const c1 = await routedCase("fsu-rehabilitering");
    const c2 = await routedCase("fsu-rehabilitering");
    await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c1.id });
    const i2 = await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c2.id });
    await moveAgendaItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), itemId: i2.id, direction: "up" });
    await recordAgendaOutcome(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), itemId: i2.id, handling: "", decision: "Utvalet sluttar seg til forslaget." });
    const items = (await getMeeting(user, "fsu-rehabilitering", m.id)).items;
    expect(items.map((i) => [i.id, i.number])).toEqual([
      [i2.id, "1/27"],
      [items[1]?.id, "2/27"],
    ]);
  });

  it("publishes through the meeting page only with the confirmation", async () => {
    const m = await meetingAt("ssu", "2028-02-10");
    const { user } = await userFor("sekretariat@demo.no");
    const c = await routedCase("ssu");
    await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c.id });
    const sec = await cookieFor("sekretariat@demo.no");
    const post = (fields: Record<string, string>) =>
      run(() => meetingAction(args(formRequest(`/utval/ssu/moter/${m.id}`, fields, { cookie: sec }), { slug: "ssu", meetingId: String(m.id) })));
    const missing = await post({ intent: "publish_agenda", version: String(await versionOf(m.id)) });
    expect(missing.status).toBe(400);
    expect((await missing.json()).result.error.confirm).toEqual([meetingError("confirmRequired")]);
    expect((await post({ intent: "publish_agenda", version: String(await versionOf(m.id)), confirm: "yes" })).status).toBe(302);
    const page = await (await run(() => meetingLoader(args(getRequest(`/utval/ssu/moter/${m.id}`), { slug: "ssu", meetingId: String(m.id) })))).json();
    expect(page.items[0].number).toBe("1/28");
    expect(page.meeting.agendaPublishedAt).not.toBeNull();
  });
});

describe(`agenda building defects (${process.env.TEST_DB})`, () => {
  it("suggests the next free time slot: the meeting's start, then the end of the last item", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await meetingAt("fsu-barn-og-unge", "2027-06-02", "09:00");
    expect((await getMeeting(user, "fsu-barn-og-unge", m.id)).suggestedSlot).toBe("09:00");
    await addOrientationItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), title: "Velkomen", slotStart: "09:00", durationMinutes: 15, presenter: "Leiar" });
    expect((await getMeeting(user, "fsu-barn-og-unge", m.id)).suggestedSlot).toBe("09:15");
    await addOrientationItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), title: "Status", slotStart: "10:00", durationMinutes: 45 });
    expect((await getMeeting(user, "fsu-barn-og-unge", m.id)).suggestedSlot).toBe("10:45");
  });

  it("flags items that start at the same time, by their place on the agenda", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await meetingAt("fsu-barn-og-unge", "2027-06-09", "09:00");
    for (const [title, slotStart] of [
      ["A", "09:00"],
      ["B", "09:30"],
      ["C", "09:00"],
      ["D", ""],
    ] as const) {
      await addOrientationItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), title, slotStart, durationMinutes: 30 });
    }
    const items = (await getMeeting(user, "fsu-barn-og-unge", m.id)).items;
    expect(items.map((i) => i.sameTimeAs)).toEqual([[3], [], [1], []]);
  });

  it("asks before removing an item: the meeting page refuses a removal without the confirmation", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await meetingAt("fsu-barn-og-unge", "2027-06-16");
    const item = await addOrientationItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), title: "Skal bort" });
    const sec = await cookieFor("sekretariat@demo.no");
    const post = (fields: Record<string, string>) =>
      run(() => meetingAction(args(formRequest(`/utval/fsu-barn-og-unge/moter/${m.id}`, fields, { cookie: sec }), { slug: "fsu-barn-og-unge", meetingId: String(m.id) })));
    const unconfirmed = await post({ intent: "remove", version: String(await versionOf(m.id)), itemId: String(item.id) });
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).result.error.confirm).toEqual([meetingError("confirmRequired")]);
    expect((await getMeeting(user, "fsu-barn-og-unge", m.id)).items).toHaveLength(1);
    expect((await post({ intent: "remove", version: String(await versionOf(m.id)), itemId: String(item.id), confirm: "yes" })).status).toBe(302);
    expect((await getMeeting(user, "fsu-barn-og-unge", m.id)).items).toHaveLength(0);
  });

  it("an orientation item ends as 'Teke til orientering', a case as 'Vedteke'", async () => {
    const { user } = await userFor("sekretariat@demo.no");
    const m = await meetingAt("fsu-barn-og-unge", "2027-06-23");
    const o = await addOrientationItem(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), title: "Orientering om ventetider" });
    const c = await routedCase("fsu-barn-og-unge");
    const ci = await addCaseToAgenda(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), caseId: c.id });
    for (const itemId of [o.id, ci.id]) {
      await recordAgendaOutcome(user, { meetingId: m.id, expectedVersion: await versionOf(m.id), itemId, handling: "", decision: "Utvalet tek saka til orientering." });
    }
    const items = (await getMeeting(user, "fsu-barn-og-unge", m.id)).items;
    expect(items.map((i) => i.outcomeLabel)).toEqual(["noted", "decided"]);
    expect(messages.nn.outcome.noted).toBe("Teke til orientering");
    expect(messages.nn.outcome.decided).toBe("Vedteke");
  });

  it("names the up/down buttons by the item's place", () => {
    expect(messages.nn.meeting.moveUp.replace("{{position}}", "2")).toBe("Flytt punkt 2 opp");
    expect(messages.nn.meeting.moveDown.replace("{{position}}", "2")).toBe("Flytt punkt 2 ned");
  });
});
