import { and, eq, inArray, isNotNull, isNull, like, max } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { REAL_CASE_REFERENCE, seedDemoCases } from "../../db/demo/cases";
import { seedDemoMeetings } from "../../db/demo/meetings";
import { agendaItems, cases, meetings, outbox } from "../../db/schema";
import { listInbox, parseInboxQuery } from "~/models/inbox.server";
import { listBodiesWithNextMeeting } from "~/models/meetings.server";
import { useTestDatabase } from "../support/db";
import { bodyId, userFor } from "../support/cases-secretariat";
import { first } from "../support/one";

useTestDatabase();

describe(`demo meetings (${process.env.TEST_DB})`, () => {
  it("seeds past and upcoming meetings around the demo cases, idempotently, leaving the real case alone", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    await seedDemoCases(db());
    await seedDemoMeetings(db(), now);
    const count = (await db().select().from(meetings)).length;
    await seedDemoMeetings(db(), now);
    expect((await db().select().from(meetings)).length).toBe(count);
    expect(count).toBeGreaterThanOrEqual(7);

    const real = first(await db().select().from(cases).where(eq(cases.reference, REAL_CASE_REFERENCE)));
    expect(real.status).toBe("received");
    expect(await db().select().from(agendaItems).where(eq(agendaItems.caseId, real.id))).toHaveLength(0);

    // SSU's numbers of 2024 end at 29, so the real case becomes 30/24.
    const ssu = await bodyId("ssu");
    const { last } = first(
      await db()
        .select({ last: max(agendaItems.bodyCaseSeq) })
        .from(agendaItems)
        .where(and(eq(agendaItems.bodyId, ssu), eq(agendaItems.bodyCaseYear, 2024))),
    );
    expect(last).toBe(29);
    // Numbers are given when an agenda is published: every meeting with numbered items has published it.
    const numberedMeetings = await db().selectDistinct({ id: agendaItems.meetingId }).from(agendaItems).where(isNotNull(agendaItems.bodyCaseSeq));
    const unpublished = await db()
      .select()
      .from(meetings)
      .where(
        and(
          inArray(
            meetings.id,
            numberedMeetings.map((r) => r.id),
          ),
          isNull(meetings.agendaPublishedAt),
        ),
      );
    expect(numberedMeetings.length).toBeGreaterThan(0);
    expect(unpublished).toHaveLength(0);

    const closed = await db()
      .select()
      .from(cases)
      .where(and(eq(cases.status, "closed"), like(cases.title, "%(demodata)")));
    expect(closed.length).toBeGreaterThanOrEqual(2);
    expect((await db().select().from(outbox).where(eq(outbox.kind, "case_decision"))).length).toBe(closed.length);
    expect((await db().select().from(cases).where(eq(cases.status, "on_agenda"))).length).toBe(1);

    const bodies = await listBodiesWithNextMeeting(now);
    for (const slug of ["ssu", "fsu-rehabilitering", "fsu-barn-og-unge"]) {
      const next = bodies.find((b) => b.slug === slug)!.nextAt!;
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      expect(next.getTime() - now.getTime()).toBeLessThan(40 * 86_400_000);
    }

    const { user } = await userFor("sekretariat@demo.no");
    const inbox = await listInbox(user, parseInboxQuery(new URLSearchParams()), now);
    expect(inbox.overdue.length).toBeGreaterThanOrEqual(1);
  });
});
