/**
 * Meetings of the bodies (møte), their agenda (saksliste), handling and decision per item
 * (behandling, vedtak), deferral, follow-up tasks (oppfølging av vedtak) and minutes (referat):
 * draft → approved → published. Publishing gives the submitters feedback (guideline point 5):
 * a mail with the decision and a link to the minutes, and the case is closed.
 *
 * A case put on an agenda gets the body's own case number: a sequence per body per year of the
 * meeting, written NN/YY ("30/24"). Numbers are taken under an advisory transaction lock per body
 * and the unique index (body, year, seq) backs it up, so two people adding at once never share one.
 *
 * Every change to a meeting checks and bumps `meetings.version` (optimistic concurrency) and is
 * written to the audit log.
 */
import { and, asc, desc, eq, gt, gte, inArray, lt, max, ne, or, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { agendaItems, auditLog, bodies, cases, followUpTasks, meetings, type Localized } from "../../db/schema";
import { writeAudit, type Actor } from "~/services/audit.server";
import { env } from "~/services/env.server";
import { enqueueMail } from "~/services/mail.server";
import {
  applyCaseTransition,
  assertFreeText,
  CaseWorkflowError,
  clockTime,
  isMemberOfBody,
  isSecretariat,
  isUuid,
  type CaseStatus,
  type WorkflowUser,
} from "./case-workflow.server";
import { formatCaseNumber, meetingTitle } from "./secretariat-format";
import { freeTextProblem } from "./text-rules";
import { publicCaseSummaries, type PublicCaseSummary } from "./public-cases.server";
import { isId } from "~/services/ids";

export { formatCaseNumber, meetingTitle };

export const MEETINGS_PAGE_SIZE = 10;
const TZ = "Europe/Oslo";

type MeetingRow = typeof meetings.$inferSelect;
type ItemRow = typeof agendaItems.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Time helpers (meetings are planned in Norwegian local time, stored in UTC)

function offsetMs(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** "2024-09-11" + "09:00" in Europe/Oslo → the UTC instant. */
export function osloToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  let result = naive - offsetMs(new Date(naive));
  result = naive - offsetMs(new Date(result));
  return new Date(result);
}

/** The date ("2024-09-11") and time ("09:00") in Europe/Oslo. */
export function osloParts(at: Date): { date: string; time: string; year: number } {
  const date = new Intl.DateTimeFormat("sv-SE", { timeZone: TZ }).format(at);
  return { date, time: clockTime(at), year: Number(date.slice(0, 4)) };
}


const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

// ---------------------------------------------------------------------------------------------
// Permissions

const actorOf = (u: WorkflowUser): Actor => ({ id: u.id, label: u.name });
function requireSecretariat(u: WorkflowUser | null) {
  if (!u || !isSecretariat(u)) throw new CaseWorkflowError(403, "forbidden", "Berre sekretariatet kan gjere dette.");
}
/** Secretariat and the body's members see unpublished agenda texts and minutes. */
export const canSeeInternal = (u: WorkflowUser | null, bodyId: number) => Boolean(u && (isSecretariat(u) || isMemberOfBody(u, bodyId)));

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
    .where(and(eq(bodies.active, true), ne(bodies.kind, "secretariat")))
    .orderBy(asc(bodies.id));
  return rows.map((r) => ({ ...r, nextAt: r.nextAt ? new Date(r.nextAt) : null }));
}

async function bodyBySlug(slug: string) {
  const [body] = await db().select().from(bodies).where(and(eq(bodies.slug, slug), ne(bodies.kind, "secretariat")));
  if (!body) throw new CaseWorkflowError(404, "notFound", "Fann ikkje utvalet.");
  return body;
}

