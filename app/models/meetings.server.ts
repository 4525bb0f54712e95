/**
 * Meetings of the bodies (møte), their agenda (saksliste), handling and decision per item
 * (behandling, vedtak), deferral, follow-up tasks (oppfølging av vedtak) and minutes (referat):
 * draft → approved → published. Publishing gives the submitters feedback (guideline point 5):
 * a mail with the decision and a link to the minutes, and the case is closed.
 *
 * A case on an agenda gets the body's own case number: a sequence per body per year of the
 * meeting, written NN/YY ("30/24"). Numbers are given in agenda order when the secretariat
 * publishes the agenda ("Publiser sakslista", meetings.agenda_published_at), not when an item is
 * added: before that, moving items renumbers nothing because nothing is numbered. After it the
 * numbers are fixed and a late case gets the next free number at once. Recording the first
 * outcome of a meeting whose agenda was never published publishes it (a meeting held without a
 * published agenda still gives its cases numbers in agenda order). Numbers are taken under an
 * advisory transaction lock per body and the unique index (body, year, seq) backs it up, so two
 * people numbering at once never share one.
 *
 * Every change to a meeting checks and bumps `meetings.version` (optimistic concurrency) and is
 * written to the audit log.
 *
 * Operations take `(actor, input)` (docs/decisions/009-one-feature-contract.md): the signed-in
 * user (null: the public) and what the schemas in meeting-forms.server.ts parsed. They check
 * permission themselves and refuse with a DomainError whose code is a message key of
 * cases-secretariat's `meeting.errors` (or the free-text rule's "errors.*").
 */
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "../../db/client";
import { assertRow } from "../../db/rows";
import { agendaItems, auditLog, bodies, bodyMemberships, cases, followUpTasks, meetings, users } from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { DomainError, isDomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { enqueueMail } from "~/services/mail.server";
import { osloClock, osloDate, osloParts, osloToUtc } from "~/services/oslo-time";
import { actorOf, type SessionUser } from "./actor";
import { canReadBodyInternals, isBodyOpen, isSecretariat } from "./access";
import { currentMembershipOn, openBodyOn } from "./bodies-sql.server";
import { notifyUsers } from "./notices.server";
import { applyCaseTransition, type CaseStatus } from "./case-workflow.server";
import { meetingError as M, type MeetingErrorCode, type NewMeetingInput, type SlotInput } from "./meeting-forms.server";
import { isMinutesLocked, type FollowUpStatus } from "./meeting-statuses";
import { nextFreeSlot, outcomeLabel, sameTimeAs } from "./agenda-slots";
import { formatCaseNumber } from "./secretariat-format";
import { assertFreeTextFields } from "./text-rules.server";
import { publicCaseSummaries, type PublicCaseSummary } from "./public-cases.server";
import { isId } from "~/services/ids";

export { formatCaseNumber };

export const MEETINGS_PAGE_SIZE = 10;

type MeetingRow = typeof meetings.$inferSelect;
type ItemRow = typeof agendaItems.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Permissions

/** Who acts on meetings: the signed-in user (null: the public). */
export type MeetingActor = Pick<SessionUser, "id" | "name" | "role" | "memberships">;

function requireSecretariat(u: MeetingActor | null) {
  if (!isSecretariat(u)) throw new DomainError(M("forbidden"), {}, { kind: "forbidden" });
}
/** Secretariat and the body's current members see unpublished agenda texts and minutes (app/models/access.ts). */
export const canSeeInternal = (u: MeetingActor | null, bodyId: number) => canReadBodyInternals(u, bodyId);

const notFound = (what: MeetingErrorCode = "notFound") => new DomainError(M(what), {}, { kind: "notFound" });

/**
 * A case transition inside a meeting change (case-workflow.server.ts). The workflow's conflicts
 * (a case in another state, or changed meanwhile) become this module's own conflict codes.
 */
async function transition(tx: Tx, user: MeetingActor, caseId: string, input: Parameters<typeof applyCaseTransition>[4]) {
  try {
    return await applyCaseTransition(tx, actorOf(user), caseId, null, input);
  } catch (error) {
    if (isDomainError(error) && error.kind === "conflict") {
      throw new DomainError(M(error.code.endsWith(".invalidTransition") ? "invalidTransition" : "staleNow"), {}, { kind: "conflict" });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies

export async function listBodiesWithNextMeeting(now = new Date()) {
  const next = db()
    .select({ bodyId: meetings.bodyId, nextAt: sql<Date>`min(${meetings.startsAt})`.as("next_at") })
    .from(meetings)
    .where(and(gte(meetings.startsAt, now), ne(meetings.status, "cancelled")))
    .groupBy(meetings.bodyId)
    .as("next");
  const rows = await db()
    .select({ id: bodies.id, slug: bodies.slug, kind: bodies.kind, shortName: bodies.shortName, name: bodies.name, description: bodies.description, nextAt: next.nextAt })
    .from(bodies)
    .leftJoin(next, eq(next.bodyId, bodies.id))
    .where(and(openBodyOn(osloDate(now)), ne(bodies.kind, "secretariat")))
    .orderBy(asc(bodies.id));
  return rows.map((r) => ({ ...r, nextAt: r.nextAt ? new Date(r.nextAt) : null }));
}

async function bodyBySlug(slug: string) {
  const [body] = await db()
    .select()
    .from(bodies)
    .where(and(eq(bodies.slug, slug), ne(bodies.kind, "secretariat")));
  if (!body) throw notFound("bodyNotFound");
  return body;
}

export async function getBodyPage(user: MeetingActor | null, slug: string, opts: { upcomingPage: number; pastPage: number }, now = new Date()) {
  const body = await bodyBySlug(slug);
  const internal = canSeeInternal(user, body.id);
  const size = MEETINGS_PAGE_SIZE;
  const meetingCols = {
    id: meetings.id,
    title: meetings.title,
    startsAt: meetings.startsAt,
    endsAt: meetings.endsAt,
    location: meetings.location,
    videoLink: meetings.videoLink,
    status: meetings.status,
    minutesStatus: meetings.minutesStatus,
    total: sql<number>`cast(count(*) over () as integer)`,
  };
  const [upcoming, past, bodyCases] = await Promise.all([
    db()
      .select(meetingCols)
      .from(meetings)
      .where(and(eq(meetings.bodyId, body.id), gte(meetings.startsAt, now)))
      .orderBy(asc(meetings.startsAt))
      .limit(size)
      .offset((opts.upcomingPage - 1) * size),
    db()
      .select(meetingCols)
      .from(meetings)
      .where(and(eq(meetings.bodyId, body.id), lt(meetings.startsAt, now)))
      .orderBy(desc(meetings.startsAt))
      .limit(size)
      .offset((opts.pastPage - 1) * size),
    internal
      ? db()
          .select({ id: cases.id, reference: cases.reference, title: cases.title, status: cases.status, urgency: cases.urgency, updatedAt: cases.updatedAt })
          .from(cases)
          .where(and(eq(cases.bodyId, body.id), inArray(cases.status, ["routed", "on_agenda", "handled", "closed"])))
          .orderBy(asc(sql`case ${cases.status} when 'routed' then 0 when 'on_agenda' then 1 when 'handled' then 2 else 3 end`), desc(cases.updatedAt))
          .limit(100)
      : Promise.resolve([] as { id: string; reference: string; title: string; status: CaseStatus; urgency: "low" | "normal" | "high"; updatedAt: Date }[]),
  ]);
  // Members see where the minutes stand; the public only whether they are published.
  const strip = <T extends { total: number; minutesStatus: MeetingRow["minutesStatus"] }>(rows: T[]) =>
    rows.map(({ total: _t, ...r }) => (internal || r.minutesStatus === "published" ? r : { ...r, minutesStatus: "none" as const }));
  return {
    body,
    internal,
    canEdit: isSecretariat(user),
    upcoming: strip(upcoming),
    upcomingPages: Math.max(1, Math.ceil((upcoming[0]?.total ?? 0) / size)),
    past: strip(past),
    pastPages: Math.max(1, Math.ceil((past[0]?.total ?? 0) / size)),
    cases: bodyCases,
  };
}

/** At most this many meetings in a body's calendar feed (a year back and every future one). */
export const CALENDAR_FEED_LIMIT = 500;

/**
 * The body's meetings for its subscribable calendar (moter.ics): those of the past year and every
 * future one, cancelled ones included (calendars must learn of the cancellation). Only what the
 * public body page shows of a meeting (time, place, video link, title, status), so the feed is
 * the same for everyone.
 */
export async function listBodyCalendar(slug: string, now = new Date()) {
  const body = await bodyBySlug(slug);
  const from = new Date(now.getTime() - 366 * 86_400_000);
  const rows = await db()
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
      videoLink: meetings.videoLink,
      status: meetings.status,
      sequence: meetings.sequence,
      updatedAt: meetings.updatedAt,
    })
    .from(meetings)
    .where(and(eq(meetings.bodyId, body.id), gte(meetings.startsAt, from)))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(CALENDAR_FEED_LIMIT);
  return { body: { slug: body.slug, shortName: body.shortName }, meetings: rows };
}

// ---------------------------------------------------------------------------------------------
// Meetings

/** Creates a meeting of the body `slug` from the form's values (times in Norwegian local time). */
export async function createMeeting(user: MeetingActor, input: Pick<NewMeetingInput, "date" | "time"> & Partial<NewMeetingInput> & { slug: string }) {
  requireSecretariat(user);
  const body = await bodyBySlug(input.slug);
  // A closed body keeps its meetings and takes no new ones.
  if (!isBodyOpen(body, osloDate())) throw new DomainError(M("bodyClosed"), {}, { kind: "conflict" });
  const values = {
    title: input.title ?? "",
    startsAt: osloToUtc(input.date, input.time),
    endsAt: input.endTime ? osloToUtc(input.date, input.endTime) : null,
    location: input.location ?? "",
    videoLink: input.videoLink ?? "",
  };
  assertFreeTextFields({ title: values.title, location: values.location, videoLink: values.videoLink }, { singleLine: true });
  return db().transaction(async (tx) => {
    const [m] = await tx
      .insert(meetings)
      .values({ bodyId: body.id, ...values })
      .returning();
    assertRow(m, "meeting");
    await writeAudit({ actor: actorOf(user), action: "meeting.create", entityType: "meeting", entityId: m.id, after: { bodyId: body.id, startsAt: m.startsAt.toISOString() } }, tx);
    return m;
  });
}

/** Locks a meeting row, checks the form's version and the body. */
async function lockMeeting(tx: Tx, meetingId: number, expectedVersion: number | null, bodyId?: number): Promise<MeetingRow> {
  if (!isId(meetingId)) throw notFound();
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for("update");
  if (!m || (bodyId != null && m.bodyId !== bodyId)) throw notFound();
  if (expectedVersion != null && m.version !== expectedVersion) {
    const [last] = await tx
      .select({ actorLabel: auditLog.actorLabel, at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "meeting"), eq(auditLog.entityId, String(m.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    if (!last) throw new DomainError(M("staleUnknown"), {}, { kind: "conflict" });
    throw new DomainError(M("stale"), { name: last.actorLabel, time: osloClock(last.at) }, { kind: "conflict" });
  }
  return m;
}

async function bumpMeeting(tx: Tx, m: MeetingRow, patch: Partial<MeetingRow> = {}) {
  const [updated] = await tx
    .update(meetings)
    .set({ ...patch, version: m.version + 1 })
    .where(and(eq(meetings.id, m.id), eq(meetings.version, m.version)))
    .returning();
  if (!updated) throw new DomainError(M("staleNow"), {}, { kind: "conflict" });
  return updated;
}

function requireAgendaOpen(m: MeetingRow) {
  if (isMinutesLocked(m.minutesStatus)) throw new DomainError(M("minutesLocked"), {}, { kind: "conflict" });
  if (m.status === "cancelled") throw new DomainError(M("meetingCancelled"), {}, { kind: "conflict" });
}

/** What a calendar shows of a meeting (changes to these bump the iCalendar SEQUENCE). */
const calendarFacts = (m: Pick<MeetingRow, "title" | "startsAt" | "endsAt" | "location" | "videoLink" | "status">) => ({
  title: m.title,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt?.toISOString() ?? null,
  location: m.location,
  videoLink: m.videoLink,
  status: m.status,
});

/**
 * Changes a meeting's date, times, place, video link and title until its minutes are approved
 * (not a cancelled one). A change that a calendar shows bumps its iCalendar SEQUENCE.
 */
export async function updateMeeting(user: MeetingActor, input: MeetingRef & Pick<NewMeetingInput, "date" | "time"> & Partial<NewMeetingInput>) {
  const values = {
    title: input.title ?? "",
    startsAt: osloToUtc(input.date, input.time),
    endsAt: input.endTime ? osloToUtc(input.date, input.endTime) : null,
    location: input.location ?? "",
    videoLink: input.videoLink ?? "",
  };
  if (values.endsAt && values.endsAt <= values.startsAt) throw new DomainError(M("endBeforeStart"), {}, { kind: "invalid", field: "endTime" });
  if (!values.location && !values.videoLink) throw new DomainError(M("placeRequired"), {}, { kind: "invalid", field: "location" });
  assertFreeTextFields({ title: values.title, location: values.location, videoLink: values.videoLink }, { singleLine: true });
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const before = calendarFacts(m);
    const after = calendarFacts({ ...m, ...values });
    const changed = JSON.stringify(before) !== JSON.stringify(after);
    const updated = await bumpMeeting(tx, m, { ...values, ...(changed ? { sequence: m.sequence + 1, updatedAt: new Date() } : {}) });
    await writeAudit({ actor: actorOf(user), action: "meeting.update", entityType: "meeting", entityId: m.id, before, after }, tx);
    return updated;
  });
}

/**
 * Cancels a meeting ("Avlyst") until its minutes are approved: the record stays, calendars get
 * STATUS:CANCELLED with a higher SEQUENCE, the agenda takes no more changes, and the cases still
 * waiting on it go back to routed (to be put on another meeting's agenda). Nobody has been called
 * yet (there is no notice of meeting), so nobody is told.
 */
export async function cancelMeeting(user: MeetingActor, input: MeetingRef) {
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const waiting = await tx
      .select({ id: agendaItems.id, caseId: agendaItems.caseId })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, m.id), eq(agendaItems.outcome, "pending"), isNotNull(agendaItems.caseId)));
    for (const item of waiting) {
      if (item.caseId) await transition(tx, user, item.caseId, { action: "unschedule", meta: { meetingId: m.id, cancelled: true } });
    }
    const updated = await bumpMeeting(tx, m, { status: "cancelled", sequence: m.sequence + 1, updatedAt: new Date() });
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.cancel",
        entityType: "meeting",
        entityId: m.id,
        before: { status: m.status },
        after: { status: "cancelled", casesBackToRouted: waiting.length },
      },
      tx,
    );
    return updated;
  });
}

