/**
 * Agenda building (issue 15): case numbers NN/YY are given in agenda order when the agenda is
 * published, not when an item is added; after publishing numbers are fixed and a late item gets
 * the next number at once.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { meetings } from "../../db/schema";
import { addCaseToAgenda, createMeeting, getMeeting, moveAgendaItem } from "~/models/meetings.server";
import { useTestDatabase } from "../support/db";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { first } from "../support/one";

useTestDatabase();

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
    const numbers = (await getMeeting(user, "ssu", m.id)).items.map((i) => i.number).filter(Boolean);
    expect(numbers).toEqual(["1/26", "2/26"]);
  });
});