export async function getBodyPage(user: WorkflowUser | null, slug: string, opts: { upcomingPage: number; pastPage: number }, now = new Date()) {
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

// ---------------------------------------------------------------------------------------------
// Meetings

export interface MeetingInput {
  title?: string;
  date: string;
  time: string;
  endTime?: string;
  location?: string;
  videoLink?: string;
}
export type FieldErrors = Partial<Record<"title" | "date" | "time" | "endTime" | "location" | "videoLink", string>>;

/** Validates a meeting form; returns field errors (message keys) or the values. */
export function validateMeetingInput(input: MeetingInput): { errors: FieldErrors } | { values: { title: string; startsAt: Date; endsAt: Date | null; location: string; videoLink: string } } {
  const errors: FieldErrors = {};
  const title = (input.title ?? "").trim();
  const location = (input.location ?? "").trim();
  const videoLink = (input.videoLink ?? "").trim();
  const endTime = (input.endTime ?? "").trim();
  if (title.length > 200) errors.title = "meeting.errors.titleTooLong";
  if (!isDate(input.date ?? "")) errors.date = "meeting.errors.date";
  if (!isTime(input.time ?? "")) errors.time = "meeting.errors.time";
  if (endTime && !isTime(endTime)) errors.endTime = "meeting.errors.time";
  else if (endTime && isTime(input.time ?? "") && endTime <= input.time) errors.endTime = "meeting.errors.endBeforeStart";
  if (!location && !videoLink) errors.location = "meeting.errors.placeRequired";
  if (location.length > 300) errors.location = "meeting.errors.tooLong";
  // The free-text rule (text-rules.ts): no national identity number, no control characters or line breaks.
  for (const [field, value] of [["title", title], ["location", location], ["videoLink", videoLink]] as const) {
    const problem = freeTextProblem(value, { singleLine: true });
    if (problem) errors[field] ??= `meeting.${problem}`;
  }
  if (videoLink && !errors.videoLink) {
    try {
      const u = new URL(videoLink);
      if (u.protocol !== "https:" && u.protocol !== "http:") errors.videoLink = "meeting.errors.videoLink";
    } catch {
      errors.videoLink = "meeting.errors.videoLink";
    }
    if (videoLink.length > 500) errors.videoLink = "meeting.errors.videoLink";
  }
  if (Object.keys(errors).length) return { errors };
  return {
    values: {
      title,
      startsAt: osloToUtc(input.date, input.time),
      endsAt: endTime ? osloToUtc(input.date, endTime) : null,
      location,
      videoLink,
    },
  };
}

export async function createMeeting(user: WorkflowUser, slug: string, input: MeetingInput) {
  requireSecretariat(user);
  const body = await bodyBySlug(slug);
  const checked = validateMeetingInput(input);
  if ("errors" in checked) return checked;
  const meeting = await db().transaction(async (tx) => {
    const [m] = await tx
      .insert(meetings)
      .values({ bodyId: body.id, ...checked.values })
      .returning();
    await writeAudit(
      { actor: actorOf(user), action: "meeting.create", entityType: "meeting", entityId: m.id, after: { bodyId: body.id, startsAt: m.startsAt.toISOString() } },
      tx,
    );
    return m;
  });
  return { meeting };
}

/** Locks a meeting row, checks the form's version and the body. */
async function lockMeeting(tx: Tx, meetingId: number, expectedVersion: number | null, bodyId?: number): Promise<MeetingRow> {
  if (!isId(meetingId)) throw new CaseWorkflowError(404, "notFound", "Fann ikkje møtet.");
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for("update");
  if (!m || (bodyId != null && m.bodyId !== bodyId)) throw new CaseWorkflowError(404, "notFound", "Fann ikkje møtet.");
  if (expectedVersion != null && m.version !== expectedVersion) {
    const [last] = await tx
      .select({ actorLabel: auditLog.actorLabel, at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "meeting"), eq(auditLog.entityId, String(m.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    const name = last?.actorLabel ?? "ukjend";
    const time = last ? clockTime(last.at) : "";
    throw new CaseWorkflowError(409, "stale", `Endra av ${name} kl. ${time} – last sida på nytt`, { name, time });
  }
  return m;
}

async function bumpMeeting(tx: Tx, m: MeetingRow, patch: Partial<MeetingRow> = {}) {
  const [updated] = await tx
    .update(meetings)
    .set({ ...patch, version: m.version + 1 })
    .where(and(eq(meetings.id, m.id), eq(meetings.version, m.version)))
    .returning();
  if (!updated) throw new CaseWorkflowError(409, "stale", "Møtet vart endra samstundes – last sida på nytt");
  return updated;
}

function requireAgendaOpen(m: MeetingRow) {
  if (m.minutesStatus === "approved" || m.minutesStatus === "published") {
    throw new CaseWorkflowError(409, "minutesLocked", "Referatet er godkjent; sakslista kan ikkje endrast.");
  }
}

interface MeetingRef {
  meetingId: number;
  expectedVersion: number;
  /** When given, the meeting must belong to this body (the URL's slug). */
  bodySlug?: string;
}

async function withMeeting<T>(user: WorkflowUser, ref: MeetingRef, fn: (tx: Tx, m: MeetingRow) => Promise<T>): Promise<T> {
  requireSecretariat(user);
  if (!isId(ref.expectedVersion)) throw new CaseWorkflowError(400, "versionRequired", "Manglar versjon – last sida på nytt.");
  const bodyId = ref.bodySlug ? (await bodyBySlug(ref.bodySlug)).id : undefined;
  return db().transaction(async (tx) => {
    const m = await lockMeeting(tx, ref.meetingId, ref.expectedVersion, bodyId);
    return fn(tx, m);
  });
}

async function lockItem(tx: Tx, m: MeetingRow, itemId: number): Promise<ItemRow> {
  if (!isId(itemId)) throw new CaseWorkflowError(404, "notFound", "Fann ikkje punktet.");
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, m.id)))
    .for("update");
  if (!item) throw new CaseWorkflowError(404, "notFound", "Fann ikkje punktet på sakslista.");
  return item;
}

async function nextPosition(tx: Tx, meetingId: number) {
  const [row] = await tx.select({ p: max(agendaItems.position) }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
  return (row?.p ?? 0) + 1;
}

export interface SlotInput {
  presenter?: string;
  slotStart?: string;
  durationMinutes?: string | number | null;
}
function parseSlot(input: SlotInput) {
  const presenter = (input.presenter ?? "").trim();
  const slotStart = (input.slotStart ?? "").trim();
  const rawDuration = input.durationMinutes == null ? "" : String(input.durationMinutes).trim();
  if (presenter.length > 200) throw new CaseWorkflowError(400, "presenterTooLong", "Namnet er for langt.");
  assertFreeText([presenter], { singleLine: true });
  if (slotStart && !isTime(slotStart)) throw new CaseWorkflowError(400, "slotInvalid", "Skriv klokkeslett som TT:MM, til dømes 09:30.");
  let durationMinutes: number | null = null;
  if (rawDuration) {
    durationMinutes = Number(rawDuration);
    if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 600) {
      throw new CaseWorkflowError(400, "durationInvalid", "Skriv varigheit i heile minutt (1–600).");
    }
  }
  return { presenter, slotStart, durationMinutes };
}

/**
 * Puts a routed case of this body on the agenda: it gets the body's next case number for the
 * meeting's year and the case goes to on_agenda.
 */
export async function addCaseToAgenda(user: WorkflowUser, ref: MeetingRef & { caseId: string } & SlotInput) {
  const slot = parseSlot(ref);
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    if (!isUuid(ref.caseId)) throw new CaseWorkflowError(400, "unknownCase", "Ukjend sak.");
    const [c] = await tx.select({ id: cases.id, title: cases.title, bodyId: cases.bodyId, status: cases.status }).from(cases).where(eq(cases.id, ref.caseId));
    if (!c) throw new CaseWorkflowError(400, "unknownCase", "Ukjend sak.");
    if (c.bodyId !== m.bodyId) throw new CaseWorkflowError(409, "wrongBody", "Saka er ikkje send til dette utvalet.");
    const year = osloParts(m.startsAt).year;
    // One number at a time per body: concurrent additions queue here; the unique index backs it up.
    await tx.execute(sql`select pg_advisory_xact_lock(7272, ${m.bodyId})`);
    const [last] = await tx
      .select({ seq: max(agendaItems.bodyCaseSeq) })
      .from(agendaItems)
      .where(and(eq(agendaItems.bodyId, m.bodyId), eq(agendaItems.bodyCaseYear, year)));
    const seq = (last?.seq ?? 0) + 1;
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
    await applyCaseTransition(tx, actorOf(user), c.id, null, {
      action: "schedule",
      meta: { meetingId: m.id, agendaItemId: item.id, caseNumber: formatCaseNumber(seq, year) },
    });
    await bumpMeeting(tx, m);
    await writeAudit(
      { actor: actorOf(user), action: "meeting.add_case", entityType: "meeting", entityId: m.id, after: { agendaItemId: item.id, caseId: c.id, caseNumber: formatCaseNumber(seq, year) } },
      tx,
    );
    return item;
  });
}

