/** Test fixtures for the secretariat's workflow: cases inserted straight into the table, users by e-mail. */
import { eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { db } from "../../db/client";
import { bodies, cases } from "../../db/schema";
import { getSessionUser } from "~/http/session.server";
import { cookieFor, getRequest } from "./http";
import { first, present } from "./one";

let counter = 0;

export async function insertCase(overrides: Partial<typeof cases.$inferInsert> = {}) {
  counter++;
  const year = overrides.year ?? 2024;
  const { next } = first(
    (await db()
      .select({ next: sql<number>`cast(coalesce(max(${cases.seq}), 0) + 1 as integer)` })
      .from(cases)
      .where(eq(cases.year, year))) as { next: number }[],
  );
  const seq = overrides.seq ?? next;
  const [row] = await db()
    .insert(cases)
    .values({
      reference: `HFMR-${year}-${String(seq).padStart(4, "0")}`,
      year,
      seq,
      title: `Testsak ${counter}`,
      submitterName: "Test Melder",
      submitterEmail: `melder${counter}@example.no`,
      submitterDate: `${year}-02-20`,
      background: "Bakgrunn for saka.",
      trackingTokenHash: randomUUID(),
      idempotencyKey: randomUUID(),
      ...overrides,
    })
    .returning();
  return present(row, "the inserted case");
}

/** The real case of seeds 002/004, as submitted by the FSU for rehabilitation on 20.02.2024. */
export function realCaseValues(): Partial<typeof cases.$inferInsert> {
  return {
    title: "Dialog med Statsforvaltaren om koordinering, koordinerande eining og individuell plan",
    submitterName: "Runa Bakke",
    submitterOrg: "Fagleg samarbeidsutval for rehabilitering, leiar",
    submitterEmail: "leiar.fsu-rehab@example.no",
    submitterPhone: "",
    submitterDate: "2024-02-20",
    background:
      "I møte for Faglig samarbeidsutvalg for rehabilitering 05.11.23 ble handlingsplan gjennomgått og evaluert. Utvalget ønsker i 2024 å prioritere arbeid med koordinering, koordinerende enhet, barnekoordinator og individuell plan.",
    proposal:
      "Faglig samarbeidsutvalg for rehabilitering ønsker med dette å oppfordre Strategisk samarbeidsutvalg til å vurdere om det er grunnlag for å initiere en bred satsing på forbedrings- og utviklingsarbeid.",
    urgency: "normal",
    createdAt: new Date("2024-02-20T10:00:00Z"),
  };
}

export async function bodyId(slug: string) {
  const [b] = await db().select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, slug));
  if (!b) throw new Error(`no body ${slug}`);
  return b.id;
}

/** A signed-in demo user (SessionUser) and its cookie. */
export async function userFor(email: string) {
  const cookie = await cookieFor(email);
  const user = await getSessionUser(getRequest("/", { cookie }));
  if (!user) throw new Error(`no session for ${email}`);
  return { user, cookie };
}
