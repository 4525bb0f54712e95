/**
 * Mi side (issue 14, "A page of one's own"): what is the signed-in person's to do now, by role and
 * current membership (app/models/access.ts), most urgent first within each section, each item with
 * a direct link.
 *
 * One SQL statement whatever the role and the amount of data (tests/integration/my-page.test.ts
 * counts it): every section the actor gets is one part of `queryParts`, each part returns at most
 * SECTION_LIMIT rows plus the full count (a window count taken before the limit) and a rank (the
 * part's own order: json_agg does not promise row order, so the rows are sorted by it here).
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryParts, type QueryPart } from "../../db/client";
import { adviceRecommendation, caseStatus, followUpStatus, meetingStatus, minutesStatus, urgency } from "../../db/schema";
import type { SessionUser } from "~/models/actor";
import { osloClock, osloDate } from "~/services/oslo-time";
import { isSecretariat, isSsuLeadership } from "./access";

/** Items shown per section; the count says how many there are in all. */
export const SECTION_LIMIT = 10;
/** A round shows on the secretariat's page when its deadline is at most this many days away (or passed). */
export const ROUND_DEADLINE_DAYS = 14;

/** Who asks: a SessionUser fits. */
export type MyPageActor = Pick<SessionUser, "id" | "role" | "partyNumbers" | "memberships">;

// ---------------------------------------------------------------------------------------------
// Row schemas (one per part): parsed where they leave the database.

/** A timestamp inside JSON ("2024-02-20T10:00:00+00:00"). */
const instant = z.string().transform((s) => new Date(s));
/** A date column inside JSON ("2024-02-20"). */
const day = z.string().transform((s) => s.slice(0, 10));
const ranked = { n: z.number().int(), total: z.number().int() };

const caseRow = z.object({
  ...ranked,
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  urgency: z.enum(urgency.enumValues),
  createdAt: instant,
});
const assessmentRow = caseRow.extend({ sentAt: instant.nullable() });
const advisedRow = caseRow.extend({ advisedAt: instant, recommendation: z.enum(adviceRecommendation.enumValues) });
const routedRow = caseRow.extend({ bodyShortName: z.string().nullable(), routedAt: instant });
const meetingRow = z.object({
  ...ranked,
  id: z.number().int(),
  title: z.string(),
  startsAt: instant,
  status: z.enum(meetingStatus.enumValues),
  minutesStatus: z.enum(minutesStatus.enumValues),
  bodySlug: z.string(),
  bodyShortName: z.string(),
  agendaItems: z.number().int(),
});
const taskRow = z.object({
  ...ranked,
  id: z.number().int(),
  what: z.string(),
  dueDate: day.nullable(),
  status: z.enum(followUpStatus.enumValues),
  itemTitle: z.string(),
  meetingId: z.number().int(),
  bodySlug: z.string(),
  bodyShortName: z.string(),
});
const roundRow = z.object({ ...ranked, id: z.number().int(), title: z.string(), deadline: day, missing: z.number().int(), parties: z.number().int() });
const checklistRow = z.object({
  ...ranked,
  id: z.number().int(),
  partyNumber: z.string(),
  partyName: z.string(),
  roundTitle: z.string(),
  deadline: day,
  started: z.boolean(),
  answered: z.number().int(),
  measures: z.number().int(),
});
const invitationRow = z.object({ ...ranked, id: z.string(), userId: z.string(), name: z.string(), expiresAt: instant });

// ---------------------------------------------------------------------------------------------
// The parts. Each takes the part's where/order and adds the rank, the count and the limit.