/** An orientation item (orienteringssak) without a case. */
export async function addOrientationItem(user: WorkflowUser, ref: MeetingRef & { title: string } & SlotInput) {
  const title = (ref.title ?? "").trim();
  if (!title) throw new CaseWorkflowError(400, "titleRequired", "Skriv ein tittel.");
  if (title.length > 300) throw new CaseWorkflowError(400, "titleTooLong", "Tittelen er for lang.");
  assertFreeText([title], { singleLine: true });
  const slot = parseSlot(ref);
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    const [item] = await tx
      .insert(agendaItems)
      .values({ meetingId: m.id, bodyId: m.bodyId, position: await nextPosition(tx, m.id), kind: "orientation", title, ...slot })
      .returning();
    await bumpMeeting(tx, m);
    await writeAudit({ actor: actorOf(user), action: "meeting.add_orientation", entityType: "meeting", entityId: m.id, after: { agendaItemId: item.id } }, tx);
    return item;
  });
}

export async function updateAgendaItem(user: WorkflowUser, ref: MeetingRef & { itemId: number; title?: string } & SlotInput) {
  const slot = parseSlot(ref);
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, ref.itemId);
    const patch: Partial<ItemRow> = { ...slot, version: item.version + 1 };
    if (ref.title != null && item.kind === "orientation") {
      const title = ref.title.trim();
      if (!title || title.length > 300) throw new CaseWorkflowError(400, "titleRequired", "Skriv ein tittel.");
      assertFreeText([title], { singleLine: true });
      patch.title = title;
    }
    await tx.update(agendaItems).set(patch).where(eq(agendaItems.id, item.id));
    await bumpMeeting(tx, m);
    await writeAudit({ actor: actorOf(user), action: "meeting.update_item", entityType: "meeting", entityId: m.id, before: { agendaItemId: item.id, ...pick(item) }, after: { agendaItemId: item.id, ...slot } }, tx);
  });
}
const pick = (i: ItemRow) => ({ presenter: i.presenter, slotStart: i.slotStart, durationMinutes: i.durationMinutes });

