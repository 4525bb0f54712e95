/**
 * Demo history for the action plans (demo mode only): three closed evaluation rounds for the
 * 2017–2020 plan (autumn 2018, 2019, 2020 — before and after the 2020 municipal reform) and an
 * open final evaluation of the 2023/24 plan. Answers and key figures are generated with a
 * deterministic pseudo-random function (same data on every machine), improving over time. Every
 * generated round says "(demodata)" in its description.
 *
 * Idempotent and keyed: a round is identified by (plan, title); an existing round is left alone,
 * and each round is written in one transaction (round, checklists, answers, key figures).
 * Molde's (1506) checklist in the open round is left empty so that it can be filled in by hand.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { checklistAnswers, checklistKeyFigures, checklists, evaluationRounds, measures, parties, plans } from "../schema";
import { partiesValidOn } from "../../app/models/checklists.server";

export const DEMO_MARK = "(demodata)";

type Status = "ikkje_starta" | "planlagt" | "i_gang" | "gjennomfort" | "ikkje_aktuelt";

type DemoRound = {
  planSlug: string;
  title: string;
  referenceDate: string;
  deadline: string;
  status: "open" | "closed";
  reminderDaysBefore: number;
  /** 0, 1, 2 …: how far the work has come. */
  stage: number;
  /** Key-figure year (for growth). */
  year: number;
  notSubmitted: string[];
  drafts: string[];
  empty: string[];
  /** Share of the remaining parties that have submitted (open round). */
  submittedShare: number;
};

export const DEMO_ROUNDS: DemoRound[] = [
  {
    planSlug: "ke-ip-koordinator-2017-2020",
    title: "Evaluering hausten 2018",
    referenceDate: "2018-10-01",
    deadline: "2018-11-15",
    status: "closed",
    reminderDaysBefore: 7,
    stage: 0,
    year: 2018,
    notSubmitted: ["1571", "1576"],
    drafts: [],
    empty: [],
    submittedShare: 1,
  },
  {
    planSlug: "ke-ip-koordinator-2017-2020",
    title: "Evaluering hausten 2019",
    referenceDate: "2019-10-01",
    deadline: "2019-11-15",
    status: "closed",
    reminderDaysBefore: 7,
    stage: 1,
    year: 2019,
    notSubmitted: ["1571"],
    drafts: [],
    empty: [],
    submittedShare: 1,
  },
  {
    planSlug: "ke-ip-koordinator-2017-2020",
    title: "Evaluering hausten 2020",
    referenceDate: "2020-10-01",
    deadline: "2020-11-16",
    status: "closed",
    reminderDaysBefore: 7,
    stage: 2,
    year: 2020,
    notSubmitted: [],
    drafts: [],
    empty: [],
    submittedShare: 1,
  },
  {
    planSlug: "felles-handlingsplan-2023-2024",
    title: "Sluttevaluering 2023/24",
    referenceDate: "2024-12-31",
    deadline: "2026-12-15",
    status: "open",
    reminderDaysBefore: 14,
    stage: 1,
    year: 2024,
    notSubmitted: [],
    drafts: ["1505", "1508", "1539", "1577", "HMR"],
    empty: ["1506"],
    submittedShare: 0.55,
  },
];

/** FNV-1a → [0, 1): the same input gives the same number everywhere. */
export function demoRandom(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) / 0x100000000;
}

function demoStatus(party: string, measure: string, planSlug: string, stage: number): Status {
  if (demoRandom("na", party, measure, planSlug) < 0.05) return "ikkje_aktuelt";
  // The same base per party and measure in every round, so that progress improves over time.
  const base = demoRandom("base", party, measure, planSlug) * 0.6 + (demoRandom("party", party) - 0.5) * 0.3;
  const score = base + 0.12 + stage * 0.22;
  if (score < 0.3) return "ikkje_starta";
  if (score < 0.5) return "planlagt";
  if (score < 0.75) return "i_gang";
  return "gjennomfort";
}

const LARGE = new Set(["1502", "1504", "1505", "1506", "1507", "1508", "HMR"]);
const PLACEMENTS = [
  "Tildelingskontoret, helse og omsorg",
  "Forvaltningskontoret",
  "Helse- og omsorgstenesta, stab",
  "Koordinerande eining i kommunalsjefen sin stab",
  "Tenestekontoret",
];

