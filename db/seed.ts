/**
 * Reference data and demo accounts. Idempotent: every insert is keyed on a natural key and skips
 * rows that exist, so running it twice changes nothing (and never overwrites what people edited).
 */
import { inArray } from "drizzle-orm";
import { hashPassword } from "../app/services/password.server";
import type { Db } from "./client";
import bodiesData from "./data/bodies.json";
import partiesData from "./data/municipalities.json";
import plansData from "./data/plans.json";
import { bodies, bodyMemberships, goals, measures, parties, partySuccessions, plans, userParties, users, type Localized } from "./schema";
import type { MembershipRole } from "../app/models/access";

type PartyRow = {
  number: string;
  name: string;
  kind: "municipality" | "trust";
  validFrom: string;
  validTo: string | null;
  successors: string[];
  successorOutsideCounty?: boolean;
};
type BodyRow = { slug: string; kind: "partnership_meeting" | "ssu" | "fsu" | "lsu" | "secretariat"; shortName: string; name: Localized; description: Localized };
type MeasureRow = { number: string; title: Localized; description: Localized; responsible: "trust" | "municipalities" | "both" | "working_group" | "body" };
type PlanRow = {
  slug: string;
  title: Localized;
  periodStart: string;
  periodEnd: string;
  ownerBodySlug: string;
  status: "draft" | "active" | "completed";
  reconstructed?: boolean;
  sourceNote?: Localized;
  goals: { number: number; title: Localized; bodySlug?: string; measures: MeasureRow[] }[];
};

export const DEMO_PASSWORD = "demo-passord";

/** Demo memberships begin here (demo mode only; the term is invented, marked demodata in the README). */
export const DEMO_TERM_START = "2020-01-01";
const D = "(demodata)";

/**
 * The demo accounts of the README; they exist only in demo mode: seedDemoAccounts is called only
 * when `demoMode` is on (app/services/startup.server.ts), and demo mode is off in production. Memberships carry the role in the
 * body and whom the member represents (a party number, or an organisation marked demodata).
 */
export const DEMO_ACCOUNTS = [
  { email: "sekretariat@demo.no", name: "Sekretariatsleiar (demo)", role: "secretariat", memberships: [{ body: "sekretariat", role: "leader", party: "HMR" }] },
  { email: "ssu-leiar@demo.no", name: "SSU-leiar (demo)", role: "committee_member", memberships: [{ body: "ssu", role: "leader", party: "1506" }] },
  { email: "ssu-nestleiar@demo.no", name: "SSU-nestleiar (demo)", role: "committee_member", memberships: [{ body: "ssu", role: "deputy_leader", party: "HMR" }] },
  {
    email: "fsu-rehab@demo.no",
    name: "Medlem FSU rehabilitering (demo)",
    role: "committee_member",
    memberships: [{ body: "fsu-rehabilitering", role: "member", party: "1508" }],
  },
  { email: "lsu-molde@demo.no", name: "Medlem LSU Molde (demo)", role: "committee_member", memberships: [{ body: "lsu-molde", role: "member", party: "1506" }] },
  {
    email: "partnarskap@demo.no",
    name: "Medlem Partnarskapsmøtet (demo)",
    role: "committee_member",
    memberships: [{ body: "partnarskapsmote", role: "user_representative", organisation: `Brukarutvalet i Helse Møre og Romsdal ${D}` }],
  },
  { email: "ke-molde@demo.no", name: "KE Molde (demo)", role: "reporter", parties: ["1506"] },
  { email: "ke-alesund@demo.no", name: "KE Ålesund (demo)", role: "reporter", parties: ["1508"] },
  { email: "ke-hf@demo.no", name: "KE Helse Møre og Romsdal (demo)", role: "reporter", parties: ["HMR"] },
  { email: "admin@demo.no", name: "Administrator (demo)", role: "admin" },
  // A KE coordinator serving two municipalities by agreement (demodata): reports for both.
  { email: "ke-indre@demo.no", name: "KE Stranda og Fjord (demodata)", role: "reporter", parties: ["1525", "1578"] },
] as const satisfies readonly {
  email: string;
  name: string;
  role: "secretariat" | "committee_member" | "reporter" | "admin";
  parties?: readonly string[];
  memberships?: readonly { body: string; role: MembershipRole; party?: string; organisation?: string }[];
}[];