/** Moves an item one place up or down (swaps positions with its neighbour). */
export async function moveAgendaItem(user: WorkflowUser, ref: MeetingRef & { itemId: number; direction: "up" | "down" }) {
  if (ref.direction !== "up" && ref.direction !== "down") throw new CaseWorkflowError(400, "direction", "Ukjend retning.");
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, ref.itemId);
    const [neighbour] = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, m.id), ref.direction === "up" ? lt(agendaItems.position, item.position) : gt(agendaItems.position, item.position)))
      .orderBy(ref.direction === "up" ? desc(agendaItems.position) : asc(agendaItems.position))
      .limit(1);
    if (!neighbour) return; // already first/last: nothing to do
    await tx.update(agendaItems).set({ position: neighbour.position }).where(eq(agendaItems.id, item.id));
    await tx.update(agendaItems).set({ position: item.position }).where(eq(agendaItems.id, neighbour.id));
    await bumpMeeting(tx, m);
    await writeAudit({ actor: actorOf(user), action: "meeting.move_item", entityType: "meeting", entityId: m.id, after: { agendaItemId: item.id, direction: ref.direction } }, tx);
  });
}

/** Removes a pending item; a case goes back to routed (its number is released if it was the last). */
export async function removeAgendaItem(user: WorkflowUser, ref: MeetingRef & { itemId: number }) {
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, ref.itemId);
    if (item.outcome !== "pending") throw new CaseWorkflowError(409, "itemHandled", "Punktet er alt handsama og kan ikkje fjernast.");
    await tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
    if (item.caseId) {
      await applyCaseTransition(tx, actorOf(user), item.caseId, null, { action: "unschedule", meta: { meetingId: m.id } });
    }
    await bumpMeeting(tx, m);
    await writeAudit(
      { actor: actorOf(user), action: "meeting.remove_item", entityType: "meeting", entityId: m.id, before: { agendaItemId: item.id, caseId: item.caseId, caseNumber: formatCaseNumber(item.bodyCaseSeq, item.bodyCaseYear) } },
      tx,
    );
  });
}

