/**
 * The secretariat's inbox: cases with filters, search, sorting and paging, counts per status and
 * the overdue follow-up tasks. A fixed number of SQL statements whatever the number of cases
 * (rows with a window count, one GROUP BY for the counts, one for the tasks, three for the filter
 * options), so the page does not slow down as the archive grows.
 */
import { and, asc, desc, eq, ilike, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { db } from "../../db/client";
import { agendaItems, bodies, cases, followUpTasks, meetings, parties, users } from "../../db/schema";
import { CASE_STATUSES, CaseWorkflowError, isCaseStatus, isSecretariat, type CaseStatus, type WorkflowUser } from "./case-workflow.server";
import { caseYears } from "./public-cases.server";

export const PAGE_SIZE = 25;
export const SORTS = ["newest", "oldest", "urgency", "status", "reference"] as const;
export type InboxSort = (typeof SORTS)[number];
const URGENCIES = ["low", "normal", "high"] as const;
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
    bodyId: Number.isInteger(bodyId) && bodyId > 0 ? bodyId : undefined,
    urgency: (URGENCIES as readonly string[]).includes(urgency ?? "") ? (urgency as Urgency) : undefined,
    party: party && /^[0-9A-Za-z]{1,10}$/.test(party) ? party : undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    q: q || undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as InboxSort) : "newest",
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export { inboxSearch } from "./secretariat-format";

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

export async function listInbox(user: WorkflowUser, query: InboxQuery, today = new Date()) {
  if (!isSecretariat(user)) throw new CaseWorkflowError(403, "forbidden", "Berre sekretariatet har tilgang til innboksen.");
  const todayIso = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo" }).format(today);
  const where = filters(query, true);
  const [rows, counts, overdue, bodyOptions, partyOptions, years] = await Promise.all([
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
    db()
      .select({ status: cases.status, count: sql<number>`cast(count(*) as integer)` })
      .from(cases)
      .where(filters(query, false))
      .groupBy(cases.status),
    db()
      .select({
        id: followUpTasks.id,
        what: followUpTasks.what,
        responsible: followUpTasks.responsible,
        dueDate: followUpTasks.dueDate,
        status: followUpTasks.status,
        itemTitle: agendaItems.title,
        bodyCaseYear: agendaItems.bodyCaseYear,
        bodyCaseSeq: agendaItems.bodyCaseSeq,
        meetingId: meetings.id,
        bodySlug: bodies.slug,
        bodyShortName: bodies.shortName,
      })
      .from(followUpTasks)
      .innerJoin(agendaItems, eq(agendaItems.id, followUpTasks.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .innerJoin(bodies, eq(bodies.id, agendaItems.bodyId))
      .where(and(ne(followUpTasks.status, "done"), lt(followUpTasks.dueDate, todayIso)))
      .orderBy(asc(followUpTasks.dueDate), asc(followUpTasks.id))
      .limit(50),
    db()
      .select({ id: bodies.id, shortName: bodies.shortName })
      .from(bodies)
      .where(ne(bodies.kind, "secretariat"))
      .orderBy(asc(bodies.id)),
    db()
      .select({ number: parties.number, name: parties.name })
      .from(parties)
      // Every party, also those merged away in 2020 (their cases stay findable); 43 rows, no scan of cases.
      .orderBy(asc(parties.name)),
    caseYears(),
  ]);
  const countByStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const c of counts) countByStatus[c.status] = Number(c.count);
  const allCount = Object.values(countByStatus).reduce((a, b) => a + b, 0);
  // The total comes from the per-status counts (same filters): no window count over every row,
  // so the page query can walk the sort index and stop after one page.
  const total = query.status ? countByStatus[query.status] : allCount;
  return {
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
