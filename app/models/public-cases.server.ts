/**
 * THE public projection of a case: every public surface reads cases through this module (the case
 * list, page and search; the party dashboards and their downloads; measure pages and the cases a
 * plan editor may link; the titles and references on public agendas, minutes, PDFs and calendars).
 * No other module selects case columns for a public page.
 *
 * - Only public statuses (PUBLIC_STATUSES: "received" onwards, never submitted or withdrawn).
 * - A withheld (skjerma) field comes as null with its legal basis beside it (`titleWithheld`,
 *   `fields[].withheld`); the text is removed in SQL (CASE on cases.withheld), so it reaches
 *   neither loader data nor search: the search document (PUBLIC_SEARCH_DOCUMENT, stored in
 *   cases.public_search, GIN-indexed) is built from visible fields only.
 * - Never the submitter's contact data, never internal ids (the case id leaves this module only
 *   where a model needs it to join, e.g. a measure's link table, and is not sent to the page).
 * - A rejected case shows its title and status only.
 *
 * "Public" here means everyone without case access: anonymous visitors and signed-in reporters,
 * admins and members of other bodies alike. The internal views (the secretariat's inbox and case
 * pages, the handling body's members on its meetings) read through case-workflow, inbox and
 * meetings with their own access checks.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type Db, type Tx } from "../../db/client";
import { assertRow, requireRow } from "../../db/rows";
import { PUBLIC_STATUSES } from "./public-statuses";
import { formatCaseNumber } from "./secretariat-format";
import { freeTextProblem } from "./text-rules";
import { agendaItems, bodies, cases, meetings, parties, PUBLIC_TEXT_COLUMNS, users } from "../../db/schema";
import { localized, type Lang } from "~/i18n";
import { writeAudit, type Actor } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";

export type CaseStatus = (typeof cases.$inferSelect)["status"];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
export { PUBLIC_STATUSES };

/** The one status condition of a public read: the case has a public status. */
const isPublic = () => inArray(cases.status, [...PUBLIC_STATUSES]);
/** The same, as raw SQL for the hand-written dashboard query (constants only, no input). */
const PUBLIC_STATUS_LIST = sql.raw(PUBLIC_STATUSES.map((s) => `'${s}'`).join(", "));

/** Fields the secretariat may withhold, in form order (the keys of cases.withheld). */
export const WITHHOLDABLE_FIELDS = Object.keys(PUBLIC_TEXT_COLUMNS) as (keyof typeof PUBLIC_TEXT_COLUMNS)[];
export type WithholdableField = (typeof WITHHOLDABLE_FIELDS)[number];

export const PAGE_SIZE = 20;
const searchDocument = cases.publicSearch;

/** The text of a field for the public: null when withheld (or when the case is rejected). */
function visibleText(field: WithholdableField): SQL<string | null> {
  const hideRejected = field === "title" ? "" : "status = 'rejected' or ";
  return sql.raw(`case when ${hideRejected}withheld ? '${field}' then null else ${PUBLIC_TEXT_COLUMNS[field]} end`) as SQL<string | null>;
}

export interface PublishedDecision {
  caseNumber: string | null;
  bodyName: string;
  bodySlug: string;
  meetingId: number;
  meetingDate: string;
  handling: string;
  decision: string;
  minutesUrl: string;
}

/** Decisions of the cases whose meeting minutes are published, oldest first. */
export async function publishedDecisions(caseIds: string[], lang: Lang): Promise<Map<string, PublishedDecision[]>> {
  const result = new Map<string, PublishedDecision[]>();
  if (caseIds.length === 0) return result;
  const rows = await db()
    .select({
      caseId: agendaItems.caseId,
      handling: agendaItems.handling,
      decision: agendaItems.decision,
      seq: agendaItems.bodyCaseSeq,
      year: agendaItems.bodyCaseYear,
      meetingId: meetings.id,
      startsAt: meetings.startsAt,
      bodySlug: bodies.slug,
      bodyName: bodies.name,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, agendaItems.bodyId))
    .where(and(inArray(agendaItems.caseId, caseIds), eq(meetings.minutesStatus, "published"), eq(agendaItems.outcome, "decided")))
    .orderBy(asc(meetings.startsAt), asc(agendaItems.position));
  for (const r of rows) {
    if (!r.caseId) continue;
    const list = result.get(r.caseId) ?? [];
    list.push({
      caseNumber: formatCaseNumber(r.seq, r.year) || null,
      bodyName: localized(r.bodyName, lang),
      bodySlug: r.bodySlug,
      meetingId: r.meetingId,
      meetingDate: r.startsAt.toISOString(),
      handling: r.handling,
      decision: r.decision,
      minutesUrl: `/utval/${r.bodySlug}/moter/${r.meetingId}/referat`,
    });
    result.set(r.caseId, list);
  }
  return result;
}