/** Which meeting a change is for, and the version of it the form was rendered with. */
export interface MeetingRef {
  meetingId: number;
  expectedVersion: number;
  /** When given, the meeting must belong to this body (the URL's slug). */
  bodySlug?: string;
}

async function withMeeting<T>(user: MeetingActor, ref: MeetingRef, fn: (tx: Tx, m: MeetingRow) => Promise<T>): Promise<T> {
  requireSecretariat(user);
  if (!isId(ref.expectedVersion)) throw new DomainError(M("versionRequired"), {}, { kind: "invalid", field: "version" });
  const bodyId = ref.bodySlug ? (await bodyBySlug(ref.bodySlug)).id : undefined;
  return db().transaction(async (tx) => {
    const m = await lockMeeting(tx, ref.meetingId, ref.expectedVersion, bodyId);
    return fn(tx, m);
  });
}

async function lockItem(tx: Tx, m: MeetingRow, itemId: number): Promise<ItemRow> {
  if (!isId(itemId)) throw notFound();
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, m.id)))
    .for("update");
  if (!item) throw notFound();
  return item;
}

async function nextPosition(tx: Tx, meetingId: number) {
  const [row] = await tx
    .select({ p: max(agendaItems.position) })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return (row?.p ?? 0) + 1;
}

/**
 * The body's next free case number of `year`. One number at a time per body: concurrent callers
 * queue on the advisory lock until the transaction ends; the unique index backs it up.
 */
