/**
 * The app's route modules and sample data for table-driven tests over every route (the
 * authorisation matrix, action fuzzing): the route ids come from the file names in app/routes,
 * so a new route shows up here without anyone listing it.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { seedDemoCases, demoTrackingToken, REAL_CASE_REFERENCE } from "../../db/demo/cases";
import { seedDemoMeetings } from "../../db/demo/meetings";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { bodies, caseAttachments, cases, checklists, evaluationRounds, measures, meetings, plans, users } from "../../db/schema";
import { at, present } from "./one";

export const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

/** Route ids as Remix names them: the file name without its extension. */
export function routeIds(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !/\.test\./.test(f))
    .map((f) => `routes/${f.replace(/\.(tsx?|jsx?)$/, "")}`)
    .sort();
}

/** The dynamic segments of a route id ("routes/utval.$slug.moter.$meetingId._index" → slug, meetingId). */
export function paramNames(id: string): string[] {
  return [...id.matchAll(/\$(\w+)/g)].map((m) => at(m, 1).replace(/_$/, ""));
}

/**
 * The URL path of a route id with the given params ("routes/utval.$slug.moter.$meetingId.mote[.ics]"
 * → "/utval/ssu/moter/6/mote.ics"); the splat route gets a path that matches nothing else.
 */
export function pathFor(id: string, params: Record<string, string>): string {
  const segments = id
    .replace(/^routes\//, "")
    .split(/(?<!\[[^\]]*)\.(?![^[]*\])/)
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) =>
      s
        .replace(/_$/, "")
        .replace(/^\$(\w+)$/, (_, n) => String(params[n]))
        .replace(/\[(.*)\]/, "$1"),
    );
  const path = "/" + segments.filter((s) => s !== "$").join("/");
  return id === "routes/$" ? "/finst-ikkje/heller-ikkje" : path;
}

export interface RouteModule {
  loader?: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
}

const modules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");

export async function loadRoute(id: string): Promise<RouteModule> {
  const key = Object.keys(modules).find((k) => `routes/${path.basename(k).replace(/\.(tsx?|jsx?)$/, "")}` === id);
  const load = key ? modules[key] : undefined;
  if (!load) throw new Error(`No module for ${id}`);
  return load();
}

/** The demo data the app seeds at start-up in demo mode: cases, meetings, plan history. */
export async function seedAllDemoData() {
  await seedDemoCases(db());
  await seedDemoMeetings(db());
  await seedDemoPlanHistory(db());
}

/** Sample params per param name, read from the seeded database. */
export async function sampleParams() {
  const [realCase] = await db().select({ id: cases.id, reference: cases.reference }).from(cases).where(eq(cases.reference, REAL_CASE_REFERENCE));
  const [attachment] = await db().select({ id: caseAttachments.id, caseId: caseAttachments.caseId }).from(caseAttachments).limit(1);
  const [plan] = await db().select({ id: plans.id, slug: plans.slug }).from(plans).orderBy(asc(plans.id)).limit(1);
  const [measure] = plan ? await db().select({ number: measures.number }).from(measures).where(eq(measures.planId, plan.id)).orderBy(asc(measures.id)).limit(1) : [];
  const [round] = await db().select({ id: evaluationRounds.id }).from(evaluationRounds).orderBy(asc(evaluationRounds.id)).limit(1);
  // A checklist in an open round if there is one (so that writes get past "the round is closed").
  const checklistOf = async (party: string) =>
    (
      await db()
        .select({ id: checklists.id })
        .from(checklists)
        .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
        .where(eq(checklists.partyNumber, party))
        .orderBy(sql`${evaluationRounds.status} = 'open' desc`, asc(checklists.id))
        .limit(1)
    )[0];
  const molde = await checklistOf("1506");
  const alesund = await checklistOf("1508");
  const [meeting] = await db()
    .select({ id: meetings.id, slug: bodies.slug })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(bodies.slug, "ssu"), isNotNull(meetings.id)))
    .orderBy(asc(meetings.id))
    .limit(1);
  const [fsuMeeting] = await db()
    .select({ id: meetings.id, slug: bodies.slug })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(bodies.slug, "fsu-rehabilitering"))
    .orderBy(asc(meetings.id))
    .limit(1);
  const [molder] = await db().select({ id: users.id }).from(users).where(eq(users.email, "ke-molde@demo.no"));
  const [anyPublishedCase] = await db()
    .select({ reference: cases.reference })
    .from(cases)
    .where(sql`${cases.status} not in ('submitted', 'rejected', 'withdrawn')`)
    .orderBy(asc(cases.reference))
    .limit(1);
  return {
    realCase: present(realCase, "the real case"),
    attachment,
    plan: present(plan, "a plan"),
    measure: present(measure, "a measure"),
    round: present(round, "a round"),
    molde: present(molde, "Molde's checklist"),
    alesund,
    meeting: present(meeting, "an SSU meeting"),
    fsuMeeting,
    molder,
    anyPublishedCase: present(anyPublishedCase, "a published case"),
    trackingToken: demoTrackingToken(REAL_CASE_REFERENCE),
  };
}
