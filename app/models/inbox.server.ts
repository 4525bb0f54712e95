/**
 * The secretariat's inbox: cases with filters, search, sorting and paging, counts per status and
 * the overdue follow-up tasks. Two SQL statements whatever the number of cases (the page of rows;
 * and counts, tasks and filter choices together as JSON), so the page does not slow down as the
 * archive grows and pays one round trip for its side panels.
 */
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { db, queryParts } from "../../db/client";
import { z } from "zod";
import { agendaItems, bodies, cases, caseStatus, caseStatusCounts, followUpStatus, followUpTasks, meetings, parties, urgency as urgencyEnum, users } from "../../db/schema";
import { CASE_STATUSES, isCaseStatus, isSecretariat, isSsuLeadership, refusal, type CaseStatus, type WorkflowUser } from "./case-workflow.server";
import { osloDate } from "~/services/oslo-time";
import { startJob } from "~/services/jobs.server";
import { isId, PARTY_NUMBER } from "~/services/ids";

/** The rows of the inbox's side panels (queryParts parses each at the boundary). */
const overdueRow = z.object({
  id: z.number().int(),
  what: z.string(),
  responsible: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(followUpStatus.enumValues),
  itemTitle: z.string(),
  bodyCaseYear: z.number().int().nullable(),
  bodyCaseSeq: z.number().int().nullable(),
  meetingId: z.number().int(),
  bodySlug: z.string(),
  bodyShortName: z.string(),
});
const statusCountRow = z.object({ status: z.enum(caseStatus.enumValues), n: z.number().int() });
const bodyOptionRow = z.object({ id: z.number().int(), shortName: z.string() });
const partyOptionRow = z.object({ number: z.string(), name: z.string() });
const yearRangeRow = z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() });

export const PAGE_SIZE = 25;
export const SORTS = ["newest", "oldest", "urgency", "status", "reference"] as const;
export type InboxSort = (typeof SORTS)[number];
const URGENCIES = urgencyEnum.enumValues;
type Urgency = (typeof URGENCIES)[number];

export interface InboxQuery {
  status?: CaseStatus;
  bodyId?: number;
  urgency?: Urgency;
  party?: string;
  year?: number;
  q?: string;
  sort: InboxSort;
  page: number;
}

/** Reads the query string leniently: unknown values are ignored, never an error. */
export function parseInboxQuery(params: URLSearchParams): InboxQuery {
  const status = params.get("status");
  const bodyId = Number(params.get("body"));
  const urgency = params.get("urgency");
  const party = params.get("party")?.trim();
  const year = Number(params.get("year"));
  const q = params.get("q")?.trim().slice(0, 200);
  const sort = params.get("sort");
  const page = Number(params.get("page"));
  return {
    status: isCaseStatus(status) ? status : undefined,
    bodyId: isId(bodyId) ? bodyId : undefined,
    urgency: (URGENCIES as readonly string[]).includes(urgency ?? "") ? (urgency as Urgency) : undefined,
    party: party && PARTY_NUMBER.test(party) ? party : undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    q: q || undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as InboxSort) : "newest",
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filters(query: InboxQuery, withStatus: boolean): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (withStatus && query.status) parts.push(eq(cases.status, query.status));
  if (query.bodyId) parts.push(eq(cases.bodyId, query.bodyId));
  if (query.urgency) parts.push(eq(cases.urgency, query.urgency));
  if (query.party) parts.push(eq(cases.partyNumber, query.party));
  if (query.year) parts.push(eq(cases.year, query.year));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    parts.push(
      or(
        ilike(cases.title, pattern),
        ilike(cases.reference, pattern),
        ilike(cases.background, pattern),
        ilike(cases.problem, pattern),
        ilike(cases.proposal, pattern),
        ilike(cases.submitterOrg, pattern),
      ),
    );
  }
  return parts.length ? and(...parts) : undefined;
}

function orderBy(sort: InboxSort) {
  switch (sort) {
    case "oldest":
      return [asc(cases.createdAt), asc(cases.id)];
    case "urgency":
      return [sql`case ${cases.urgency} when 'high' then 0 when 'normal' then 1 else 2 end`, desc(cases.createdAt), asc(cases.id)];
    case "status":
      return [asc(cases.status), desc(cases.createdAt), asc(cases.id)];
    case "reference":
      return [asc(cases.year), asc(cases.seq)];
    default:
      return [desc(cases.createdAt), desc(cases.id)];
  }
}

/**
 * Cases per status under the query's filters (the status filter aside). Without filters (the
 * inbox as it opens) from the trigger-kept counts, whatever the size of the archive; with a
 * filter, counted from the cases it selects.
 */