const LIMIT = sql.raw(String(SECTION_LIMIT));
const rankAndTotal = (order: SQL) => sql`row_number() over (order by ${order})::int as n, count(*) over ()::int as total`;
const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The last audit entry of the given actions on the case `c` (the audit trail's index: entity, time). */
const lastAudit = (actions: string[]) => sql`(select max(l.at) from audit_log l where l.entity_type = 'case' and l.entity_id = c.id::text and l.action in (${list(actions)}))`;

const caseColumns = sql`c.id, c.reference, c.title, c.urgency, c.created_at as "createdAt"`;

/** When the latest tilråding on the case `c` was recorded (the advice's index: case, time). */
const lastAdvice = sql`(select max(a.created_at) from case_advice a where a.case_id = c.id)`;

/** A part the actor does not get: no rows, and no data behind it reaches the page. */
const NONE = sql`select 1 where false`;

/** Which sections the actor gets: by role and current memberships. */
export function sectionsOf(actor: MyPageActor) {
  return {
    secretariat: isSecretariat(actor),
    assessment: isSecretariat(actor) || isSsuLeadership(actor),
    member: actor.memberships.length > 0 || actor.role === "committee_member",
    reporter: actor.role === "reporter" || actor.partyNumbers.length > 0,
    admin: actor.role === "admin",
  };
}

/** Every part, always (one statement whatever the role); a part the actor does not get is NONE. */
function partsFor(actor: MyPageActor, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const today = osloDate(now);
  const gets = sectionsOf(actor);
  const bodyIds = actor.memberships.map((m) => m.bodyId);
  const only = (on: boolean, q: SQL) => (on ? q : NONE);
  return {
    // New cases not yet received: oldest first.
    newCases: {
      row: caseRow,
      sql: only(
        gets.secretariat,
        sql`select ${caseColumns}, ${rankAndTotal(sql`c.created_at, c.id`)}
        from cases c where c.status = 'submitted' order by c.created_at, c.id limit ${LIMIT}`,
      ),
    },
    // Cases under assessment (guideline point 3): for the secretariat, waiting for the advice of
    // SSU's leader and deputy; for them, sent to them. Sent = the last audit entry `case.assess`.
    assessment: {
      row: assessmentRow,
      sql: only(
        gets.assessment,
        sql`select x.id, x.reference, x.title, x.urgency, x."createdAt", x."sentAt", ${rankAndTotal(sql`x."sentAt" nulls first, x.id`)} from (
          select ${caseColumns}, ${lastAudit(["case.assess"])} as "sentAt", ${lastAdvice} as "advisedAt" from cases c where c.status = 'under_assessment') x
        where x."advisedAt" is null or x."advisedAt" < x."sentAt"
        order by x."sentAt" nulls first, x.id limit ${LIMIT}`,
      ),
    },
    // Cases under assessment whose tilråding has come (since it was sent): the secretariat decides.
    advised: {
      row: advisedRow,
      sql: only(
        gets.secretariat,
        sql`select x.id, x.reference, x.title, x.urgency, x."createdAt", x."advisedAt", a.recommendation, ${rankAndTotal(sql`x."advisedAt", x.id`)} from (
          select ${caseColumns}, ${lastAudit(["case.assess"])} as "sentAt", ${lastAdvice} as "advisedAt" from cases c where c.status = 'under_assessment') x
        join lateral (select recommendation from case_advice a where a.case_id = x.id order by a.created_at desc, a.id desc limit 1) a on true
        where x."advisedAt" is not null and (x."sentAt" is null or x."advisedAt" >= x."sentAt")
        order by x."advisedAt", x.id limit ${LIMIT}`,
      ),
    },
    // Routed to a body but on no agenda: the longest waiting first (routed, forwarded or taken off an agenda).
    routed: {
      row: routedRow,
      sql: only(
        gets.secretariat,
        sql`select x.*, ${rankAndTotal(sql`x."routedAt", x.id`)} from (
          select ${caseColumns}, b.short_name as "bodyShortName",
            coalesce(${lastAudit(["case.route", "case.forward", "case.unschedule"])}, c.updated_at) as "routedAt"
          from cases c left join bodies b on b.id = c.body_id where c.status = 'routed') x
        order by x."routedAt", x.id limit ${LIMIT}`,
      ),
    },
    // Meetings that need work: minutes of a past meeting not yet published (oldest first), then
    // upcoming planned meetings with an empty agenda (soonest first).
    meetings: {
      row: meetingRow,
      sql: only(
        gets.secretariat,
        sql`select m.id, m.title, m.starts_at as "startsAt", m.status, m.minutes_status as "minutesStatus",
          b.slug as "bodySlug", b.short_name as "bodyShortName",
          (select count(*) from agenda_items a where a.meeting_id = m.id)::int as "agendaItems",
          ${rankAndTotal(sql`m.starts_at, m.id`)}
        from meetings m join bodies b on b.id = m.body_id
        where m.status <> 'cancelled' and (
          (m.starts_at < ${at} and m.minutes_status <> 'published')
          or (m.status = 'planned' and m.starts_at >= ${at} and not exists (select 1 from agenda_items a where a.meeting_id = m.id)))
        order by m.starts_at, m.id limit ${LIMIT}`,
      ),
    },
    // Follow-up tasks past their due date and not done: the oldest due date first.
    overdueTasks: {
      row: taskRow,
      sql: only(
        gets.secretariat,
        sql`select f.id, f.what, f.due_date as "dueDate", f.status, a.title as "itemTitle", m.id as "meetingId",
          b.slug as "bodySlug", b.short_name as "bodyShortName", ${rankAndTotal(sql`f.due_date, f.id`)}
        from follow_up_tasks f join agenda_items a on a.id = f.agenda_item_id join meetings m on m.id = a.meeting_id join bodies b on b.id = a.body_id
        where f.status <> 'done' and f.due_date < ${today}
        order by f.due_date, f.id limit ${LIMIT}`,
      ),
    },
    // Open rounds whose deadline is near or passed, with parties that have not submitted.
    rounds: {
      row: roundRow,
      sql: only(
        gets.secretariat,
        sql`select r.id, r.title, r.deadline, count(*) filter (where c.status <> 'submitted')::int as missing, count(*)::int as parties,
          ${rankAndTotal(sql`r.deadline, r.id`)}
        from evaluation_rounds r join checklists c on c.round_id = r.id
        where r.status = 'open' and r.deadline <= ${addDays(today, ROUND_DEADLINE_DAYS)}
        group by r.id having count(*) filter (where c.status <> 'submitted') > 0
        order by r.deadline, r.id limit ${LIMIT}`,
      ),
    },
    // The next meetings of the actor's bodies (a meeting under way counts until it ends).
    nextMeetings: {
      row: meetingRow,
      sql: only(
        gets.member && bodyIds.length > 0,
        sql`select m.id, m.title, m.starts_at as "startsAt", m.status, m.minutes_status as "minutesStatus",
          b.slug as "bodySlug", b.short_name as "bodyShortName",
          (select count(*) from agenda_items a where a.meeting_id = m.id)::int as "agendaItems",
          ${rankAndTotal(sql`m.starts_at, m.id`)}
        from meetings m join bodies b on b.id = m.body_id
        where m.body_id in (${list(bodyIds)}) and m.status = 'planned' and coalesce(m.ends_at, m.starts_at) >= ${at}
        order by m.starts_at, m.id limit ${LIMIT}`,
      ),
    },
    // Follow-up tasks assigned to the actor (follow_up_tasks.responsible_user_id), not done: the
    // nearest due date first, tasks without one last. Always asked: a task may be given to anyone.
    myTasks: {
      row: taskRow,
      sql: sql`select f.id, f.what, f.due_date as "dueDate", f.status, a.title as "itemTitle", m.id as "meetingId",
          b.slug as "bodySlug", b.short_name as "bodyShortName", ${rankAndTotal(sql`f.due_date nulls last, f.id`)}
        from follow_up_tasks f join agenda_items a on a.id = f.agenda_item_id join meetings m on m.id = a.meeting_id join bodies b on b.id = a.body_id
        where f.responsible_user_id = ${actor.id} and f.status <> 'done'
        order by f.due_date nulls last, f.id limit ${LIMIT}`,
    },
    // Open checklists of every party the reporter acts for, not yet submitted: nearest deadline first.
    checklists: {
      row: checklistRow,
      sql: only(
        gets.reporter && actor.partyNumbers.length > 0,
        sql`select c.id, c.party_number as "partyNumber", p.name as "partyName", r.title as "roundTitle", r.deadline,
          c.updated_at is not null as started,
          (select count(*) from checklist_answers a where a.checklist_id = c.id and a.status is not null)::int as answered,
          (select count(*) from measures ms where ms.plan_id = r.plan_id)::int as measures,
          ${rankAndTotal(sql`r.deadline, p.name, c.id`)}
        from checklists c join evaluation_rounds r on r.id = c.round_id join parties p on p.number = c.party_number
        where r.status = 'open' and c.status <> 'submitted' and c.party_number in (${list(actor.partyNumbers)})
        order by r.deadline, p.name, c.id limit ${LIMIT}`,
      ),
    },
    // Invitations not used and not expired, of active users: the first to expire first.
    invitations: {
      row: invitationRow,
      sql: only(
        gets.admin,
        sql`select t.id, t.user_id as "userId", u.name, t.expires_at as "expiresAt", ${rankAndTotal(sql`t.expires_at, t.id`)}
        from user_tokens t join users u on u.id = t.user_id
        where t.purpose = 'invite' and t.used_at is null and t.expires_at > ${at} and u.active
        order by t.expires_at, t.id limit ${LIMIT}`,
      ),
    },
  } satisfies Record<string, QueryPart>;
}

/** "2024-02-20" + n days. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// The sections as the page gets them.

type CaseStatus = (typeof caseStatus.enumValues)[number];
const inbox = (status: CaseStatus, sort?: string) => `/sekretariat?status=${status}${sort ? `&sort=${sort}` : ""}`;
const casePage = (id: string) => `/sekretariat/saker/${id}`;
const meetingPage = (slug: string, id: number) => `/utval/${encodeURIComponent(slug)}/moter/${id}`;
/** Oslo date and clock time of an instant. */
const when = (d: Date) => ({ date: osloDate(d), time: osloClock(d) });

interface Section<Id extends string, Item> {
  id: Id;
  /** How many there are in all (the items are the first SECTION_LIMIT). */
  count: number;
  items: Item[];
  /** The existing full list, where there is one. */
  showAll: string | null;
}

type CaseItem = { id: string; reference: string; title: string; urgency: (typeof urgency.enumValues)[number]; href: string };
type AssessmentItem = CaseItem & { sentOn: string | null };

export type MyWorkSection =
  | Section<"newCases", CaseItem & { received: string; ageDays: number }>
  | Section<"awaitingAdvice", AssessmentItem>
  | Section<"forAssessment", AssessmentItem>
  | Section<"advised", CaseItem & { advisedOn: string; recommendation: (typeof adviceRecommendation.enumValues)[number] }>
  | Section<"routed", CaseItem & { body: string | null; routedOn: string }>
  | Section<
      "meetings",
      { id: number; title: string; body: string; date: string; time: string; need: "agenda" | "minutes"; minutesStatus: (typeof minutesStatus.enumValues)[number]; href: string }
    >
  | Section<"overdueTasks", { id: number; what: string; dueDate: string | null; itemTitle: string; body: string; href: string }>
  | Section<"rounds", { id: number; title: string; deadline: string; missing: number; parties: number; deadlinePassed: boolean; href: string }>
  | Section<"nextMeetings", { id: number; title: string; body: string; date: string; time: string; agendaItems: number; href: string; agendaPdf: string | null }>
  | Section<"myTasks", { id: number; what: string; dueDate: string | null; overdue: boolean; itemTitle: string; body: string; href: string }>
  | Section<
      "checklists",
      { id: number; partyNumber: string; partyName: string; roundTitle: string; deadline: string; started: boolean; answered: number; measures: number; href: string }
    >
  | Section<"invitations", { id: string; userId: string; name: string; expiresOn: string; expiresAt: string; href: string }>;

export type MyWorkSectionId = MyWorkSection["id"];

function section<Id extends string, Row extends { n: number; total: number }, Item>(
  id: Id,
  rows: Row[] | undefined,
  item: (row: Row) => Item,
  showAll: string | null,
): Section<Id, Item> | null {
  if (!rows) return null;
  const sorted = [...rows].sort((a, b) => a.n - b.n);
  return { id, count: sorted[0]?.total ?? 0, items: sorted.map(item), showAll };
}

const caseItem = (r: z.output<typeof caseRow>): CaseItem => ({ id: r.id, reference: r.reference, title: r.title, urgency: r.urgency, href: casePage(r.id) });

/**
 * The sections of `actor`'s page at `now`, in the page's order. Any signed-in user may ask; what
 * they get follows from their role and current memberships only (no section shows another
 * user's work but the secretariat's and the admin's lists, which their roles reach anyway).
 */
export async function myWork(actor: MyPageActor, input: { now: Date }): Promise<{ today: string; sections: MyWorkSection[] }> {
  const { now } = input;
  const today = osloDate(now);
  const gets = sectionsOf(actor);
  const r = await queryParts(partsFor(actor, now));
  const on = <T>(enabled: boolean, rows: T[]) => (enabled ? rows : undefined);

  const sections: (MyWorkSection | null)[] = [
    section(
      "newCases",
      on(gets.secretariat, r.newCases),
      (c) => {
        const received = osloDate(c.createdAt);
        return { ...caseItem(c), received, ageDays: Math.max(0, daysBetween(received, today)) };
      },
      inbox("submitted", "oldest"),
    ),
    section(
      gets.secretariat ? "awaitingAdvice" : "forAssessment",
      on(gets.assessment, r.assessment),
      (c) => ({ ...caseItem(c), sentOn: c.sentAt ? osloDate(c.sentAt) : null }),
      inbox("under_assessment"),
    ),
    section("advised", on(gets.secretariat, r.advised), (c) => ({ ...caseItem(c), advisedOn: osloDate(c.advisedAt), recommendation: c.recommendation }), inbox("under_assessment")),
    section("routed", on(gets.secretariat, r.routed), (c) => ({ ...caseItem(c), body: c.bodyShortName, routedOn: osloDate(c.routedAt) }), inbox("routed")),
    section(
      "meetings",
      on(gets.secretariat, r.meetings),
      (m) => ({
        id: m.id,
        title: m.title,
        body: m.bodyShortName,
        ...when(m.startsAt),
        need: m.startsAt < now ? ("minutes" as const) : ("agenda" as const),
        minutesStatus: m.minutesStatus,
        href: m.startsAt < now ? `${meetingPage(m.bodySlug, m.id)}/referat` : meetingPage(m.bodySlug, m.id),
      }),
      null,
    ),
    section(
      "overdueTasks",
      on(gets.secretariat, r.overdueTasks),
      (t) => ({ id: t.id, what: t.what, dueDate: t.dueDate, itemTitle: t.itemTitle, body: t.bodyShortName, href: meetingPage(t.bodySlug, t.meetingId) }),
      "/sekretariat",
    ),
    section(
      "rounds",
      on(gets.secretariat, r.rounds),
      (x) => ({ id: x.id, title: x.title, deadline: x.deadline, missing: x.missing, parties: x.parties, deadlinePassed: x.deadline < today, href: `/sjekkliste/runde/${x.id}` }),
      "/sjekkliste",
    ),
    section(
      "nextMeetings",
      on(gets.member, r.nextMeetings),
      (m) => ({
        id: m.id,
        title: m.title,
        body: m.bodyShortName,
        ...when(m.startsAt),
        agendaItems: m.agendaItems,
        href: meetingPage(m.bodySlug, m.id),
        agendaPdf: m.agendaItems > 0 ? `${meetingPage(m.bodySlug, m.id)}/saksliste.pdf` : null,
      }),
      "/utval",
    ),
    // Members and the secretariat always see their tasks (an empty list says so); anyone else when they have some.
    section(
      "myTasks",
      on(gets.member || gets.secretariat || r.myTasks.length > 0, r.myTasks),
      (task) => ({
        id: task.id,
        what: task.what,
        dueDate: task.dueDate,
        overdue: task.dueDate != null && task.dueDate < today,
        itemTitle: task.itemTitle,
        body: task.bodyShortName,
        href: meetingPage(task.bodySlug, task.meetingId),
      }),
      null,
    ),
    section(
      "checklists",
      on(gets.reporter, r.checklists),
      (c) => ({
        id: c.id,
        partyNumber: c.partyNumber,
        partyName: c.partyName,
        roundTitle: c.roundTitle,
        deadline: c.deadline,
        started: c.started,
        answered: c.answered,
        measures: c.measures,
        href: `/sjekkliste/${c.id}`,
      }),
      "/sjekkliste",
    ),
    section(
      "invitations",
      on(gets.admin, r.invitations),
      (i) => {
        const w = when(i.expiresAt);
        return { id: i.id, userId: i.userId, name: i.name, expiresOn: w.date, expiresAt: w.time, href: `/admin/brukarar/${i.userId}` };
      },
      "/admin/brukarar",
    ),
  ];
  return { today, sections: sections.filter((s): s is MyWorkSection => s != null) };
}