/**
 * Records the handling (behandling) and the decision (vedtak) of an item. For a case item the
 * case goes to handled the first time a decision is recorded.
 */
export async function recordAgendaOutcome(user: WorkflowUser, ref: MeetingRef & { itemId: number; handling: string; decision: string }) {
  const handling = (ref.handling ?? "").trim();
  const decision = (ref.decision ?? "").trim();
  if (!decision) throw new CaseWorkflowError(400, "decisionRequired", "Skriv vedtaket.");
  if (handling.length > 20_000 || decision.length > 20_000) throw new CaseWorkflowError(400, "textTooLong", "Teksten er for lang.");
  assertFreeText([handling, decision]);
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, ref.itemId);
    if (item.outcome === "deferred") throw new CaseWorkflowError(409, "itemDeferred", "Punktet er utsett til eit anna møte.");
    await tx
      .update(agendaItems)
      .set({ handling, decision, outcome: "decided", version: item.version + 1 })
      .where(eq(agendaItems.id, item.id));
    if (item.caseId && item.outcome === "pending") {
      await applyCaseTransition(tx, actorOf(user), item.caseId, null, {
        action: "decide",
        meta: { meetingId: m.id, agendaItemId: item.id, caseNumber: formatCaseNumber(item.bodyCaseSeq, item.bodyCaseYear) },
      });
    }
    await bumpMeeting(tx, m, m.minutesStatus === "none" ? { minutesStatus: "draft" } : {});
    await writeAudit(
      { actor: actorOf(user), action: "meeting.record_outcome", entityType: "meeting", entityId: m.id, before: { agendaItemId: item.id, outcome: item.outcome }, after: { agendaItemId: item.id, outcome: "decided" } },
      tx,
    );
  });
}