export type SortOrder = "newest" | "oldest" | "relevance";

/**
 * The query string of /saker as one zod schema: anything unknown or out of range falls back to its
 * default (a shared link with a stale filter still shows a list). With a search, relevance is the
 * default order; without one, relevance means nothing.
 */
export const listParamsSchema = z
  .object({
    q: z
      .string()
      .catch("")
      .transform((v) => v.trim().slice(0, 200) || null),
    status: z.enum(PUBLIC_STATUSES).nullable().catch(null),
    body: z
      .string()
      .catch("")
      .transform((v) => v.slice(0, 100) || null),
    year: z.coerce.number().int().min(2000).max(2100).nullable().catch(null),
    sort: z.enum(["newest", "oldest"]).nullable().catch(null),
    page: z.coerce.number().transform(Math.floor).pipe(z.number().min(1).max(10_000)).catch(1),
  })
  .transform(({ sort, ...p }) => ({ ...p, sort: (sort === "oldest" ? "oldest" : sort === "newest" || !p.q ? "newest" : "relevance") as SortOrder }));

export type ListParams = z.output<typeof listParamsSchema>;

/** The list's parameters from a query string (the first value of each name). */
export const parseListParams = (search: URLSearchParams): ListParams => listParamsSchema.parse(Object.fromEntries([...new Set(search.keys())].map((k) => [k, search.get(k)])));

export interface PublicListRow {
  reference: string;
  title: string | null;
  titleWithheld: string | null;
  status: CaseStatus;
  createdAt: string;
  body: string | null;
  summary: string | null;
}

export async function listPublicCases(params: ListParams, lang: Lang) {
  const query = params.q ? sql`websearch_to_tsquery('norwegian', ${params.q})` : null;
  const where = and(
    isPublic(),
    params.status ? eq(cases.status, params.status as CaseStatus) : undefined,
    params.body ? eq(bodies.slug, params.body) : undefined,
    params.year ? eq(cases.year, params.year) : undefined,
    query ? sql`${searchDocument} @@ ${query}` : undefined,
  );
  const { total } = requireRow(
    await db()
      .select({ total: sql<number>`count(*)::int` })
      .from(cases)
      .leftJoin(bodies, eq(bodies.id, cases.bodyId))
      .where(where),
    "case count",
  );
  const pages = Math.max(1, Math.ceil(Number(total) / PAGE_SIZE));
  const page = Math.min(params.page, pages);
  const order =
    params.sort === "relevance" && query
      ? [desc(sql`ts_rank(${searchDocument}, ${query})`), desc(cases.createdAt)]
      : params.sort === "oldest"
        ? [asc(cases.createdAt), asc(cases.reference)]
        : [desc(cases.createdAt), desc(cases.reference)];
  const rows = await db()
    .select({
      reference: cases.reference,
      title: visibleText("title"),
      titleWithheld: sql<string | null>`${cases.withheld} ->> 'title'`,
      status: cases.status,
      createdAt: cases.createdAt,
      bodyName: bodies.name,
      summary: sql<string | null>`left(${visibleText("background")}, 240)`,
    })
    .from(cases)
    .leftJoin(bodies, eq(bodies.id, cases.bodyId))
    .where(where)
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return {
    total: Number(total),
    page,
    pages,
    rows: rows.map((r): PublicListRow => ({
      reference: r.reference,
      title: r.title,
      titleWithheld: r.titleWithheld,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      body: r.bodyName ? localized(r.bodyName, lang) : null,
      summary: r.summary,
    })),
  };
}

/**
 * The years that cases span, newest first: min and max come from the (year, seq) index in two
 * probes, where a DISTINCT over the cases would read the whole table on every page view.
 */