function demoKeyFigures(party: { number: string; name: string; kind: string }, stage: number, year: number, partial: boolean) {
  const size = (LARGE.has(party.number) ? 3 : 1) * (0.6 + demoRandom("size", party.number));
  const growth = 1 + stage * 0.12;
  const coordinators = Math.round(size * 9 * growth);
  const individualPlans = Math.round(coordinators * (1.4 + demoRandom("ip", party.number)) * growth);
  const onWeb = demoRandom("web", party.number) < 0.45 + stage * 0.2;
  const slug = party.name
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .replace(/[^a-z0-9]+/g, "-");
  return {
    coordinators,
    individualPlans,
    childCoordinators: year >= 2022 ? Math.round(coordinators * 0.3) : 0,
    cooperationMeetings: partial ? null : Math.round(individualPlans * (2 + demoRandom("coop", party.number, year))),
    coordinationMeetings: partial ? null : Math.round(individualPlans * (1 + demoRandom("coord", party.number, year))),
    kePlacement: party.kind === "trust" ? "Koordinerande eining, Klinikk for rehabilitering" : PLACEMENTS[Math.floor(demoRandom("place", party.number) * PLACEMENTS.length)],
    keOnWebsite: onWeb,
    keWebsiteUrl: onWeb ? (party.kind === "trust" ? "https://helse-mr.no/koordinerande-eining" : `https://www.${slug}.kommune.no/koordinerande-eining`) : "",
  };
}

const COMMENTS: Partial<Record<Status, string[]>> = {
  gjennomfort: ["Innarbeidd i rutinane.", "Gjennomført, følgjast opp årleg.", "Ferdig og kjent blant dei tilsette."],
  i_gang: ["Arbeidet er i gang, ferdig neste år.", "Delvis innført, manglar opplæring.", "Under arbeid i samarbeid med nabokommunane."],
  planlagt: ["Sett opp i handlingsplanen for neste år.", "Planlagt, manglar ressursar."],
  ikkje_starta: ["Ikkje prioritert enno.", ""],
  ikkje_aktuelt: ["Gjeld ikkje oss."],
};

export async function seedDemoPlanHistory(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  const planRows = await db.select({ id: plans.id, slug: plans.slug }).from(plans);
  const planIds = new Map(planRows.map((p) => [p.slug, p.id]));
  for (const r of DEMO_ROUNDS) {
    const planId = planIds.get(r.planSlug);
    if (!planId) continue;
    const [existing] = await db
      .select({ id: evaluationRounds.id })
      .from(evaluationRounds)
      .where(and(eq(evaluationRounds.planId, planId), eq(evaluationRounds.title, r.title)));
    if (existing) continue;
    await db.transaction(async (tx) => {
      const [round] = await tx
        .insert(evaluationRounds)
        .values({
          planId,
          title: r.title,
          description: `${DEMO_MARK} Genererte svar og nøkkeltal for demonstrasjon, ikkje verkelege tal.`,
          referenceDate: r.referenceDate,
          deadline: r.deadline,
          status: r.status,
          reminderDaysBefore: r.reminderDaysBefore,
        })
        .onConflictDoNothing()
        .returning();
      if (!round) return;
      const roundParties = await tx.select({ number: parties.number, name: parties.name, kind: parties.kind }).from(parties).where(partiesValidOn(r.referenceDate));
      if (roundParties.length === 0) return;
      const inserted = await tx
        .insert(checklists)
        .values(roundParties.map((p) => ({ roundId: round.id, partyNumber: p.number })))
        .returning({ id: checklists.id, partyNumber: checklists.partyNumber });
      const idOf = new Map(inserted.map((c) => [c.partyNumber, c.id]));
      const measureRows = await tx.select({ id: measures.id, number: measures.number }).from(measures).where(eq(measures.planId, planId));
      const submittedAt = new Date(`${r.deadline}T10:00:00Z`);
      const answers: (typeof checklistAnswers.$inferInsert)[] = [];
      const figures: (typeof checklistKeyFigures.$inferInsert)[] = [];
      const submitted: number[] = [];
      const drafts: number[] = [];
      for (const p of roundParties) {
        const checklistId = idOf.get(p.number)!;
        if (r.empty.includes(p.number) || r.notSubmitted.includes(p.number)) continue;
        const isDraft = r.drafts.includes(p.number);
        if (!isDraft && demoRandom("submitted", p.number, r.title) >= r.submittedShare) continue;
        const list = isDraft ? measureRows.filter((_, i) => i % 3 !== 2) : measureRows;
        for (const m of list) {
          const status = demoStatus(p.number, m.number, r.planSlug, r.stage);
          const options = COMMENTS[status] ?? [""];
          const comment = demoRandom("comment", p.number, m.number, r.title) < 0.35 ? options[Math.floor(demoRandom("c", p.number, m.number) * options.length)] : "";
          answers.push({ checklistId, measureId: m.id, status, comment });
        }
        figures.push({ checklistId, ...demoKeyFigures(p, r.stage, r.year, isDraft) });
        (isDraft ? drafts : submitted).push(checklistId);
      }
      for (let i = 0; i < answers.length; i += 500) await tx.insert(checklistAnswers).values(answers.slice(i, i + 500));
      if (figures.length) await tx.insert(checklistKeyFigures).values(figures);
      if (submitted.length) await tx.update(checklists).set({ status: "submitted", submittedAt, updatedAt: submittedAt, version: 2 }).where(inArray(checklists.id, submitted));
      if (drafts.length)
        await tx
          .update(checklists)
          .set({ updatedAt: sql`now()`, version: 2 })
          .where(inArray(checklists.id, drafts));
      created.push(r.title);
    });
  }
  return { created };
}
