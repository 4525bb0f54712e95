/**
 * Evaluation rounds and checklists. A reporter reads and writes only their own party's
 * checklists: every query that touches a checklist for a reporter carries
 * `party_number = <the user's party>` in its WHERE clause, so a crafted URL or form post for
 * another party finds nothing and writes nothing.
 */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, rowsOf, type Db, type Tx } from "../../db/client";
import {
  checklistAnswers,
  checklistKeyFigures,
  checklists,
  evaluationRounds,
  parties,
  plans,
  users,
} from "../../db/schema";
import { i18nFor } from "~/i18n";
import { writeAudit, type Actor } from "~/services/audit.server";
import { env } from "~/services/env.server";
import { log } from "~/services/log.server";
import { enqueueMail } from "~/services/mail.server";
import { forbidden, requireUser } from "~/http/session.server";
import { planMeasures } from "./plans.server";
import { freeTextProblem } from "./text-rules";
import { freeText } from "./text-rules.server";
import { startJob } from "~/services/jobs.server";
import { parseId } from "~/services/ids";

export const ANSWER_STATUSES = ["ikkje_starta", "planlagt", "i_gang", "gjennomfort", "ikkje_aktuelt"] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const isAnswerStatus = (v: unknown): v is AnswerStatus => typeof v === "string" && (ANSWER_STATUSES as readonly string[]).includes(v);

export const NUMBER_FIELDS = ["coordinators", "individualPlans", "childCoordinators", "cooperationMeetings", "coordinationMeetings"] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
/** Larger than any municipality in the county could report: refused as a typing error. */
export const MAX_KEY_FIGURE = 100_000;
export const MAX_COMMENT = 2000;

export type KeyFigures = {
  coordinators: number | null;
  individualPlans: number | null;
  childCoordinators: number | null;
  cooperationMeetings: number | null;
  coordinationMeetings: number | null;
  kePlacement: string;
  keOnWebsite: boolean | null;
  keWebsiteUrl: string;
};
/** An answer to write; a field left undefined keeps what is stored (a new answer: no status, no comment). */
export type AnswerInput = { measureId: number; status?: AnswerStatus | null; comment?: string };