export async function caseYears(): Promise<number[]> {
  const [range] = await db()
    .select({ min: sql<number | null>`min(${cases.year})`, max: sql<number | null>`max(${cases.year})` })
    .from(cases);
  if (range?.min == null || range.max == null) return [];
  return Array.from({ length: Number(range.max) - Number(range.min) + 1 }, (_, i) => Number(range.max) - i);
}

/** Filter choices for /saker: the partnership's bodies and the years cases span. */
export async function listFilterOptions(lang: Lang) {
  const [bodyRows, years] = await Promise.all([
    db()
      .select({ slug: bodies.slug, name: bodies.name })
      .from(bodies)
      // Closed bodies too: they keep their cases, which stay findable.
      .where(ne(bodies.kind, "secretariat")),
    caseYears(),
  ]);
  return {
    bodies: bodyRows.map((b) => ({ slug: b.slug, name: localized(b.name, lang) })).sort((a, b) => a.name.localeCompare(b.name, "nn")),
    years,
  };
}

export interface PublicCaseField {
  name: WithholdableField;
  text: string | null;
  /** The legal basis when the field is withheld. */
  withheld: string | null;
}

/** The public page of a case; one that does not exist or is not public is a DomainError of kind notFound. */
export async function publicCase(reference: string, lang: Lang) {
  const textSelect = Object.fromEntries(WITHHOLDABLE_FIELDS.map((f) => [f, visibleText(f)])) as Record<WithholdableField, SQL<string | null>>;
  const [row] = await db()
    .select({
      id: cases.id,
      reference: cases.reference,
      status: cases.status,
      urgency: cases.urgency,
      createdAt: cases.createdAt,
      withheld: cases.withheld,
      bodyName: bodies.name,
      bodySlug: bodies.slug,
      partyName: parties.name,
      ...textSelect,
    })
    .from(cases)
    .leftJoin(bodies, eq(bodies.id, cases.bodyId))
    .leftJoin(parties, eq(parties.number, cases.partyNumber))
    .where(and(eq(cases.reference, reference.toUpperCase().slice(0, 40)), isPublic()));
  if (!row) throw new DomainError("errors.caseNotFound", {}, { kind: "notFound" });
  const withheld = row.withheld ?? {};
  const rejected = row.status === "rejected";
  const fields: PublicCaseField[] = WITHHOLDABLE_FIELDS.filter((f) => f !== "title").map((name) => ({
    name,
    text: row[name],
    withheld: withheld[name] ?? null,
  }));
  const decisions = rejected ? [] : ((await publishedDecisions([row.id], lang)).get(row.id) ?? []);
  return {
    reference: row.reference,
    status: row.status,
    urgency: rejected ? null : row.urgency,
    createdAt: row.createdAt.toISOString(),
    title: row.title,
    titleWithheld: withheld.title ?? null,
    body: row.bodySlug && row.bodyName ? { slug: row.bodySlug, name: localized(row.bodyName, lang) } : null,
    party: rejected ? null : row.partyName,
    rejected,
    fields: rejected ? [] : fields,
    decisions,
  };
}

// ---------------------------------------------------------------------------------------------
// The public summary of a case, for the other public surfaces (dashboards, measures, agendas)

/** A case as other public pages list it: reference, title (null when withheld: then its legal basis), status. */
export interface PublicCaseSummary {
  reference: string;
  title: string | null;
  /** The legal basis when the title is withheld. */
  titleWithheld: string | null;
  status: PublicStatus;
}

const summaryColumns = {
  reference: cases.reference,
  title: visibleText("title"),
  titleWithheld: sql<string | null>`${cases.withheld} ->> 'title'`,
  status: sql<PublicStatus>`${cases.status}`,
};

/**
 * Public summaries of the given cases, by case id (for a model that holds ids from a link or an
 * agenda). A case that is not public is absent from the map.
 */
export async function publicCaseSummaries(caseIds: readonly string[], database: Db | Tx = db()): Promise<Map<string, PublicCaseSummary>> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return new Map();
  const rows = await database
    .select({ id: cases.id, ...summaryColumns })
    .from(cases)
    .where(and(inArray(cases.id, ids), isPublic()));
  return new Map(rows.map(({ id, ...summary }) => [id, summary]));
}

/**
 * A public case by its reference ("hfmr-2024-0007" as typed): its id (for a link table, never for
 * a page) and summary, or null when no public case has it. A case that does not exist and one
 * that is not public give the same null.
 */
