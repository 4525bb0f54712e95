/**
 * Dashboards: the county overview for a plan and round, and one party's history (with its
 * predecessors across the 2020 reform). Aggregates are computed in SQL, and each dashboard runs a
 * fixed number of statements whatever the number of parties and rounds (tests/integration/
 * dashboard.test.ts counts them). Only submitted checklists count. Closed rounds are public;
 * open rounds and comments need a signed-in member (a reporter sees only their own party's
 * comments).
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, queryParts, rowsOf } from "../../db/client";
import { answerStatus, checklistStatus, partyKind, roundStatus, type Localized } from "../../db/schema";
import { i18nFor, localized, type Lang } from "~/i18n";
import type { Role, SessionUser } from "~/models/actor";
import { ANSWER_STATUSES, NUMBER_FIELDS, type AnswerStatus, type NumberField } from "./checklists.server";
import { compareMeasureNumbers } from "./plans.server";
import { publicCasesOfPartiesSql } from "./public-cases.server";
import { PUBLIC_STATUSES } from "./public-statuses";

export type Viewer = { signedIn: boolean; role: Role | null; partyNumbers: readonly string[] };
export const PUBLIC_VIEWER: Viewer = { signedIn: false, role: null, partyNumbers: [] };

/** The comment column as this viewer may see it (null where hidden). */
function commentFor(viewer: Viewer, party: SQL, comment: SQL): SQL {
  if (!viewer.signedIn) return sql`null::text`;
  if (viewer.role === "reporter") {
    // A reporter reads the comments of the parties they report for (all their affiliations).
    if (viewer.partyNumbers.length === 0) return sql`null::text`;
    const own = sql.join(
      viewer.partyNumbers.map((n) => sql`${n}`),
      sql`, `,
    );
    return sql`case when ${party} in (${own}) then ${comment} end`;
  }
  return comment;
}
const roundVisible = (viewer: Viewer, status: SQL) => (viewer.signedIn ? sql`true` : sql`${status} = 'closed'`);

const KF_SQL = {
  coordinators: "coordinators",
  individualPlans: "individual_plans",
  childCoordinators: "child_coordinators",
  cooperationMeetings: "cooperation_meetings",
  coordinationMeetings: "coordination_meetings",
} as const satisfies Record<NumberField, string>;

type RoundRow = { id: number; title: string; description: string; status: RoundStatus; referenceDate: string; deadline: string; planId: number };
type PlanRow = { id: number; slug: string; title: Localized; rounds: RoundRow[] };

const toDate = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

// Row schemas of the raw SQL below (issue 12): every row is parsed where it leaves the database,
// so a renamed or retyped column fails at the boundary (and in the type check where it is used).
type RoundStatus = (typeof roundStatus.enumValues)[number];
/** A date column: a Date from a driver, an ISO string inside JSON; "YYYY-MM-DD" either way. */
const day = z.union([z.string(), z.date()]).transform(toDate);
/** A jsonb Localized (a language left out reads as "", which localized() shows as nn). */
const localizedText = z.object({ nn: z.string(), nb: z.string().default(""), en: z.string().default("") }) satisfies z.ZodType<Localized, z.ZodTypeDef, unknown>;
const answer = z.enum(answerStatus.enumValues);
const count = z.number().int();
const figure = z.number().nullable();