/** The date (YYYY-MM-DD) in Norway at `now`. */
export function osloDate(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

// ---------------------------------------------------------------------------------------------
// Validation (shared by the form, autosave and the Excel upload)

/** Error keys (i18n plans:errors.*) */
export type NumberError = "notNumber" | "negative" | "notWhole" | "tooLarge";

export function parseKeyFigureNumber(raw: unknown): { value: number | null } | { error: NumberError } {
  if (raw == null) return { value: null };
  const s = String(raw).trim().replace(/\s/g, "");
  if (s === "") return { value: null };
  const n = Number(s.replace(",", "."));
  if (!Number.isFinite(n)) return { error: "notNumber" };
  if (n < 0) return { error: "negative" };
  if (!Number.isInteger(n)) return { error: "notWhole" };
  if (n > MAX_KEY_FIGURE) return { error: "tooLarge" };
  return { value: n };
}

export function parseWebsiteUrl(raw: string): string | null {
  const s = raw.trim();
  if (s === "") return "";
  try {
    const u = new URL(/^https?:\/\//i.test(s) ? s : `https://${s}`);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    if (!u.hostname.includes(".")) return null;
    return u.toString().slice(0, 500);
  } catch {
    return null;
  }
}

export type ChecklistFormResult = {
  answers: AnswerInput[];
  /** The key figures present in the form (the others stay as stored). */
  keyFigures: Partial<KeyFigures>;
  /** field name → error key */
  errors: Record<string, string>;
};

/** The free-text rule (text-rules.ts) as a checklist error key (i18n plans:errors.*), or null. */
const textProblem = (value: string, singleLine = false) => freeTextProblem(value, { singleLine })?.slice("errors.".length) ?? null;

/**
 * Reads the checklist form: `status-<measureId>`, `comment-<measureId>` and the key figures.
 * Only the fields present in the post change anything (issue 11, finding 18): an autosave that
 * sends some fields leaves the others as stored; a present, empty field clears its answer.
 */
export function parseChecklistForm(form: FormData, measureIds: number[]): ChecklistFormResult {
  const errors: Record<string, string> = {};
  const answers: AnswerInput[] = [];
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  for (const id of measureIds) {
    const answer: AnswerInput = { measureId: id };
    if (form.has(`status-${id}`)) {
      const rawStatus = text(`status-${id}`);
      if (rawStatus === "") answer.status = null;
      else if (isAnswerStatus(rawStatus)) answer.status = rawStatus;
      else errors[`status-${id}`] = "unknownStatus";
    }
    if (form.has(`comment-${id}`)) {
      const comment = text(`comment-${id}`);
      const problem = comment.length > MAX_COMMENT ? "commentTooLong" : textProblem(comment);
      if (problem) errors[`comment-${id}`] = problem;
      answer.comment = comment.slice(0, MAX_COMMENT);
    }
    if (answer.status !== undefined || answer.comment !== undefined) answers.push(answer);
  }
  const keyFigures: Partial<KeyFigures> = {};
  for (const f of NUMBER_FIELDS) {
    if (!form.has(f)) continue;
    const r = parseKeyFigureNumber(form.get(f));
    if ("error" in r) errors[f] = r.error;
    else keyFigures[f] = r.value;
  }
  if (form.has("kePlacement")) {
    const placement = text("kePlacement");
    const problem = placement.length > 500 ? "textTooLong" : textProblem(placement);
    if (problem) errors.kePlacement = problem;
    keyFigures.kePlacement = placement.slice(0, 500);
  }
  if (form.has("keOnWebsite")) {
    const onWeb = form.get("keOnWebsite");
    keyFigures.keOnWebsite = onWeb === "yes" ? true : onWeb === "no" ? false : null;
  }
  if (form.has("keWebsiteUrl")) {
    const rawUrl = text("keWebsiteUrl");
    const url = textProblem(rawUrl, true) ? null : parseWebsiteUrl(rawUrl);
    if (url === null) errors.keWebsiteUrl = textProblem(rawUrl, true) ?? "badUrl";
    else keyFigures.keWebsiteUrl = url;
  }
  return { answers, keyFigures, errors };
}

// ---------------------------------------------------------------------------------------------
// Rounds

/** Parties of a round: municipalities valid on the reference date, and the trust. */
export function partiesValidOn(referenceDate: string) {
  return and(lte(parties.validFrom, referenceDate), or(isNull(parties.validTo), sql`${parties.validTo} >= ${referenceDate}`));
}

export async function createRound(input: {
  actor: Actor;
  planId: number;
  title: string;
  description?: string;
  referenceDate: string;
  deadline: string;
  reminderDaysBefore: number;
  status?: "open" | "closed";
}, database: Db = db()): Promise<{ ok: true; id: number } | { ok: false; error: "titleTaken" }> {
  return database.transaction(async (tx) => {
    const inserted = await tx
      .insert(evaluationRounds)
      .values({
        planId: input.planId,
        title: input.title,
        description: input.description ?? "",
        referenceDate: input.referenceDate,
        deadline: input.deadline,
        reminderDaysBefore: input.reminderDaysBefore,
        status: input.status ?? "open",
        createdBy: input.actor.id,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return { ok: false as const, error: "titleTaken" as const };
    const round = inserted[0];
    // One checklist per party valid on the reference date, in the same statement.
    await tx.execute(sql`
      insert into ${checklists} (round_id, party_number)
      select ${round.id}, ${parties.number} from ${parties} where ${partiesValidOn(input.referenceDate)}
      on conflict do nothing`);
    await writeAudit({ actor: input.actor, action: "round.create", entityType: "evaluation_round", entityId: round.id, after: round }, tx);
    return { ok: true as const, id: round.id };
  });
}

export async function listRounds(filter: { includeOpen: boolean }) {
  return db()
    .select({
      id: evaluationRounds.id,
      title: evaluationRounds.title,
      description: evaluationRounds.description,
      status: evaluationRounds.status,
      referenceDate: evaluationRounds.referenceDate,
      deadline: evaluationRounds.deadline,
      planId: plans.id,
      planSlug: plans.slug,
      planTitle: plans.title,
      total: sql<number>`(select count(*)::int from ${checklists} c where c.round_id = ${evaluationRounds.id})`,
      submitted: sql<number>`(select count(*)::int from ${checklists} c where c.round_id = ${evaluationRounds.id} and c.status = 'submitted')`,
    })
    .from(evaluationRounds)
    .innerJoin(plans, eq(plans.id, evaluationRounds.planId))
    .where(filter.includeOpen ? undefined : eq(evaluationRounds.status, "closed"))
    .orderBy(desc(evaluationRounds.referenceDate), asc(evaluationRounds.id));
}

export type ChecklistState = "submitted" | "draft" | "nothing";

/** The round with every party's checklist state, for the secretariat's round page. */
export async function getRoundOverview(roundId: number) {
  const [round] = await db()
    .select({ round: evaluationRounds, planSlug: plans.slug, planTitle: plans.title })
    .from(evaluationRounds)
    .innerJoin(plans, eq(plans.id, evaluationRounds.planId))
    .where(eq(evaluationRounds.id, roundId));
  if (!round) return null;
  const rows = await db()
    .select({
      checklistId: checklists.id,
      partyNumber: parties.number,
      partyName: parties.name,
      kind: parties.kind,
      status: checklists.status,
      updatedAt: checklists.updatedAt,
      submittedAt: checklists.submittedAt,
      answered: sql<number>`(select count(*)::int from ${checklistAnswers} a where a.checklist_id = ${checklists.id} and a.status is not null)`,
    })
    .from(checklists)
    .innerJoin(parties, eq(parties.number, checklists.partyNumber))
    .where(eq(checklists.roundId, roundId))
    .orderBy(sql`${parties.kind} desc`, asc(parties.number));
  const list = rows.map((r) => ({
    ...r,
    updatedAt: r.updatedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    state: (r.status === "submitted" ? "submitted" : r.updatedAt ? "draft" : "nothing") as ChecklistState,
  }));
  const counts = { submitted: 0, draft: 0, nothing: 0 };
  for (const r of list) counts[r.state]++;
  return { ...round, checklists: list, counts };
}

export async function setRoundStatus(input: { actor: Actor; roundId: number; status: "open" | "closed" }) {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(evaluationRounds).where(eq(evaluationRounds.id, input.roundId));
    if (!before) return false;
    if (before.status === input.status) return true;
    await tx
      .update(evaluationRounds)
      .set({ status: input.status, version: sql`${evaluationRounds.version} + 1` })
      .where(eq(evaluationRounds.id, input.roundId));
    await writeAudit(
      { actor: input.actor, action: input.status === "open" ? "round.open" : "round.close", entityType: "evaluation_round", entityId: input.roundId, before: { status: before.status }, after: { status: input.status } },
      tx,
    );
    return true;
  });
}

/** The secretariat reopens a submitted checklist: it becomes a draft again (audited). */
export async function reopenChecklist(input: { actor: Actor; roundId: number; checklistId: number }) {
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(checklists)
      .set({ status: "draft", submittedAt: null, submittedBy: null, version: sql`${checklists.version} + 1` })
      .where(and(eq(checklists.id, input.checklistId), eq(checklists.roundId, input.roundId), eq(checklists.status, "submitted")))
      .returning({ id: checklists.id, partyNumber: checklists.partyNumber });
    if (!updated) return false;
    await writeAudit({ actor: input.actor, action: "checklist.reopen", entityType: "checklist", entityId: updated.id, before: { status: "submitted" }, after: { status: "draft", party: updated.partyNumber } }, tx);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// A party's checklists (reporters: always scoped by party in the WHERE clause)

export async function listPartyChecklists(partyNumber: string) {
  return db()
    .select({
      id: checklists.id,
      status: checklists.status,
      updatedAt: checklists.updatedAt,
      submittedAt: checklists.submittedAt,
      roundId: evaluationRounds.id,
      roundTitle: evaluationRounds.title,
      roundStatus: evaluationRounds.status,
      deadline: evaluationRounds.deadline,
      planTitle: plans.title,
    })
    .from(checklists)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .innerJoin(plans, eq(plans.id, evaluationRounds.planId))
    .where(eq(checklists.partyNumber, partyNumber))
    .orderBy(desc(evaluationRounds.status), desc(evaluationRounds.deadline));
}

/**
 * One checklist with its round, measures, answers and key figures. `partyNumber` scopes the query
 * (reporters); pass null only for the secretariat.
 */
export async function getChecklist(input: { checklistId: number; partyNumber: string | null }) {
  if (!Number.isSafeInteger(input.checklistId)) return null;
  const [head] = await db()
    .select({
      checklist: checklists,
      partyName: parties.name,
      round: evaluationRounds,
      planId: plans.id,
      planSlug: plans.slug,
      planTitle: plans.title,
    })
    .from(checklists)
    .innerJoin(parties, eq(parties.number, checklists.partyNumber))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .innerJoin(plans, eq(plans.id, evaluationRounds.planId))
    .where(and(eq(checklists.id, input.checklistId), input.partyNumber === null ? undefined : eq(checklists.partyNumber, input.partyNumber)));
  if (!head) return null;
  const [measureRows, answers, figures] = await Promise.all([
    planMeasures(head.planId),
    db().select().from(checklistAnswers).where(eq(checklistAnswers.checklistId, head.checklist.id)),
    db().select().from(checklistKeyFigures).where(eq(checklistKeyFigures.checklistId, head.checklist.id)),
  ]);
  const byMeasure = new Map(answers.map((a) => [a.measureId, a]));
  const kf = figures[0];
  return {
    ...head,
    editable: head.checklist.status === "draft" && head.round.status === "open",
    measures: measureRows.map((m) => ({ ...m, status: byMeasure.get(m.id)?.status ?? null, comment: byMeasure.get(m.id)?.comment ?? "" })),
    keyFigures: {
      coordinators: kf?.coordinators ?? null,
      individualPlans: kf?.individualPlans ?? null,
      childCoordinators: kf?.childCoordinators ?? null,
      cooperationMeetings: kf?.cooperationMeetings ?? null,
      coordinationMeetings: kf?.coordinationMeetings ?? null,
      kePlacement: kf?.kePlacement ?? "",
      keOnWebsite: kf?.keOnWebsite ?? null,
      keWebsiteUrl: kf?.keWebsiteUrl ?? "",
    } satisfies KeyFigures,
  };
}

export type SaveResult = { ok: true; version: number } | { ok: false; error: "notFound" | "locked" | "conflict" };

/**
 * Saves a draft. The UPDATE that claims the checklist is scoped by id, party, status = draft and
 * an open round (and the version, when given): if it matches nothing, nothing is written.
 */
export async function saveChecklistDraft(
  input: { actor: Actor; checklistId: number; partyNumber: string; version: number | null; answers: AnswerInput[]; keyFigures: Partial<KeyFigures> },
  database: Db = db(),
): Promise<SaveResult> {
  return database.transaction(async (tx) => {
    const claimed = await tx
      .update(checklists)
      .set({ version: sql`${checklists.version} + 1`, updatedAt: new Date(), updatedBy: input.actor.id })
      .where(
        and(
          eq(checklists.id, input.checklistId),
          eq(checklists.partyNumber, input.partyNumber),
          eq(checklists.status, "draft"),
          // A stale version is a conflict only when someone else saved in between (the same
          // person's own autosave racing their explicit save is not).
          input.version === null ? undefined : or(eq(checklists.version, input.version), input.actor.id ? eq(checklists.updatedBy, input.actor.id) : undefined),
          sql`exists (select 1 from ${evaluationRounds} r where r.id = ${checklists.roundId} and r.status = 'open')`,
        ),
      )
      .returning({ id: checklists.id, version: checklists.version, roundId: checklists.roundId });
    if (claimed.length === 0) return { ok: false as const, error: await whyNot(tx, input.checklistId, input.partyNumber) };
    const { id, version, roundId } = claimed[0];
    await writeAnswers(tx, id, roundId, input.answers, input.keyFigures);
    return { ok: true as const, version };
  });
}

async function whyNot(tx: Tx, checklistId: number, partyNumber: string): Promise<"notFound" | "locked" | "conflict"> {
  const [row] = await tx
    .select({ status: checklists.status, roundStatus: evaluationRounds.status })
    .from(checklists)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .where(and(eq(checklists.id, checklistId), eq(checklists.partyNumber, partyNumber)));
  if (!row) return "notFound";
  if (row.status !== "draft" || row.roundStatus !== "open") return "locked";
  return "conflict";
}

async function writeAnswers(tx: Tx, checklistId: number, roundId: number, answers: AnswerInput[], kf: Partial<KeyFigures>) {
  // Only measures of the round's plan are accepted.
  const valid = rowsOf<{ id: number }>(
    await tx.execute(sql`select m.id from measures m join evaluation_rounds r on r.plan_id = m.plan_id where r.id = ${roundId}`),
  ).map((r) => Number(r.id));
  const allowed = new Set(valid);
  // One upsert per shape (status and comment, status only, comment only): a field the input
  // leaves undefined keeps its stored value.
  const shapes = new Map<string, AnswerInput[]>();
  for (const a of answers) {
    if (!allowed.has(a.measureId) || (a.status === undefined && a.comment === undefined)) continue;
    const shape = `${a.status !== undefined}:${a.comment !== undefined}`;
    shapes.set(shape, [...(shapes.get(shape) ?? []), a]);
  }
  for (const group of shapes.values()) {
    const { status, comment } = group[0];
    await tx
      .insert(checklistAnswers)
      .values(group.map((a) => ({ checklistId, measureId: a.measureId, status: a.status ?? null, comment: a.comment ?? "" })))
      .onConflictDoUpdate({
        target: [checklistAnswers.checklistId, checklistAnswers.measureId],
        set: { ...(status !== undefined ? { status: sql`excluded.status` } : {}), ...(comment !== undefined ? { comment: sql`excluded.comment` } : {}) },
      });
  }
  const present = Object.fromEntries(Object.entries(kf).filter(([, v]) => v !== undefined)) as Partial<KeyFigures>;
  const insert = tx.insert(checklistKeyFigures).values({ checklistId, ...present });
  if (Object.keys(present).length) await insert.onConflictDoUpdate({ target: checklistKeyFigures.checklistId, set: present });
  else await insert.onConflictDoNothing();
}

/** Submits and locks. Every measure must have a status. */
export async function submitChecklist(input: { actor: Actor; checklistId: number; partyNumber: string }): Promise<
  { ok: true } | { ok: false; error: "notFound" | "locked" | "incomplete"; missing?: string[] }
> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: checklists.id, status: checklists.status, roundStatus: evaluationRounds.status, planId: evaluationRounds.planId })
      .from(checklists)
      .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
      .where(and(eq(checklists.id, input.checklistId), eq(checklists.partyNumber, input.partyNumber)))
      .for("update", { of: checklists });
    if (!row) return { ok: false as const, error: "notFound" as const };
    if (row.status !== "draft" || row.roundStatus !== "open") return { ok: false as const, error: "locked" as const };
    const measureRows = await planMeasures(row.planId, tx);
    const answered = new Set(
      (await tx.select({ measureId: checklistAnswers.measureId }).from(checklistAnswers).where(and(eq(checklistAnswers.checklistId, row.id), sql`${checklistAnswers.status} is not null`))).map(
        (a) => a.measureId,
      ),
    );
    const missing = measureRows.filter((m) => !answered.has(m.id)).map((m) => m.number);
    if (missing.length) return { ok: false as const, error: "incomplete" as const, missing };
    await tx
      .update(checklists)
      .set({ status: "submitted", submittedAt: new Date(), submittedBy: input.actor.id, version: sql`${checklists.version} + 1` })
      .where(and(eq(checklists.id, row.id), eq(checklists.partyNumber, input.partyNumber), eq(checklists.status, "draft")));
    await writeAudit({ actor: input.actor, action: "checklist.submit", entityType: "checklist", entityId: row.id, after: { status: "submitted", party: input.partyNumber } }, tx);
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Reminders

/**
 * Queues a reminder to every active reporter of every party that has not submitted, for open
 * rounds whose deadline is within `reminder_days_before` days of `now` (Norwegian date). One
 * query finds them; the outbox's dedupe key (round, party, reporter, day) keeps it to one a day.
 */
export async function sendChecklistReminders(now: Date, database: Db = db()): Promise<number> {
  const today = osloDate(now);
  const due = await database
    .select({
      roundId: evaluationRounds.id,
      roundTitle: evaluationRounds.title,
      deadline: evaluationRounds.deadline,
      partyNumber: checklists.partyNumber,
      checklistId: checklists.id,
      userId: users.id,
      email: users.email,
    })
    .from(evaluationRounds)
    .innerJoin(checklists, and(eq(checklists.roundId, evaluationRounds.id), eq(checklists.status, "draft")))
    .innerJoin(users, and(eq(users.partyNumber, checklists.partyNumber), eq(users.role, "reporter"), eq(users.active, true)))
    .where(
      and(
        eq(evaluationRounds.status, "open"),
        sql`${evaluationRounds.deadline} >= ${today}::date`,
        sql`${evaluationRounds.deadline} - ${today}::date <= ${evaluationRounds.reminderDaysBefore}`,
      ),
    );
  if (due.length === 0) return 0;
  const t = i18nFor("nn").getFixedT("nn", "plans");
  const base = env().APP_URL.replace(/\/$/, "");
  await database.transaction(async (tx) => {
    for (const d of due) {
      await enqueueMail(
        {
          kind: "checklist_reminder",
          to: d.email,
          subject: t("reminder.subject", { round: d.roundTitle }),
          text: t("reminder.text", { round: d.roundTitle, deadline: d.deadline, url: `${base}/sjekkliste/${d.checklistId}` }),
          dedupeKey: `checklist-reminder:${d.roundId}:${d.partyNumber}:${d.userId}:${today}`,
        },
        tx,
      );
    }
  });
  log("info", "checklist_reminders", { candidates: due.length });
  return due.length;
}

/** Checks for due reminders once an hour (and shortly after start-up). */
export function startChecklistReminders(intervalMs = 3_600_000) {
  startJob("checklist-reminders", () => sendChecklistReminders(new Date()), {
    everyMs: intervalMs,
    firstAfterMs: 10_000,
    onFailure: { level: "error", event: "checklist_reminders_failed" },
  });
}

export async function listPlansForRoundForm() {
  return db().select({ id: plans.id, slug: plans.slug, title: plans.title }).from(plans).orderBy(desc(plans.periodStart));
}

export async function roundsOfPlans(planIds: number[]) {
  if (planIds.length === 0) return [];
  return db().select().from(evaluationRounds).where(inArray(evaluationRounds.planId, planIds));
}

/**
 * Who may open a checklist: a reporter only their own party's (the scope goes into the query),
 * the secretariat every one (read-only). Everyone else: none.
 */
export function checklistScope(user: { role: string; partyNumber: string | null }): { partyNumber: string | null; canWrite: boolean } | null {
  if (user.role === "reporter" && user.partyNumber) return { partyNumber: user.partyNumber, canWrite: true };
  if (user.role === "secretariat") return { partyNumber: null, canWrite: false };
  return null;
}

/**
 * The one access check for a checklist URL: signed in, allowed by `checklistScope` (writing:
 * a reporter), and the checklist found within that scope — another party's is a 404.
 */
export async function requireChecklist(request: Request, rawId: string | undefined, options: { write?: boolean } = {}) {
  const user = await requireUser(request);
  const scope = checklistScope(user);
  if (!scope || (options.write && (!scope.canWrite || !scope.partyNumber))) forbidden();
  const id = parseId(rawId);
  const checklist = id == null ? null : await getChecklist({ checklistId: id, partyNumber: scope.partyNumber });
  if (!checklist) throw new Response("Not found", { status: 404 });
  return { user, scope, checklist };
}

export { parseId };


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date")
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, "errors.date");

export const roundFormSchema = z
  .object({
    planId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
    title: freeText({ max: 200, min: 3, required: true, singleLine: true }),
    description: freeText({ max: 1000 }),
    referenceDate: isoDate,
    deadline: isoDate,
    reminderDaysBefore: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z.string().regex(/^\d+$/, "errors.reminderDays").transform(Number).pipe(z.number().min(0, "errors.reminderDays").max(60, "errors.reminderDays")),
    ),
  })
  .refine((v) => v.deadline >= v.referenceDate, { path: ["deadline"], message: "errors.deadlineOrder" });

export async function getRoundStatus(roundId: number) {
  const [round] = await db().select({ status: evaluationRounds.status }).from(evaluationRounds).where(eq(evaluationRounds.id, roundId));
  return round?.status ?? null;
}