/** Defers an item to a later meeting of the same body; it keeps its number. */
export async function deferAgendaItem(user: WorkflowUser, ref: MeetingRef & { itemId: number; toMeetingId: number }) {
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    const item = await lockItem(tx, m, ref.itemId);
    if (item.outcome !== "pending") throw new CaseWorkflowError(409, "itemHandled", "Berre punkt utan vedtak kan utsetjast.");
    if (!isId(ref.toMeetingId)) throw new CaseWorkflowError(400, "unknownMeeting", "Vel eit seinare møte.");
    const [target] = await tx.select().from(meetings).where(eq(meetings.id, ref.toMeetingId)).for("update");
    if (!target || target.bodyId !== m.bodyId || target.id === m.id || target.startsAt <= m.startsAt || target.status === "cancelled") {
      throw new CaseWorkflowError(400, "unknownMeeting", "Vel eit seinare møte i same utval.");
    }
    requireAgendaOpen(target);
    // The item (with its number) moves; a marker stays in this meeting's agenda and minutes.
    await tx
      .update(agendaItems)
      .set({ meetingId: target.id, position: await nextPosition(tx, target.id), version: item.version + 1 })
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
    await tx.update(meetings).set({ version: target.version + 1 }).where(eq(meetings.id, target.id));
    const after = { agendaItemId: item.id, toMeetingId: target.id, caseNumber: formatCaseNumber(item.bodyCaseSeq, item.bodyCaseYear) };
    await writeAudit({ actor: actorOf(user), action: "meeting.defer_item", entityType: "meeting", entityId: m.id, after }, tx);
    if (item.caseId) await writeAudit({ actor: actorOf(user), action: "case.defer", entityType: "case", entityId: item.caseId, after: { fromMeetingId: m.id, ...after } }, tx);
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-up tasks

export const FOLLOW_UP_STATUSES = ["open", "in_progress", "done"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export async function addFollowUpTask(user: WorkflowUser, ref: MeetingRef & { itemId: number; what: string; responsible: string; dueDate?: string }) {
  const what = (ref.what ?? "").trim();
  const responsible = (ref.responsible ?? "").trim();
  const dueDate = (ref.dueDate ?? "").trim();
  if (!what || what.length > 2000) throw new CaseWorkflowError(400, "whatRequired", "Skriv kva som skal gjerast.");
  if (!responsible || responsible.length > 200) throw new CaseWorkflowError(400, "responsibleRequired", "Skriv kven som er ansvarleg.");
  if (dueDate && !isDate(dueDate)) throw new CaseWorkflowError(400, "dueDateInvalid", "Skriv fristen som ein dato.");
  assertFreeText([what, responsible], { singleLine: true });
  return withMeeting(user, ref, async (tx, m) => {
    const item = await lockItem(tx, m, ref.itemId);
    if (item.outcome !== "decided") throw new CaseWorkflowError(409, "noDecision", "Oppfølging kan berre knytast til eit vedtak.");
    const [task] = await tx.insert(followUpTasks).values({ agendaItemId: item.id, what, responsible, dueDate: dueDate || null }).returning();
    await bumpMeeting(tx, m);
    await writeAudit({ actor: actorOf(user), action: "meeting.add_follow_up", entityType: "meeting", entityId: m.id, after: { agendaItemId: item.id, taskId: task.id, dueDate: task.dueDate } }, tx);
    return task;
  });
}

export async function setFollowUpStatus(user: WorkflowUser, ref: MeetingRef & { taskId: number; status: string }) {
  if (!(FOLLOW_UP_STATUSES as readonly string[]).includes(ref.status)) throw new CaseWorkflowError(400, "unknownStatus", "Ukjend status.");
  if (!isId(ref.taskId)) throw new CaseWorkflowError(404, "notFound", "Fann ikkje oppgåva.");
  return withMeeting(user, ref, async (tx, m) => {
    const [task] = await tx
      .select({ id: followUpTasks.id, status: followUpTasks.status, meetingId: agendaItems.meetingId })
      .from(followUpTasks)
      .innerJoin(agendaItems, eq(agendaItems.id, followUpTasks.agendaItemId))
      .where(eq(followUpTasks.id, ref.taskId));
    if (!task || task.meetingId !== m.id) throw new CaseWorkflowError(404, "notFound", "Fann ikkje oppgåva.");
    await tx.update(followUpTasks).set({ status: ref.status as FollowUpStatus }).where(eq(followUpTasks.id, task.id));
    await bumpMeeting(tx, m);
    await writeAudit({ actor: actorOf(user), action: "meeting.follow_up_status", entityType: "meeting", entityId: m.id, before: { taskId: task.id, status: task.status }, after: { taskId: task.id, status: ref.status } }, tx);
  });
}

// ---------------------------------------------------------------------------------------------
// Minutes

export async function saveMinutesIntro(user: WorkflowUser, ref: MeetingRef & { intro: string }) {
  const intro = (ref.intro ?? "").trim();
  if (intro.length > 20_000) throw new CaseWorkflowError(400, "textTooLong", "Teksten er for lang.");
  assertFreeText([intro]);
  return withMeeting(user, ref, async (tx, m) => {
    requireAgendaOpen(m);
    await bumpMeeting(tx, m, { minutesIntro: intro, minutesStatus: "draft" });
    await writeAudit({ actor: actorOf(user), action: "meeting.minutes_draft", entityType: "meeting", entityId: m.id, after: { minutesStatus: "draft" } }, tx);
  });
}

export async function approveMinutes(user: WorkflowUser, ref: MeetingRef) {
  return withMeeting(user, ref, async (tx, m) => {
    if (m.minutesStatus !== "draft") throw new CaseWorkflowError(409, "minutesNotDraft", "Berre eit utkast kan godkjennast.");
    const [pending] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, m.id), eq(agendaItems.outcome, "pending")))
      .limit(1);
    if (pending) throw new CaseWorkflowError(409, "pendingItems", "Alle punkt må ha vedtak eller vere utsette før referatet kan godkjennast.");
    await bumpMeeting(tx, m, { minutesStatus: "approved", minutesApprovedAt: new Date(), status: "held" });
    await writeAudit({ actor: actorOf(user), action: "meeting.minutes_approve", entityType: "meeting", entityId: m.id, before: { minutesStatus: "draft" }, after: { minutesStatus: "approved" } }, tx);
  });
}