function statusCounts(query: InboxQuery): SQL {
  const where = filters(query, false);
  return where
    ? sql`select ${cases.status} as status, count(*)::int as n from ${cases} where ${where} group by ${cases.status}`
    : sql`select status, sum(n)::int as n from ${caseStatusCounts} group by status having sum(n) <> 0`;
}

/**
 * Folds the +1/−1 rows of case_status_counts into one row per status, in one statement (rows
 * that triggers add meanwhile are not in its snapshot and stay). Run by a job every minute.
 */
export async function foldStatusCounts(): Promise<void> {
  await db().execute(sql`
    with folded as (delete from ${caseStatusCounts} returning status, n)
    insert into ${caseStatusCounts} (status, n) select status, sum(n)::int from folded group by status having sum(n) <> 0`);
}

export function startStatusCountFolding(intervalMs = 60_000) {
  startJob("status-count-folding", foldStatusCounts, { everyMs: intervalMs, onFailure: { level: "warn", event: "status_count_fold_failed" } });
}

/**
 * The inbox. The secretariat sees every case; the SSU leader and deputy leader (guideline point 3,
 * app/models/access.ts) see the cases under assessment only, without the follow-up tasks.
 */
export async function listInbox(user: WorkflowUser, requested: InboxQuery, today = new Date()) {
  const secretariat = isSecretariat(user);
  if (!secretariat && !isSsuLeadership(user)) throw refusal("forbidden", "forbidden");
  const scope: "all" | "assessment" = secretariat ? "all" : "assessment";
  const query: InboxQuery = secretariat ? requested : { ...requested, status: "under_assessment" };
  const todayIso = osloDate(today);
  const where = filters(query, true);
  const [rows, side] = await Promise.all([
    db()
      .select({
        id: cases.id,
        reference: cases.reference,
        title: cases.title,
        status: cases.status,
        urgency: cases.urgency,
        submitterOrg: cases.submitterOrg,
        partyNumber: cases.partyNumber,
        partyName: parties.name,
        bodyShortName: bodies.shortName,
        assignedName: users.name,
        createdAt: cases.createdAt,
        updatedAt: cases.updatedAt,
      })
      .from(cases)
      .leftJoin(bodies, eq(bodies.id, cases.bodyId))
      .leftJoin(parties, eq(parties.number, cases.partyNumber))
      .leftJoin(users, eq(users.id, cases.assignedUserId))
      .where(where)
      .orderBy(...orderBy(query.sort))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    // Everything else in one round trip: counts per status under the same filters, the overdue
    // tasks, the filter choices (every party, also those merged away in 2020, so their cases stay
    // findable) and the years cases span (min/max from the index, no scan).
    queryParts({
      counts: { row: statusCountRow, sql: statusCounts(query) },
      overdue: {
        row: overdueRow,
        sql: sql`
        select f.id, f.what, f.responsible, f.due_date as "dueDate", f.status, a.title as "itemTitle",
          a.body_case_year as "bodyCaseYear", a.body_case_seq as "bodyCaseSeq", m.id as "meetingId", b.slug as "bodySlug", b.short_name as "bodyShortName"
        from ${followUpTasks} f join ${agendaItems} a on a.id = f.agenda_item_id join ${meetings} m on m.id = a.meeting_id join ${bodies} b on b.id = a.body_id
        where f.status <> 'done' and f.due_date < ${todayIso}
        order by f.due_date, f.id limit 50`,
      },
      bodies: { row: bodyOptionRow, sql: sql`select b.id, b.short_name as "shortName" from ${bodies} b where b.kind <> 'secretariat'` },
      parties: { row: partyOptionRow, sql: sql`select p.number, p.name from ${parties} p` },
      years: { row: yearRangeRow, sql: sql`select min(c.year) as min, max(c.year) as max from ${cases} c` },
    }),
  ]);
  // Row order inside a part is not promised: sorted here.
  const counts = secretariat ? side.counts : side.counts.filter((c) => c.status === "under_assessment");
  const overdue = (secretariat ? side.overdue : []).sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? "") || a.id - b.id);
  const bodyOptions = side.bodies.sort((a, b) => a.id - b.id);
  const partyOptions = side.parties.sort((a, b) => a.name.localeCompare(b.name, "nb"));
  const [range] = side.years;
  const years = range?.min == null || range.max == null ? [] : Array.from({ length: range.max - range.min + 1 }, (_, i) => range.max! - i);
  const countByStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const c of counts) countByStatus[c.status] = c.n;
  const allCount = Object.values(countByStatus).reduce((a, b) => a + b, 0);
  // The total comes from the per-status counts (same filters): no window count over every row,
  // so the page query can walk the sort index and stop after one page.
  const total = query.status ? countByStatus[query.status] : allCount;
  return {
    scope,
    query,
    rows,
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    counts: countByStatus,
    allCount,
    overdue,
    bodyOptions,
    partyOptions,
    years,
  };
}