const planRoundRow = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: localizedText,
  round_id: z.number().int().nullable(),
  round_title: z.string().nullable(),
  description: z.string().nullable(),
  status: z.enum(roundStatus.enumValues).nullable(),
  reference_date: day.nullable(),
  deadline: day.nullable(),
});
const measureRow = z.object({ id: z.number().int(), number: z.string(), title: localizedText });
const cellRow = z.object({
  party_number: z.string(),
  party_name: z.string(),
  kind: z.enum(partyKind.enumValues),
  checklist_status: z.enum(checklistStatus.enumValues),
  measure_id: z.number().int().nullable(),
  status: answer.nullable(),
  comment: z.string().nullable(),
});
const completionRow = z.object({ party_number: z.string(), done: count, answered: count, total: count });
const perMeasureRow = z.object({ measure_id: z.number().int(), status: answer, n: count });
const trendRow = z.object({ round_id: z.number().int(), status: answer.nullable(), n: count, parties: count });
const countyFiguresRow = z.object({
  submitted: count,
  on_web: count,
  ...(Object.fromEntries(
    NUMBER_FIELDS.flatMap((f) => [
      [`${f}_sum`, figure],
      [`${f}_median`, figure],
      [`${f}_n`, count],
    ]),
  ) as Record<`${NumberField}_${"sum" | "median" | "n"}`, typeof figure>),
});
const partyRow = z.object({
  number: z.string(),
  name: z.string(),
  kind: z.enum(partyKind.enumValues),
  valid_from: day,
  valid_to: day.nullable(),
  successor_outside_county: z.boolean(),
});
const successionRow = z.object({ predecessor: z.string(), successor: z.string() });
const roundOfRow = { round_id: z.number().int(), round_title: z.string(), reference_date: day };
const historyRow = z.object({
  ...roundOfRow,
  round_status: z.enum(roundStatus.enumValues),
  plan_slug: z.string(),
  plan_title: localizedText,
  party_number: z.string(),
  checklist_status: z.enum(checklistStatus.enumValues),
  measure_id: z.number().int(),
  number: z.string(),
  title: localizedText,
  status: answer.nullable(),
  comment: z.string().nullable(),
});
/** The key figures' columns (snake case, as in checklist_key_figures), one per NUMBER_FIELDS entry. */
const figureColumns = <T extends z.ZodTypeAny>(type: T) => Object.fromEntries(NUMBER_FIELDS.map((f) => [KF_SQL[f], type])) as Record<(typeof KF_SQL)[NumberField], T>;
const partyFiguresRow = z.object({
  ...roundOfRow,
  party_number: z.string(),
  ...figureColumns(z.number().int().nullable()),
  ke_placement: z.string(),
  ke_on_website: z.boolean().nullable(),
  ke_website_url: z.string(),
});
const countyMediansRow = z.object({ ...roundOfRow, ...figureColumns(figure), done_share: z.number().int().nullable() });
/** A row of publicCasesOfPartiesSql (public-cases.server.ts): PublicCaseSummary plus the Oslo date, the time and the party. */
const publicCaseRow = z.object({
  reference: z.string(),
  title: z.string().nullable(),
  titleWithheld: z.string().nullable(),
  status: z.enum(PUBLIC_STATUSES),
  created_at: day,
  ts: z.string(),
  party_number: z.string(),
});

export type KeyFigureSummary = { field: NumberField; sum: number | null; median: number | null; reporting: number };