export async function seedReferenceData(db: Db) {
  const partyRows = partiesData as PartyRow[];
  await db
    .insert(parties)
    .values(
      partyRows.map((p) => ({
        number: p.number,
        name: p.name,
        kind: p.kind,
        validFrom: p.validFrom,
        validTo: p.validTo,
        successorOutsideCounty: Boolean(p.successorOutsideCounty),
      })),
    )
    .onConflictDoNothing();
  const successions = partyRows.flatMap((p) => p.successors.map((s) => ({ predecessor: p.number, successor: s })));
  if (successions.length) await db.insert(partySuccessions).values(successions).onConflictDoNothing();

  await db
    .insert(bodies)
    .values((bodiesData as BodyRow[]).map((b) => ({ slug: b.slug, kind: b.kind, shortName: b.shortName, name: b.name, description: b.description })))
    .onConflictDoNothing();

  const bodyIds = new Map((await db.select({ id: bodies.id, slug: bodies.slug }).from(bodies)).map((b) => [b.slug, b.id]));
  for (const plan of plansData as PlanRow[]) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(plans)
        .values({
          slug: plan.slug,
          title: plan.title,
          periodStart: plan.periodStart,
          periodEnd: plan.periodEnd,
          ownerBodyId: bodyIds.get(plan.ownerBodySlug) ?? null,
          status: plan.status,
          reconstructed: Boolean(plan.reconstructed),
          sourceNote: plan.sourceNote ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: plans.id });
      const planId = inserted[0]?.id;
      if (planId === undefined) return; // seeded before: the secretariat may have edited it since
      for (const goal of plan.goals) {
        const [g] = await tx
          .insert(goals)
          .values({ planId, number: goal.number, title: goal.title, bodyId: goal.bodySlug ? (bodyIds.get(goal.bodySlug) ?? null) : null })
          .returning({ id: goals.id });
        if (!g) throw new Error("Internal error: expected a goal row, got none");
        if (goal.measures.length) {
          await tx.insert(measures).values(
            goal.measures.map((m) => ({
              planId,
              goalId: g.id,
              number: m.number,
              title: m.title,
              description: m.description,
              responsible: m.responsible,
            })),
          );
        }
      }
    });
  }
}

export async function seedDemoAccounts(db: Db) {
  const existing = new Set(
    (
      await db
        .select({ email: users.email })
        .from(users)
        .where(
          inArray(
            users.email,
            DEMO_ACCOUNTS.map((a) => a.email),
          ),
        )
    ).map((u) => u.email),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email));
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const bodyIds = new Map((await db.select({ id: bodies.id, slug: bodies.slug }).from(bodies)).map((b) => [b.slug, b.id]));
  for (const account of missing) {
    await db.transaction(async (tx) => {
      const [u] = await tx.insert(users).values({ email: account.email, name: account.name, role: account.role, passwordHash }).onConflictDoNothing().returning({ id: users.id });
      if (!u) return;
      const partyNumbers: readonly string[] = "parties" in account ? account.parties : [];
      if (partyNumbers.length)
        await tx
          .insert(userParties)
          .values(partyNumbers.map((partyNumber) => ({ userId: u.id, partyNumber })))
          .onConflictDoNothing();
      for (const m of "memberships" in account ? account.memberships : []) {
        const bodyId = bodyIds.get(m.body);
        if (!bodyId) continue;
        await tx.insert(bodyMemberships).values({
          userId: u.id,
          bodyId,
          role: m.role,
          representsParty: "party" in m ? m.party : null,
          representsOrganisation: "organisation" in m ? m.organisation : null,
          startsOn: DEMO_TERM_START,
        });
      }
    });
  }
}