async function nextCaseSeq(tx: Tx, bodyId: number, year: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(7272, ${bodyId})`);
  const [last] = await tx
    .select({ seq: max(agendaItems.bodyCaseSeq) })
    .from(agendaItems)
    .where(and(eq(agendaItems.bodyId, bodyId), eq(agendaItems.bodyCaseYear, year)));
  return (last?.seq ?? 0) + 1;
}

/**
 * Gives the meeting's case items without a number the body's next numbers of the meeting's year,
 * in agenda order (items deferred here from an earlier meeting keep theirs). Returns what it gave.
 */
async function numberAgenda(tx: Tx, m: MeetingRow) {
  const year = osloParts(m.startsAt).year;
  const unnumbered = await tx
    .select({ id: agendaItems.id, caseId: agendaItems.caseId })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, m.id), eq(agendaItems.kind, "case"), ne(agendaItems.outcome, "deferred"), isNull(agendaItems.bodyCaseSeq)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
  const given: { agendaItemId: number; caseId: string | null; caseNumber: string }[] = [];
  if (!unnumbered.length) return given;
  let seq = await nextCaseSeq(tx, m.bodyId, year);
  for (const item of unnumbered) {
    await tx.update(agendaItems).set({ bodyCaseYear: year, bodyCaseSeq: seq }).where(eq(agendaItems.id, item.id));
    given.push({ agendaItemId: item.id, caseId: item.caseId, caseNumber: formatCaseNumber(seq, year) });
    seq++;
  }
  return given;
}

/**
 * Publishes the agenda in this transaction: numbers in agenda order and the audit entry. Returns
 * the meeting's patch (the time of publication) for the caller's one version bump.
 */
async function publishAgendaIn(tx: Tx, user: MeetingActor, m: MeetingRow, implicit: boolean) {
  const given = await numberAgenda(tx, m);
  await writeAudit(
    { actor: actorOf(user), action: "meeting.publish_agenda", entityType: "meeting", entityId: m.id, after: { numbers: given, ...(implicit ? { implicit: true } : {}) } },
    tx,
  );
  return { agendaPublishedAt: new Date() };
}

/**
 * "Publiser sakslista": the secretariat fixes the agenda. Its cases get their numbers in agenda
 * order (the next free ones of the body's year); later cases get the next number when added.
 */
export async function publishAgenda(user: MeetingActor, input: MeetingRef) {
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    if (m.agendaPublishedAt) throw new DomainError(M("agendaAlreadyPublished"), {}, { kind: "conflict" });
    await bumpMeeting(tx, m, await publishAgendaIn(tx, user, m, false));
  });
}

/** Time slot and presenter as stored (the schema has checked the format). */
function slotOf(input: Partial<SlotInput>): SlotInput {
  const slot = { presenter: input.presenter ?? "", slotStart: input.slotStart ?? "", durationMinutes: input.durationMinutes ?? null };
  assertFreeTextFields({ presenter: slot.presenter }, { singleLine: true });
  return slot;
}

/**
 * Puts a routed case of this body on the agenda: it gets the body's next case number for the
 * meeting's year and the case goes to on_agenda.
 */
export async function addCaseToAgenda(user: MeetingActor, input: MeetingRef & { caseId: string } & Partial<SlotInput>) {
  const slot = slotOf(input);
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const [c] = await tx.select({ id: cases.id, title: cases.title, bodyId: cases.bodyId, status: cases.status }).from(cases).where(eq(cases.id, input.caseId));
    if (!c) throw new DomainError(M("unknownCase"), {}, { kind: "invalid", field: "caseId" });
    if (c.bodyId !== m.bodyId) throw new DomainError(M("wrongBody"), {}, { kind: "conflict" });
    if (c.status !== "routed") throw new DomainError(M("invalidTransition"), { status: c.status }, { kind: "conflict" });
    const year = osloParts(m.startsAt).year;
    // Before the agenda is published the case has no number; after it, a late case gets the next one.
    const seq = m.agendaPublishedAt ? await nextCaseSeq(tx, m.bodyId, year) : null;
    const [item] = await tx
      .insert(agendaItems)
      .values({
        meetingId: m.id,
        bodyId: m.bodyId,
        position: await nextPosition(tx, m.id),
        kind: "case",
        caseId: c.id,
        title: c.title,
        ...slot,
        bodyCaseYear: year,
        bodyCaseSeq: seq,
      })
      .returning();
    assertRow(item, "agenda item");
    await transition(tx, user, c.id, {
      action: "schedule",
      meta: { meetingId: m.id, agendaItemId: item.id, caseNumber: formatCaseNumber(seq, year) },
    });
    await bumpMeeting(tx, m);
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.add_case",
        entityType: "meeting",
        entityId: m.id,
        after: { agendaItemId: item.id, caseId: c.id, caseNumber: formatCaseNumber(seq, year) },
      },
      tx,
    );
    return item;
  });
}

/** An orientation item (orienteringssak) without a case. */
export async function addOrientationItem(user: MeetingActor, input: MeetingRef & { title: string } & Partial<SlotInput>) {
  const title = input.title.trim();
  if (!title) throw new DomainError(M("titleRequired"), {}, { kind: "invalid", field: "title" });
  assertFreeTextFields({ title }, { singleLine: true });
  const slot = slotOf(input);
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const [item] = await tx
      .insert(agendaItems)
      .values({ meetingId: m.id, bodyId: m.bodyId, position: await nextPosition(tx, m.id), kind: "orientation", title, ...slot })
      .returning();
    assertRow(item, "agenda item");
    await bumpMeeting(tx, m);
    await writeAudit({ actor: actorOf(user), action: "meeting.add_orientation", entityType: "meeting", entityId: m.id, after: { agendaItemId: item.id } }, tx);
    return item;
  });
}

/** Changes an item's time slot and presenter (and an orientation item's title, when one is given). */
export async function updateAgendaItem(user: MeetingActor, input: MeetingRef & { itemId: number; title?: string } & Partial<SlotInput>) {
  const slot = slotOf(input);
  const title = input.title?.trim() ?? "";
  assertFreeTextFields({ title }, { singleLine: true });
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, input.itemId);
    const patch: Partial<ItemRow> = { ...slot, version: item.version + 1 };
    if (title && item.kind === "orientation") patch.title = title;
    await tx.update(agendaItems).set(patch).where(eq(agendaItems.id, item.id));
    await bumpMeeting(tx, m);
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.update_item",
        entityType: "meeting",
        entityId: m.id,
        before: { agendaItemId: item.id, ...pick(item) },
        after: { agendaItemId: item.id, ...slot },
      },
      tx,
    );
  });
}
const pick = (i: ItemRow) => ({ presenter: i.presenter, slotStart: i.slotStart, durationMinutes: i.durationMinutes });

/** Moves an item one place up or down (swaps positions with its neighbour). */
export async function moveAgendaItem(user: MeetingActor, input: MeetingRef & { itemId: number; direction: "up" | "down" }) {
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, input.itemId);
    const up = input.direction === "up";
    const [neighbour] = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, m.id), up ? lt(agendaItems.position, item.position) : gt(agendaItems.position, item.position)))
      .orderBy(up ? desc(agendaItems.position) : asc(agendaItems.position))
      .limit(1);
    if (!neighbour) return; // already first/last: nothing to do
    await tx.update(agendaItems).set({ position: neighbour.position }).where(eq(agendaItems.id, item.id));
    await tx.update(agendaItems).set({ position: item.position }).where(eq(agendaItems.id, neighbour.id));
    await bumpMeeting(tx, m);
    await writeAudit(
      { actor: actorOf(user), action: "meeting.move_item", entityType: "meeting", entityId: m.id, after: { agendaItemId: item.id, direction: input.direction } },
      tx,
    );
  });
}

/** Removes a pending item; a case goes back to routed (its number is released if it was the last). */
export async function removeAgendaItem(user: MeetingActor, input: MeetingRef & { itemId: number }) {
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, input.itemId);
    if (item.outcome !== "pending") throw new DomainError(M("itemHandled"), {}, { kind: "conflict" });
    await tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
    if (item.caseId) await transition(tx, user, item.caseId, { action: "unschedule", meta: { meetingId: m.id } });
    await bumpMeeting(tx, m);
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.remove_item",
        entityType: "meeting",
        entityId: m.id,
        before: { agendaItemId: item.id, caseId: item.caseId, caseNumber: formatCaseNumber(item.bodyCaseSeq, item.bodyCaseYear) },
      },
      tx,
    );
  });
}

/**
 * Records the handling (behandling) and the decision (vedtak) of an item. For a case item the
 * case goes to handled the first time a decision is recorded.
 */
export async function recordAgendaOutcome(user: MeetingActor, input: MeetingRef & { itemId: number; handling: string; decision: string }) {
  const handling = input.handling.trim();
  const decision = input.decision.trim();
  if (!decision) throw new DomainError(M("decisionRequired"), {}, { kind: "invalid", field: "decision" });
  assertFreeTextFields({ handling, decision });
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    let item = await lockItem(tx, m, input.itemId);
    if (item.outcome === "deferred") throw new DomainError(M("itemDeferred"), {}, { kind: "conflict" });
    // Handling starts: an agenda never published is fixed now, with its numbers in agenda order.
    const published = m.agendaPublishedAt ? {} : await publishAgendaIn(tx, user, m, true);
    if (!m.agendaPublishedAt) item = await lockItem(tx, m, item.id);
    await tx
      .update(agendaItems)
      .set({ handling, decision, outcome: "decided", version: item.version + 1 })
      .where(eq(agendaItems.id, item.id));
    if (item.caseId && item.outcome === "pending") {
      await transition(tx, user, item.caseId, {
        action: "decide",
        meta: { meetingId: m.id, agendaItemId: item.id, caseNumber: formatCaseNumber(item.bodyCaseSeq, item.bodyCaseYear) },
      });
    }
    await bumpMeeting(tx, m, { ...published, ...(m.minutesStatus === "none" ? { minutesStatus: "draft" as const } : {}) });
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.record_outcome",
        entityType: "meeting",
        entityId: m.id,
        before: { agendaItemId: item.id, outcome: item.outcome },
        after: { agendaItemId: item.id, outcome: "decided" },
      },
      tx,
    );
  });
}

/** Defers an item to a later meeting of the same body; it keeps its number. */
export async function deferAgendaItem(user: MeetingActor, input: MeetingRef & { itemId: number; toMeetingId: number }) {
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, input.itemId);
    if (item.outcome !== "pending") throw new DomainError(M("itemHandled"), {}, { kind: "conflict" });
    const unknownMeeting = new DomainError(M("unknownMeeting"), {}, { kind: "invalid", field: "toMeetingId" });
    if (!isId(input.toMeetingId)) throw unknownMeeting;
    const [target] = await tx.select().from(meetings).where(eq(meetings.id, input.toMeetingId)).for("update");
    if (!target || target.bodyId !== m.bodyId || target.id === m.id || target.startsAt <= m.startsAt || target.status === "cancelled") throw unknownMeeting;
    requireAgendaOpen(target);
    // The item (with its number) moves; a marker stays in this meeting's agenda and minutes. An
    // item without a number (this agenda was not published) gets the next one at once when the
    // later meeting's agenda is published already.
    const targetYear = osloParts(target.startsAt).year;
    const number =
      item.kind === "case" && item.bodyCaseSeq == null && target.agendaPublishedAt ? { bodyCaseYear: targetYear, bodyCaseSeq: await nextCaseSeq(tx, m.bodyId, targetYear) } : {};
    await tx
      .update(agendaItems)
      .set({ meetingId: target.id, position: await nextPosition(tx, target.id), version: item.version + 1, ...number })
      .where(eq(agendaItems.id, item.id));
    await tx.insert(agendaItems).values({
      meetingId: m.id,
      bodyId: m.bodyId,
      position: item.position,
      kind: item.kind,
      caseId: item.caseId,
      title: item.title,
      presenter: item.presenter,
      slotStart: item.slotStart,
      durationMinutes: item.durationMinutes,
      bodyCaseYear: item.bodyCaseYear,
      outcome: "deferred",
      deferredToMeetingId: target.id,
    });
    await bumpMeeting(tx, m);
    await tx
      .update(meetings)
      .set({ version: target.version + 1 })
      .where(eq(meetings.id, target.id));
    const after = { agendaItemId: item.id, toMeetingId: target.id, caseNumber: formatCaseNumber(item.bodyCaseSeq, item.bodyCaseYear) };
    await writeAudit({ actor: actorOf(user), action: "meeting.defer_item", entityType: "meeting", entityId: m.id, after }, tx);
    if (item.caseId) await writeAudit({ actor: actorOf(user), action: "case.defer", entityType: "case", entityId: item.caseId, after: { fromMeetingId: m.id, ...after } }, tx);
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-up tasks

/**
 * A follow-up task (oppfølging) of a decided item. Its owner, when given, is one of the users the
 * meeting page offers (the body's current members and the secretariat) and is told of the task.
 */
export async function addFollowUpTask(user: MeetingActor, input: MeetingRef & { itemId: number; what: string; responsible?: string; ownerId?: string; dueDate?: string }) {
  const what = input.what.trim();
  const dueDate = input.dueDate?.trim() ?? "";
  const ownerId = input.ownerId?.trim() || null;
  if (!what) throw new DomainError(M("whatRequired"), {}, { kind: "invalid", field: "what" });
  assertFreeTextFields({ what, responsible: input.responsible ?? "" }, { singleLine: true });
  return withMeeting(user, input, async (tx, m) => {
    const owner = ownerId ? (await taskOwnerOptions(tx, m.bodyId)).find((o) => o.id === ownerId) : null;
    if (ownerId && !owner) throw new DomainError(M("unknownOwner"), {}, { kind: "invalid", field: "ownerId" });
    const responsible = input.responsible?.trim() || owner?.name || "";
    if (!responsible) throw new DomainError(M("responsibleRequired"), {}, { kind: "invalid", field: "responsible" });
    const item = await lockItem(tx, m, input.itemId);
    if (item.outcome !== "decided") throw new DomainError(M("noDecision"), {}, { kind: "conflict" });
    const [task] = await tx
      .insert(followUpTasks)
      .values({ agendaItemId: item.id, what, responsible, responsibleUserId: owner?.id ?? null, dueDate: dueDate || null })
      .returning();
    assertRow(task, "follow-up task");
    await bumpMeeting(tx, m);
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.add_follow_up",
        entityType: "meeting",
        entityId: m.id,
        after: { agendaItemId: item.id, taskId: task.id, dueDate: task.dueDate, ownerId: task.responsibleUserId },
      },
      tx,
    );
    if (owner) {
      await notifyUsers(tx, {
        kind: "follow_up",
        userIds: [owner.id],
        subject: "Du har fått ei oppfølgingsoppgåve",
        lines: [`Oppgåve: ${what}`, dueDate ? `Frist: ${dueDate}` : "Oppgåva har ingen frist."],
        path: "/mi-side",
        dedupeKey: `follow_up_assigned:${task.id}`,
      });
    }
    return task;
  });
}

/** Who can own a follow-up task of a body's meeting: its current members and the secretariat (active users). */
export async function taskOwnerOptions(tx: Tx | Db, bodyId: number, today = osloDate()): Promise<{ id: string; name: string }[]> {
  return tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .leftJoin(bodyMemberships, and(eq(bodyMemberships.userId, users.id), eq(bodyMemberships.bodyId, bodyId), currentMembershipOn(today)))
    .where(and(eq(users.active, true), or(eq(users.role, "secretariat"), isNotNull(bodyMemberships.id))))
    .orderBy(asc(users.name), asc(users.id));
}

export async function setFollowUpStatus(user: MeetingActor, input: MeetingRef & { taskId: number; status: FollowUpStatus }) {
  return withMeeting(user, input, async (tx, m) => {
    if (!isId(input.taskId)) throw notFound();
    const [task] = await tx
      .select({ id: followUpTasks.id, status: followUpTasks.status, meetingId: agendaItems.meetingId })
      .from(followUpTasks)
      .innerJoin(agendaItems, eq(agendaItems.id, followUpTasks.agendaItemId))
      .where(eq(followUpTasks.id, input.taskId));
    if (!task || task.meetingId !== m.id) throw notFound();
    await tx.update(followUpTasks).set({ status: input.status }).where(eq(followUpTasks.id, task.id));
    await bumpMeeting(tx, m);
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.follow_up_status",
        entityType: "meeting",
        entityId: m.id,
        before: { taskId: task.id, status: task.status },
        after: { taskId: task.id, status: input.status },
      },
      tx,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Minutes

export async function saveMinutesIntro(user: MeetingActor, input: MeetingRef & { intro: string }) {
  const intro = input.intro.trim();
  assertFreeTextFields({ intro });
  return withMeeting(user, input, async (tx, m) => {
    requireAgendaOpen(m);
    await bumpMeeting(tx, m, { minutesIntro: intro, minutesStatus: "draft" });
    await writeAudit({ actor: actorOf(user), action: "meeting.minutes_draft", entityType: "meeting", entityId: m.id, after: { minutesStatus: "draft" } }, tx);
  });
}

export async function approveMinutes(user: MeetingActor, input: MeetingRef) {
  return withMeeting(user, input, async (tx, m) => {
    if (m.minutesStatus !== "draft") throw new DomainError(M("minutesNotDraft"), {}, { kind: "conflict" });
    const [pending] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, m.id), eq(agendaItems.outcome, "pending")))
      .limit(1);
    if (pending) throw new DomainError(M("pendingItems"), {}, { kind: "conflict" });
    await bumpMeeting(tx, m, { minutesStatus: "approved", minutesApprovedAt: new Date(), status: "held" });
    await writeAudit(
      { actor: actorOf(user), action: "meeting.minutes_approve", entityType: "meeting", entityId: m.id, before: { minutesStatus: "draft" }, after: { minutesStatus: "approved" } },
      tx,
    );
  });
}

export function minutesUrl(slug: string, meetingId: number) {
  return `${env().APP_URL.replace(/\/$/, "")}/utval/${slug}/moter/${meetingId}/referat`;
}

/**
 * Publishes approved minutes: every case decided in the meeting gets its feedback mail (decision
 * and a link to the minutes) and is closed (feedback given).
 */
export async function publishMinutes(user: MeetingActor, input: MeetingRef) {
  return withMeeting(user, input, async (tx, m) => {
    if (m.minutesStatus !== "approved") throw new DomainError(M("minutesNotApproved"), {}, { kind: "conflict" });
    const [body] = await tx.select().from(bodies).where(eq(bodies.id, m.bodyId));
    assertRow(body, "body of the meeting");
    const decided = await tx
      .select({
        itemId: agendaItems.id,
        handling: agendaItems.handling,
        decision: agendaItems.decision,
        seq: agendaItems.bodyCaseSeq,
        year: agendaItems.bodyCaseYear,
        caseId: cases.id,
        status: cases.status,
        reference: cases.reference,
        title: cases.title,
        submitterName: cases.submitterName,
        submitterEmail: cases.submitterEmail,
        anonymisedAt: cases.anonymisedAt,
      })
      .from(agendaItems)
      .innerJoin(cases, eq(cases.id, agendaItems.caseId))
      .where(and(eq(agendaItems.meetingId, m.id), eq(agendaItems.outcome, "decided")))
      .orderBy(asc(agendaItems.position));
    const link = minutesUrl(body.slug, m.id);
    const { date } = osloParts(m.startsAt);
    const dateText = date.split("-").reverse().join(".");
    for (const c of decided) {
      const number = formatCaseNumber(c.seq, c.year);
      if (!c.anonymisedAt && c.submitterEmail) {
        await enqueueMail(
          {
            kind: "case_decision",
            to: c.submitterEmail,
            subject: `Vedtak i saka ${c.reference}: ${body.shortName} sak ${number}`,
            text: [
              `Hei ${c.submitterName},`,
              "",
              `${body.shortName} handsama saka di «${c.title}» (${c.reference}) som sak ${number} i møtet ${dateText}.`,
              "",
              "Vedtak:",
              c.decision,
              "",
              `Referatet frå møtet: ${link}`,
              "",
              "Helsing",
              "Felles samarbeidssekretariat, Helsefellesskap Møre og Romsdal",
            ].join("\n"),
            dedupeKey: `case_decision:${c.caseId}:${m.id}`,
          },
          tx,
        );
      }
      if (c.status === "handled") {
        await transition(tx, user, c.caseId, { action: "close", meta: { meetingId: m.id, feedback: "minutes_published" } });
      }
    }
    await bumpMeeting(tx, m, { minutesStatus: "published", minutesPublishedAt: new Date() });
    await writeAudit(
      {
        actor: actorOf(user),
        action: "meeting.minutes_publish",
        entityType: "meeting",
        entityId: m.id,
        before: { minutesStatus: "approved" },
        after: { minutesStatus: "published", feedbackCases: decided.length },
      },
      tx,
    );
    return { feedbackCount: decided.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading a meeting

/**
 * A meeting with its agenda. Texts of handling and decisions are internal until the minutes are
 * published (then public); withheld case titles are hidden from the public.
 */
export async function getMeeting(user: MeetingActor | null, slug: string, meetingId: number) {
  const body = await bodyBySlug(slug);
  if (!isId(meetingId)) throw notFound();
  const [meeting] = await db()
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.bodyId, body.id)));
  if (!meeting) throw notFound();
  const internal = canSeeInternal(user, body.id);
  const published = meeting.minutesStatus === "published";
  const secretariat = isSecretariat(user);
  const deferredTo = sql<
    number | null
  >`(select m2.body_case_seq from agenda_items m2 where m2.case_id = ${agendaItems.caseId} and m2.body_id = ${agendaItems.bodyId} and m2.body_case_year = ${agendaItems.bodyCaseYear} and m2.body_case_seq is not null and m2.id < ${agendaItems.id} order by m2.id desc limit 1)`;
  const [items, tasks, candidates, laterMeetings, taskOwners] = await Promise.all([
    db()
      .select({
        item: agendaItems,
        movedSeq: deferredTo,
        caseReference: cases.reference,
        caseStatus: cases.status,
        deferredToStartsAt: sql<Date | null>`(select starts_at from meetings m3 where m3.id = ${agendaItems.deferredToMeetingId})`,
      })
      .from(agendaItems)
      .leftJoin(cases, eq(cases.id, agendaItems.caseId))
      .where(eq(agendaItems.meetingId, meeting.id))
      .orderBy(asc(agendaItems.position), asc(agendaItems.id)),
    internal || published
      ? db()
          .select({ task: followUpTasks })
          .from(followUpTasks)
          .innerJoin(agendaItems, eq(agendaItems.id, followUpTasks.agendaItemId))
          .where(eq(agendaItems.meetingId, meeting.id))
          .orderBy(asc(followUpTasks.id))
      : Promise.resolve([] as { task: typeof followUpTasks.$inferSelect }[]),
    secretariat
      ? db()
          .select({ id: cases.id, reference: cases.reference, title: cases.title })
          .from(cases)
          .where(and(eq(cases.bodyId, body.id), eq(cases.status, "routed")))
          .orderBy(asc(cases.year), asc(cases.seq))
      : Promise.resolve([] as { id: string; reference: string; title: string }[]),
    secretariat
      ? db()
          .select({ id: meetings.id, startsAt: meetings.startsAt, title: meetings.title })
          .from(meetings)
          .where(
            and(
              eq(meetings.bodyId, body.id),
              gt(meetings.startsAt, meeting.startsAt),
              ne(meetings.status, "cancelled"),
              or(eq(meetings.minutesStatus, "none"), eq(meetings.minutesStatus, "draft")),
            ),
          )
          .orderBy(asc(meetings.startsAt))
          .limit(20)
      : Promise.resolve([] as { id: number; startsAt: Date; title: string }[]),
    secretariat ? taskOwnerOptions(db(), body.id) : Promise.resolve([] as { id: string; name: string }[]),
  ]);
  const showTexts = internal || published;
  // The public reads a case item's title and reference through the public projection (the title
  // copied onto the agenda item is the secretariat's): none for a case that is not public, none
  // but the legal basis for a withheld title.
  const publicCases = internal ? new Map<string, PublicCaseSummary>() : await publicCaseSummaries(items.flatMap((i) => (i.item.caseId ? [i.item.caseId] : [])));
  // Items that start at the same time are flagged, by their place on the agenda (1, 2, ...).
  const clashes = sameTimeAs(items.map((i) => i.item));
  const placeOf = new Map(items.map((i, index) => [i.item.id, index + 1]));
  return {
    body,
    meeting: internal ? meeting : publicMeetingView(meeting),
    internal,
    published,
    canEdit: secretariat,
    items: items.map(({ item, movedSeq, caseReference, caseStatus, deferredToStartsAt }) => {
      const publicCase = item.caseId ? publicCases.get(item.caseId) : undefined;
      const titleWithheld = internal ? false : item.caseId ? !publicCase || publicCase.title == null : false;
      const title = internal || !item.caseId ? item.title : (publicCase?.title ?? null);
      return {
        id: item.id,
        kind: item.kind,
        position: item.position,
        caseId: internal ? item.caseId : null,
        caseReference: internal ? caseReference : titleWithheld ? null : (publicCase?.reference ?? null),
        caseStatus: internal ? caseStatus : null,
        title,
        titleWithheld,
        presenter: item.presenter,
        slotStart: item.slotStart,
        durationMinutes: item.durationMinutes,
        number: formatCaseNumber(item.bodyCaseSeq ?? (item.outcome === "deferred" ? movedSeq : null), item.bodyCaseYear),
        // Before the minutes are published the public sees no decision, not even that there is one.
        outcome: showTexts || item.outcome !== "decided" ? item.outcome : ("pending" as const),
        outcomeLabel: outcomeLabel(item.kind, showTexts || item.outcome !== "decided" ? item.outcome : "pending"),
        sameTimeAs: (clashes.get(item.id) ?? []).map((id) => placeOf.get(id) ?? 0),
        handling: showTexts ? item.handling : "",
        decision: showTexts ? item.decision : "",
        deferredToMeetingId: item.deferredToMeetingId,
        deferredToStartsAt: deferredToStartsAt ? new Date(deferredToStartsAt) : null,
        tasks: tasks.filter((t) => t.task.agendaItemId === item.id).map((t) => t.task),
      };
    }),
    candidates,
    laterMeetings,
    taskOwners,
    /** The edit form's date and times in Norwegian local time (the secretariat's). */
    editTimes: secretariat ? { date: osloParts(meeting.startsAt).date, time: osloClock(meeting.startsAt), endTime: meeting.endsAt ? osloClock(meeting.endsAt) : "" } : null,
    /** Where the next item's time slot would start: the end of the last one, else the meeting's start. */
    suggestedSlot: nextFreeSlot(
      items.map((i) => i.item),
      osloClock(meeting.startsAt),
    ),
  };
}

/**
 * A meeting as the public sees it: nothing of minutes that are not published (no intro, no draft
 * or approved status, no approval time).
 */
function publicMeetingView(m: MeetingRow): MeetingRow {
  const published = m.minutesStatus === "published";
  return { ...m, minutesStatus: published ? "published" : "none", minutesIntro: published ? m.minutesIntro : "", minutesApprovedAt: published ? m.minutesApprovedAt : null };
}

/** The minutes: public once published; before that only for the secretariat and the body's members. */
export async function getMinutes(user: MeetingActor | null, slug: string, meetingId: number) {
  const data = await getMeeting(user, slug, meetingId);
  if (!data.published && !data.internal) throw new DomainError(M("minutesNotPublished"), {}, { kind: "forbidden" });
  return data;
}