export async function findPublicCase(reference: string, database: Db | Tx = db()): Promise<(PublicCaseSummary & { id: string }) | null> {
  // A reference is letters, digits and dashes; anything else (NUL would fail in the database) is no case.
  if (!/^[A-Za-z0-9-]{1,40}$/.test(reference.trim())) return null;
  const [row] = await database
    .select({ id: cases.id, ...summaryColumns })
    .from(cases)
    .where(and(eq(cases.reference, reference.trim().toUpperCase().slice(0, 40)), isPublic()));
  return row ?? null;
}

/**
 * One statement (a part for queryParts) that lists the latest `limit` public cases submitted by
 * the given parties, newest first, each as PublicCaseSummary plus `created_at` (the date in Oslo),
 * `ts` and `party_number`. Per party the latest `limit` come from the (party_number, created_at)
 * index, then the latest of those: a walk of at most `limit` index entries per party.
 */
export function publicCasesOfPartiesSql(partyNumbers: readonly string[], limit = 100): SQL {
  return sql`
    select reference, title, title_withheld as "titleWithheld", status, (created_at at time zone 'Europe/Oslo')::date as created_at, created_at as ts, party_number
    from (${sql.join(
      partyNumbers.map(
        (n) => sql`(select reference, ${visibleText("title")} as title, withheld ->> 'title' as title_withheld, status, created_at, party_number from cases
          where party_number = ${n} and status in (${PUBLIC_STATUS_LIST})
          order by created_at desc limit ${limit})`,
      ),
      sql` union all `,
    )}) latest
    order by created_at desc limit ${limit}`;
}

// ---------------------------------------------------------------------------------------------
// Withholding (the secretariat's UI calls this)

export type SetWithheldResult =
  | { ok: true; version: number }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string> }
  | { ok: false; error: "conflict"; current: { version: number; updatedAt: Date; updatedBy: string | null } };

/**
 * Sets which fields are withheld and on what legal basis (replaces the whole map; an empty map
 * withholds nothing). Refuses unknown field names and empty bases, and a stale version
 * (optimistic concurrency). Writes an audit row with the field names and bases, never the texts.
 */
export async function setWithheldFields(input: { caseId: string; withheld: Record<string, string>; actor: Actor; expectedVersion: number }): Promise<SetWithheldResult> {
  const fieldErrors: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const [field, basis] of Object.entries(input.withheld ?? {})) {
    if (!(WITHHOLDABLE_FIELDS as string[]).includes(field)) {
      fieldErrors[field] = "unknown_field";
      continue;
    }
    const b = typeof basis === "string" ? basis.trim() : "";
    if (!b) fieldErrors[field] = "basis_required";
    else if (b.length > 200) fieldErrors[field] = "basis_too_long";
    else {
      // The basis is shown on the public pages: the free-text rule (code "nationalId" or "controlCharacters").
      const problem = freeTextProblem(b, { singleLine: true });
      if (problem) fieldErrors[field] = problem.slice("errors.".length);
      else clean[field] = b;
    }
  }
  if (Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors };
  return db().transaction(async (tx) => {
    const [current] = await tx
      .select({ version: cases.version, withheld: cases.withheld, updatedAt: cases.updatedAt, updatedBy: users.name })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.updatedBy))
      .where(eq(cases.id, input.caseId))
      .for("update", { of: cases });
    if (!current) return { ok: false as const, error: "not_found" as const };
    if (current.version !== input.expectedVersion) {
      return { ok: false as const, error: "conflict" as const, current: { version: current.version, updatedAt: current.updatedAt, updatedBy: current.updatedBy } };
    }
    const [updated] = await tx
      .update(cases)
      .set({ withheld: clean, version: current.version + 1, updatedAt: new Date(), updatedBy: input.actor.id })
      .where(and(eq(cases.id, input.caseId), eq(cases.version, input.expectedVersion)))
      .returning({ version: cases.version });
    assertRow(updated, "updated case");
    await writeAudit(
      {
        actor: input.actor,
        action: "case.withheld_changed",
        entityType: "case",
        entityId: input.caseId,
        before: { withheld: current.withheld, version: current.version },
        after: { withheld: clean, version: updated.version },
      },
      tx,
    );
    return { ok: true as const, version: updated.version };
  });
}