/** The county overview of a plan's round as `actor` may see it (null: signed out); null when there is no plan. */
export async function getCountyDashboard(actor: Pick<SessionUser, "role" | "partyNumbers"> | null, input: { planSlug?: string | null; roundId?: number | null }) {
  const viewer = viewerOf(actor);
  // 1: plans with their visible rounds
  const planRows = rowsOf(
    await db().execute(sql`
      select p.id, p.slug, p.title, p.period_start, r.id as round_id, r.title as round_title, r.description, r.status, r.reference_date, r.deadline
      from plans p left join evaluation_rounds r on r.plan_id = p.id and ${roundVisible(viewer, sql`r.status`)}
      order by p.period_start desc, p.id, r.reference_date, r.id`),
    planRoundRow,
  );
  const plansById = new Map<number, PlanRow>();
  for (const r of planRows) {
    let p = plansById.get(r.id);
    if (!p) plansById.set(r.id, (p = { id: r.id, slug: r.slug, title: r.title, rounds: [] }));
    if (r.round_id != null)
      p.rounds.push({
        id: r.round_id,
        title: r.round_title!,
        description: r.description ?? "",
        status: r.status!,
        referenceDate: r.reference_date!,
        deadline: r.deadline!,
        planId: r.id,
      });
  }
  const allPlans = [...plansById.values()];
  const plan = allPlans.find((p) => p.slug === input.planSlug) ?? allPlans.find((p) => p.rounds.length > 0) ?? allPlans[0] ?? null;
  if (!plan) return null;
  const round = plan.rounds.find((r) => r.id === input.roundId) ?? [...plan.rounds].reverse().find((r) => r.status === "closed") ?? plan.rounds.at(-1) ?? null;
  const roundId = round?.id ?? -1;

  // 2–7 in one round trip: each part as a JSON array (order is restored below where it matters).
  const parts = {
    // 2: measures
    measures: { row: measureRow, sql: sql`select id, number, title from measures where plan_id = ${plan.id}` },
    // 3: the matrix: every party of the round × its answers (submitted checklists only carry answers)
    cells: {
      row: cellRow,
      sql: sql`
      select c.party_number, p.name as party_name, p.kind, c.status as checklist_status, a.measure_id, a.status,
        ${commentFor(viewer, sql`c.party_number`, sql`a.comment`)} as comment
      from checklists c join parties p on p.number = c.party_number
      left join checklist_answers a on a.checklist_id = c.id and c.status = 'submitted'
      where c.round_id = ${roundId}`,
    },
    // 4: completion per party
    completion: {
      row: completionRow,
      sql: sql`
      select c.party_number,
        count(a.status) filter (where a.status = 'gjennomfort')::int as done,
        count(a.status)::int as answered,
        (select count(*)::int from measures m where m.plan_id = ${plan.id}) as total
      from checklists c left join checklist_answers a on a.checklist_id = c.id
      where c.round_id = ${roundId} and c.status = 'submitted'
      group by c.party_number`,
    },
    // 5: per measure: parties per status
    perMeasure: {
      row: perMeasureRow,
      sql: sql`
      select a.measure_id, a.status, count(*)::int as n
      from checklist_answers a join checklists c on c.id = a.checklist_id
      where c.round_id = ${roundId} and c.status = 'submitted' and a.status is not null
      group by a.measure_id, a.status`,
    },
    // 6: trend across the plan's visible rounds
    trend: {
      row: trendRow,
      sql: sql`
      select r.id as round_id, a.status, count(*)::int as n, count(distinct c.id)::int as parties
      from evaluation_rounds r join checklists c on c.round_id = r.id and c.status = 'submitted'
      join checklist_answers a on a.checklist_id = c.id and a.status is not null
      where r.plan_id = ${plan.id} and ${roundVisible(viewer, sql`r.status`)}
      group by grouping sets ((r.id, a.status), (r.id))`,
    },
    // 7: key figures for the county: sums and medians
    keyFigures: {
      row: countyFiguresRow,
      sql: sql.raw(`
      select count(*)::int as submitted,
      ${NUMBER_FIELDS.map(
        (f) =>
          `sum(k.${KF_SQL[f]})::float8 as "${f}_sum", percentile_cont(0.5) within group (order by k.${KF_SQL[f]})::float8 as "${f}_median", count(k.${KF_SQL[f]})::int as "${f}_n"`,
      ).join(",\n")},
      count(*) filter (where k.ke_on_website)::int as on_web
      from checklists c join checklist_key_figures k on k.checklist_id = c.id
      where c.round_id = ${Number(roundId)} and c.status = 'submitted'`),
    },
  };
  const combined = await queryParts(parts);

  const measureList = combined.measures.sort(compareMeasureNumbers);
  // Trust first, then municipalities by number (kind "trust" sorts after "municipality").
  const cells = combined.cells.sort((a, b) => (a.kind === b.kind ? (a.party_number < b.party_number ? -1 : a.party_number > b.party_number ? 1 : 0) : a.kind < b.kind ? 1 : -1));
  const partyMap = new Map<
    string,
    { number: string; name: string; kind: string; submitted: boolean; answers: Record<number, { status: AnswerStatus | null; comment: string | null }> }
  >();
  for (const c of cells) {
    let p = partyMap.get(c.party_number);
    if (!p) partyMap.set(c.party_number, (p = { number: c.party_number, name: c.party_name, kind: c.kind, submitted: c.checklist_status === "submitted", answers: {} }));
    if (c.measure_id != null) p.answers[c.measure_id] = { status: c.status, comment: c.comment };
  }
  const completion = new Map(combined.completion.map((r) => [r.party_number, r]));
  const matrix = [...partyMap.values()].map((p) => {
    const c = completion.get(p.number);
    return { ...p, done: c?.done ?? 0, total: c?.total ?? measureList.length, completion: c && c.total ? Math.round((100 * c.done) / c.total) : null };
  });
  const submittedCount = matrix.filter((p) => p.submitted).length;

  const perMeasureCounts = new Map<number, Record<AnswerStatus, number>>();
  for (const r of combined.perMeasure) {
    const rec = perMeasureCounts.get(r.measure_id) ?? (Object.fromEntries(ANSWER_STATUSES.map((s) => [s, 0])) as Record<AnswerStatus, number>);
    rec[r.status] = r.n;
    perMeasureCounts.set(r.measure_id, rec);
  }
  const perMeasure = measureList.map((m) => {
    const counts = perMeasureCounts.get(m.id) ?? (Object.fromEntries(ANSWER_STATUSES.map((s) => [s, 0])) as Record<AnswerStatus, number>);
    return { measureId: m.id, number: m.number, title: m.title, counts, doneShare: submittedCount ? Math.round((100 * counts.gjennomfort) / submittedCount) : null };
  });

  const trendRows = combined.trend;
  const trend = plan.rounds.map((r) => {
    const counts = Object.fromEntries(ANSWER_STATUSES.map((s) => [s, 0])) as Record<AnswerStatus, number>;
    let answers = 0;
    let parties = 0;
    for (const t of trendRows) {
      if (t.round_id !== r.id) continue;
      if (t.status == null) {
        answers = t.n;
        parties = t.parties;
      } else counts[t.status] = t.n;
    }
    return {
      roundId: r.id,
      title: r.title,
      referenceDate: r.referenceDate,
      status: r.status,
      parties,
      answers,
      counts,
      doneShare: answers ? Math.round((100 * counts.gjennomfort) / answers) : null,
    };
  });

  const kf = combined.keyFigures[0];
  const keyFigures: KeyFigureSummary[] = NUMBER_FIELDS.map((f) => ({
    field: f,
    sum: kf?.[`${f}_sum`] ?? null,
    median: kf?.[`${f}_median`] ?? null,
    reporting: kf?.[`${f}_n`] ?? 0,
  }));

  return {
    plans: allPlans.map((p) => ({ id: p.id, slug: p.slug, title: p.title, rounds: p.rounds })),
    plan: { id: plan.id, slug: plan.slug, title: plan.title },
    round,
    measures: measureList,
    matrix,
    submittedCount,
    perMeasure,
    trend,
    keyFigures,
    keOnWebsite: kf?.on_web ?? 0,
    commentsVisible: viewer.signedIn,
  };
}
export type CountyDashboard = NonNullable<Awaited<ReturnType<typeof getCountyDashboard>>>;