export function minutesUrl(slug: string, meetingId: number) {
  return `${env().APP_URL.replace(/\/$/, "")}/utval/${slug}/moter/${meetingId}/referat`;
}

/**
 * Publishes approved minutes: every case decided in the meeting gets its feedback mail (decision
 * and a link to the minutes) and is closed (feedback given).
 */
export async function publishMinutes(user: WorkflowUser, ref: MeetingRef) {
  return withMeeting(user, ref, async (tx, m) => {
    if (m.minutesStatus !== "approved") throw new CaseWorkflowError(409, "minutesNotApproved", "Referatet må godkjennast før det blir publisert.");
    const [body] = await tx.select().from(bodies).where(eq(bodies.id, m.bodyId));
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
        await applyCaseTransition(tx, actorOf(user), c.caseId, null, { action: "close", meta: { meetingId: m.id, feedback: "minutes_published" } });
      }
    }
    await bumpMeeting(tx, m, { minutesStatus: "published", minutesPublishedAt: new Date() });
    await writeAudit(
      { actor: actorOf(user), action: "meeting.minutes_publish", entityType: "meeting", entityId: m.id, before: { minutesStatus: "approved" }, after: { minutesStatus: "published", feedbackCases: decided.length } },
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
export async function getMeeting(user: WorkflowUser | null, slug: string, meetingId: number) {
  const body = await bodyBySlug(slug);
  if (!isId(meetingId)) throw new CaseWorkflowError(404, "notFound", "Fann ikkje møtet.");
  const [meeting] = await db()
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.bodyId, body.id)));
  if (!meeting) throw new CaseWorkflowError(404, "notFound", "Fann ikkje møtet.");
  const internal = canSeeInternal(user, body.id);
  const published = meeting.minutesStatus === "published";
  const secretariat = isSecretariat(user);
  const deferredTo = sql<number | null>`(select m2.body_case_seq from agenda_items m2 where m2.case_id = ${agendaItems.caseId} and m2.body_id = ${agendaItems.bodyId} and m2.body_case_year = ${agendaItems.bodyCaseYear} and m2.body_case_seq is not null and m2.id < ${agendaItems.id} order by m2.id desc limit 1)`;
  const [items, tasks, candidates, laterMeetings] = await Promise.all([
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
          .where(and(eq(meetings.bodyId, body.id), gt(meetings.startsAt, meeting.startsAt), ne(meetings.status, "cancelled"), or(eq(meetings.minutesStatus, "none"), eq(meetings.minutesStatus, "draft"))))
          .orderBy(asc(meetings.startsAt))
          .limit(20)
      : Promise.resolve([] as { id: number; startsAt: Date; title: string }[]),
  ]);
  const showTexts = internal || published;
  // The public reads a case item's title and reference through the public projection (the title
  // copied onto the agenda item is the secretariat's): none for a case that is not public, none
  // but the legal basis for a withheld title.
  const publicCases = internal ? new Map<string, PublicCaseSummary>() : await publicCaseSummaries(items.flatMap((i) => (i.item.caseId ? [i.item.caseId] : [])));
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
        handling: showTexts ? item.handling : "",
        decision: showTexts ? item.decision : "",
        deferredToMeetingId: item.deferredToMeetingId,
        deferredToStartsAt: deferredToStartsAt ? new Date(deferredToStartsAt) : null,
        tasks: tasks.filter((t) => t.task.agendaItemId === item.id).map((t) => t.task),
      };
    }),
    candidates,
    laterMeetings,
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
export async function getMinutes(user: WorkflowUser | null, slug: string, meetingId: number) {
  const data = await getMeeting(user, slug, meetingId);
  if (!data.published && !data.internal) throw new CaseWorkflowError(403, "forbidden", "Referatet er ikkje publisert enno.");
  return data;
}


/** Localized body name helper for the PDFs and ICS (nynorsk). */
export const bodyName = (b: { name: Localized }) => b.name.nn;