/** All predecessors of a party, transitively (Ålesund 1508 ← 1507 ← 1504, Ørskog, …). */
function ancestorsOf(number: string, successions: { predecessor: string; successor: string }[]): string[] {
  const out: string[] = [];
  const queue = [number];
  while (queue.length) {
    const current = queue.shift()!;
    for (const s of successions) {
      if (s.successor === current && !out.includes(s.predecessor) && s.predecessor !== number) {
        out.push(s.predecessor);
        queue.push(s.predecessor);
      }
    }
  }
  return out;
}

/** One party's history (with its predecessors) as `actor` may see it; null when there is no such party. */
export async function getPartyDashboard(actor: Pick<SessionUser, "role" | "partyNumbers"> | null, input: { number: string }) {
  const viewer = viewerOf(actor);
  // 1: parties and successions (small reference tables), one round trip
  const refs = await queryParts({
    parties: { row: partyRow, sql: sql`select number, name, kind, valid_from, valid_to, successor_outside_county from parties` },
    successions: { row: successionRow, sql: sql`select predecessor, successor from party_successions` },
  });
  const allParties = refs.parties;
  const party = allParties.find((p) => p.number === input.number);
  if (!party) return null;
  const successions = refs.successions;
  const byNumber = new Map(allParties.map((p) => [p.number, p]));
  const describe = (n: string) => {
    const p = byNumber.get(n);
    return { number: n, name: p?.name ?? n, validFrom: p ? p.valid_from : null, validTo: p?.valid_to ?? null, inCounty: Boolean(p) };
  };
  const predecessors = ancestorsOf(party.number, successions).map(describe);
  const successors = successions.filter((s) => s.predecessor === party.number).map((s) => describe(s.successor));
  const lineage = [party.number, ...predecessors.map((p) => p.number)];
  const lineageSql = sql.join(
    lineage.map((n) => sql`${n}`),
    sql`, `,
  );

  // 2: the rest in one round trip (each part a JSON array; order restored below)
  const parts = {
    // status per measure across rounds for the party and its predecessors
    answers: {
      row: historyRow,
      sql: sql`
      select r.id as round_id, r.title as round_title, r.reference_date, r.status as round_status, p.slug as plan_slug, p.title as plan_title,
        c.party_number, c.status as checklist_status, m.id as measure_id, m.number, m.title,
        case when c.status = 'submitted' then a.status end as status,
        case when c.status = 'submitted' then ${commentFor(viewer, sql`c.party_number`, sql`a.comment`)} end as comment
      from checklists c
      join evaluation_rounds r on r.id = c.round_id
      join plans p on p.id = r.plan_id
      join measures m on m.plan_id = r.plan_id
      left join checklist_answers a on a.checklist_id = c.id and a.measure_id = m.id
      where c.party_number in (${lineageSql}) and ${roundVisible(viewer, sql`r.status`)}`,
    },
    // key figures of the party and its predecessors, per round
    keyFigures: {
      row: partyFiguresRow,
      sql: sql`
      select r.id as round_id, r.title as round_title, r.reference_date, c.party_number, k.coordinators, k.individual_plans, k.child_coordinators,
        k.cooperation_meetings, k.coordination_meetings, k.ke_placement, k.ke_on_website, k.ke_website_url
      from checklists c join evaluation_rounds r on r.id = c.round_id join checklist_key_figures k on k.checklist_id = c.id
      where c.party_number in (${lineageSql}) and c.status = 'submitted' and ${roundVisible(viewer, sql`r.status`)}`,
    },
    // the county per round: medians of key figures and the share of answers done
    county: {
      row: countyMediansRow,
      sql: sql`
      select r.id as round_id, r.title as round_title, r.reference_date,
        percentile_cont(0.5) within group (order by k.coordinators)::float8 as coordinators,
        percentile_cont(0.5) within group (order by k.individual_plans)::float8 as individual_plans,
        percentile_cont(0.5) within group (order by k.child_coordinators)::float8 as child_coordinators,
        percentile_cont(0.5) within group (order by k.cooperation_meetings)::float8 as cooperation_meetings,
        percentile_cont(0.5) within group (order by k.coordination_meetings)::float8 as coordination_meetings,
        ds.done_share
      from evaluation_rounds r
      left join checklists c on c.round_id = r.id and c.status = 'submitted'
      left join checklist_key_figures k on k.checklist_id = c.id
      -- the share done per round in one pass (a subquery per round cost 20 ms at scale 1)
      left join (
        select c2.round_id, round(100.0 * count(*) filter (where a.status = 'gjennomfort') / nullif(count(a.status), 0))::int as done_share
        from checklist_answers a join checklists c2 on c2.id = a.checklist_id
        where c2.status = 'submitted' group by c2.round_id
      ) ds on ds.round_id = r.id
      where ${roundVisible(viewer, sql`r.status`)}
      group by r.id, ds.done_share`,
    },
    // public cases the party (or a predecessor) submitted: the latest 100 (dated in Oslo), as the
    // public projection gives them to everyone, signed in or not (the internal view is the inbox)
    cases: { row: publicCaseRow, sql: publicCasesOfPartiesSql(lineage, 100) },
  };
  const rest = await queryParts(parts);
  type Dated = { reference_date: string; round_id: number; party_number?: string };
  const byRoundDate = (a: Dated, b: Dated) =>
    a.reference_date.localeCompare(b.reference_date) || a.round_id - b.round_id || (a.party_number ?? "").localeCompare(b.party_number ?? "");

  type RoundHistory = {
    roundId: number;
    title: string;
    referenceDate: string;
    roundStatus: string;
    planSlug: string;
    planTitle: Localized;
    partyNumber: string;
    submitted: boolean;
    answers: { measureId: number; number: string; title: Localized; status: AnswerStatus | null; comment: string | null }[];
  };
  const history: RoundHistory[] = [];
  for (const r of rest.answers.sort(byRoundDate)) {
    let h = history.find((x) => x.roundId === r.round_id && x.partyNumber === r.party_number);
    if (!h) {
      h = {
        roundId: r.round_id,
        title: r.round_title,
        referenceDate: r.reference_date,
        roundStatus: r.round_status,
        planSlug: r.plan_slug,
        planTitle: r.plan_title,
        partyNumber: r.party_number,
        submitted: r.checklist_status === "submitted",
        answers: [],
      };
      history.push(h);
    }
    h.answers.push({ measureId: r.measure_id, number: r.number, title: r.title, status: r.status, comment: r.comment });
  }
  for (const h of history) h.answers.sort(compareMeasureNumbers);

  const county = rest.county.sort(byRoundDate).map((r) => ({
    roundId: r.round_id,
    title: r.round_title,
    referenceDate: r.reference_date,
    doneShare: r.done_share,
    median: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, r[KF_SQL[f]]])) as Record<NumberField, number | null>,
  }));
  const keyFigures = rest.keyFigures.sort(byRoundDate).map((r) => ({
    roundId: r.round_id,
    title: r.round_title,
    referenceDate: r.reference_date,
    partyNumber: r.party_number,
    values: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, r[KF_SQL[f]]])) as Record<NumberField, number | null>,
    kePlacement: r.ke_placement,
    keOnWebsite: r.ke_on_website,
    keWebsiteUrl: r.ke_website_url,
  }));

  // Trend: the party's (or its predecessors', pooled) share of measures done per round, beside the county.
  const trend = county
    .map((c) => {
      const rows = history.filter((h) => h.roundId === c.roundId && h.submitted);
      if (rows.length === 0) return null;
      const answers = rows.flatMap((h) => h.answers).filter((a) => a.status != null);
      const done = answers.filter((a) => a.status === "gjennomfort").length;
      return {
        roundId: c.roundId,
        title: c.title,
        referenceDate: c.referenceDate,
        viaPredecessors: rows.every((h) => h.partyNumber !== party.number),
        partyShare: answers.length ? Math.round((100 * done) / answers.length) : null,
        countyShare: c.doneShare,
      };
    })
    .filter((x): x is NonNullable<typeof x> => x != null);

  return {
    party: {
      number: party.number,
      name: party.name,
      kind: party.kind,
      validFrom: party.valid_from,
      validTo: party.valid_to,
      successorOutsideCounty: party.successor_outside_county,
    },
    predecessors,
    successors,
    history,
    keyFigures,
    county,
    trend,
    cases: rest.cases
      .sort((a, b) => Date.parse(b.ts) - Date.parse(a.ts))
      .map((c) => ({
        reference: c.reference,
        title: c.title,
        titleWithheld: c.titleWithheld,
        status: c.status,
        createdAt: c.created_at,
        partyNumber: c.party_number,
      })),
    commentsVisible: viewer.signedIn,
  };
}
export type PartyDashboard = NonNullable<Awaited<ReturnType<typeof getPartyDashboard>>>;

/** A table as downloaded (CSV, Excel) and shown beside each chart. */
export type DataTable = { name: string; title: string; columns: string[]; rows: (string | number | null)[][] };

export function toCsv(table: DataTable): string {
  const esc = (v: string | number | null) => {
    if (v == null) return "";
    const s = String(v);
    // Guard against formula injection in spreadsheet programs.
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
    return /[;"\n\r,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return "\uFEFF" + [table.columns, ...table.rows].map((r) => r.map(esc).join(";")).join("\r\n") + "\r\n";
}

// ---------------------------------------------------------------------------------------------
// Tables: the same numbers as the charts, shown beside them and downloaded as CSV or Excel.

export function viewerOf(user: { role: Role; partyNumbers: readonly string[] } | null): Viewer {
  return user ? { signedIn: true, role: user.role, partyNumbers: user.partyNumbers } : PUBLIC_VIEWER;
}

/**
 * Builds only the named tables (a page shows some; a download needs one): each is a function, so
 * a table nobody asked for costs nothing.
 */
function build<K extends string>(builders: Record<K, () => DataTable>, names: readonly K[]): Record<K, DataTable> {
  return Object.fromEntries(names.map((n) => [n, builders[n]()])) as Record<K, DataTable>;
}
function buildOne(builders: Record<string, () => DataTable>, name: string): DataTable | undefined {
  return Object.prototype.hasOwnProperty.call(builders, name) ? builders[name]?.() : undefined;
}

export type CountyTableName = "fullforing" | "tiltak" | "trend" | "nokkeltal" | "matrise";
export const countyTables = <K extends CountyTableName>(d: CountyDashboard, lang: Lang, names: readonly K[]) => build(countyTableBuilders(d, lang), names);
export const countyTable = (d: CountyDashboard, lang: Lang, name: string) => buildOne(countyTableBuilders(d, lang), name);

function countyTableBuilders(d: CountyDashboard, lang: Lang): Record<CountyTableName, () => DataTable> {
  const t = i18nFor(lang).getFixedT(lang, "plans");
  const statusCols = () => ANSWER_STATUSES.map((s) => t(`answerStatus.${s}`));
  const roundTitle = d.round?.title ?? "";
  return {
    fullforing: () => ({
      name: "fullforing",
      title: t("dashboard.completionTitle", { round: roundTitle }),
      columns: [t("excel.partyName"), t("excel.partyNumber"), t("dashboard.doneCount"), t("dashboard.measureCount"), t("dashboard.sharePct")],
      rows: d.matrix.filter((p) => p.submitted).map((p) => [p.name, p.number, p.done, p.total, p.completion]),
    }),
    tiltak: () => ({
      name: "tiltak",
      title: t("dashboard.perMeasureTitle", { round: roundTitle }),
      columns: [t("excel.measureNumber"), t("excel.measureTitle"), ...statusCols(), t("dashboard.doneSharePct")],
      rows: d.perMeasure.map((m) => [m.number, localized(m.title, lang), ...ANSWER_STATUSES.map((s) => m.counts[s]), m.doneShare]),
    }),
    trend: () => ({
      name: "trend",
      title: t("dashboard.trendTitle"),
      columns: [t("rounds.round"), t("dashboard.partiesSubmitted"), t("dashboard.answers"), ...statusCols(), t("dashboard.doneSharePctAnswers")],
      rows: d.trend.map((r) => [r.title, r.parties, r.answers, ...ANSWER_STATUSES.map((s) => r.counts[s]), r.doneShare]),
    }),
    nokkeltal: () => ({
      name: "nokkeltal",
      title: t("dashboard.keyFiguresTitle", { round: roundTitle }),
      columns: [t("dashboard.keyFigure"), t("dashboard.sum"), t("dashboard.median"), t("dashboard.reporting")],
      rows: d.keyFigures.map((k) => [t(`keyFigures.${k.field}`), k.sum, k.median, k.reporting]),
    }),
    matrise: () => ({
      name: "matrise",
      title: t("dashboard.matrixTitle", { round: roundTitle }),
      columns: [t("excel.partyName"), t("excel.partyNumber"), ...d.measures.map((m) => m.number)],
      rows: d.matrix.map((p) => [
        p.name,
        p.number,
        ...d.measures.map((m) => {
          const status = p.answers[m.id]?.status;
          return status ? t(`answerStatus.${status}`) : p.submitted ? "" : t("dashboard.notSubmitted");
        }),
      ]),
    }),
  };
}

export type PartyTableName = "trend" | "nokkeltal" | "status";
export const partyTables = <K extends PartyTableName>(d: PartyDashboard, lang: Lang, names: readonly K[]) => build(partyTableBuilders(d, lang), names);
export const partyTable = (d: PartyDashboard, lang: Lang, name: string) => buildOne(partyTableBuilders(d, lang), name);

function partyTableBuilders(d: PartyDashboard, lang: Lang): Record<PartyTableName, () => DataTable> {
  const t = i18nFor(lang).getFixedT(lang, "plans");
  const label = (n: string) =>
    n === d.party.number ? `${d.party.name} (${n})` : t("dashboard.predecessorShort", { name: d.predecessors.find((p) => p.number === n)?.name ?? n, number: n });
  const medianByRound = new Map(d.county.map((c) => [c.roundId, c.median]));
  return {
    trend: () => ({
      name: "trend",
      title: t("party.trendTitle"),
      columns: [t("rounds.round"), t("party.source"), t("party.partyShare"), t("party.countyShare")],
      rows: d.trend.map((r) => [r.title, r.viaPredecessors ? t("party.viaPredecessors") : d.party.name, r.partyShare, r.countyShare]),
    }),
    nokkeltal: () => ({
      name: "nokkeltal",
      title: t("party.keyFiguresTitle"),
      columns: [t("rounds.round"), t("excel.partyName"), ...NUMBER_FIELDS.flatMap((f) => [t(`keyFigures.${f}`), t("party.countyMedianOf", { field: t(`keyFigures.${f}`) })])],
      rows: d.keyFigures.map((k) => [k.title, label(k.partyNumber), ...NUMBER_FIELDS.flatMap((f) => [k.values[f], medianByRound.get(k.roundId)?.[f] ?? null])]),
    }),
    status: () => ({
      name: "status",
      title: t("party.statusTitle"),
      columns: [t("rounds.round"), t("excel.partyName"), t("excel.measureNumber"), t("excel.measureTitle"), t("excel.status")],
      rows: d.history.flatMap((h) =>
        h.answers.map((a) => [
          h.title,
          label(h.partyNumber),
          a.number,
          localized(a.title, lang),
          a.status ? t(`answerStatus.${a.status}`) : h.submitted ? "" : t("dashboard.notSubmitted"),
        ]),
      ),
    }),
  };
}
