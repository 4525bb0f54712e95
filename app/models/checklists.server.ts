/**
 * Evaluation rounds and checklists. A reporter reads and writes only the checklists of the parties
 * they report for (all their affiliations, `user_parties`): every query that touches a checklist
 * for a reporter carries `party_number in (<the user's parties>)` in its WHERE clause, so a crafted
 * URL or form post for another party finds nothing and writes nothing.
 *
 * Operations take `(actor, input)` (docs/decisions/009-one-feature-contract.md): they check the
 * actor's scope themselves and throw DomainError (forbidden, notFound, conflict, invalid).
 */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, rowsOf, type Db, type Tx } from "../../db/client";
import {
  answerStatus,
  checklistAnswers,
  checklistKeyFigures,
  checklists,
  type checklistStatus,
  evaluationRounds,
  parties,
  plans,
  type roundStatus,
  userParties,
  users,
} from "../../db/schema";
import { i18nFor } from "~/i18n";
import { writeAudit, type Actor as AuditActor } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { log } from "~/services/log.server";
import { enqueueMail } from "~/services/mail.server";
import { isoDateSchema, osloDate, osloDateTime } from "~/services/oslo-time";
import { notifyUsers, secretariatUserIds } from "./notices.server";
import { actorOf, type SessionUser } from "./actor";
import { planMeasures } from "./plans.server";
import { freeText, freeTextRule } from "./text-rules.server";
import { startJob } from "~/services/jobs.server";

export const ANSWER_STATUSES = answerStatus.enumValues;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const isAnswerStatus = (v: unknown): v is AnswerStatus => typeof v === "string" && (ANSWER_STATUSES as readonly string[]).includes(v);
export type RoundStatus = (typeof roundStatus.enumValues)[number];
export type ChecklistStatus = (typeof checklistStatus.enumValues)[number];

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

/**
 * Who acts on checklists: the signed-in user (role and party decide the scope), or — id null —
 * a script or test acting in a role without an account (audited under its name).
 */
export type ChecklistActor = Pick<SessionUser, "name" | "role" | "partyNumbers"> & { id: string | null };

const auditActor = (actor: ChecklistActor): AuditActor => (actor.id ? actorOf({ id: actor.id, name: actor.name }) : { id: null, label: actor.name });

/** @deprecated import osloDate from ~/services/oslo-time (kept for handlingsplanar.$slug.tiltak.$number.tsx). */
export { osloDate };

const forbidden = () => new DomainError("common:errors.forbiddenText", {}, { kind: "forbidden" });
const notFound = () => new DomainError("common:errors.notFoundText", {}, { kind: "notFound" });

function requireSecretariat(actor: ChecklistActor) {
  if (actor.role !== "secretariat") throw forbidden();
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

/** A form field read as one string (a repeated field: refused as invalid). */
const field = () => z.string({ invalid_type_error: "errors.invalid" });

const statusField = field()
  .trim()
  .refine((v) => v === "" || isAnswerStatus(v), "errors.unknownStatus")
  .transform((v) => (v === "" ? null : (v as AnswerStatus)));
const commentField = field().trim().max(MAX_COMMENT, "errors.commentTooLong").superRefine(freeTextRule());
const numberField = field().transform((v, ctx) => {
  const r = parseKeyFigureNumber(v);
  if ("error" in r) {
    ctx.addIssue({ code: "custom", message: `errors.${r.error}` });
    return z.NEVER;
  }
  return r.value;
});
const websiteField = field()
  .trim()
  .superRefine(freeTextRule({ singleLine: true }))
  .transform((v, ctx) => {
    const url = parseWebsiteUrl(v);
    if (url === null) {
      ctx.addIssue({ code: "custom", message: "errors.badUrl" });
      return z.NEVER;
    }
    return url;
  });
const keyFigureFields = {
  ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f, numberField.optional()])) as Record<NumberField, z.ZodOptional<typeof numberField>>),
  kePlacement: field().trim().max(500, "errors.textTooLong").superRefine(freeTextRule()).optional(),
  keOnWebsite: z
    .unknown()
    .transform((v) => (v === "yes" ? true : v === "no" ? false : null))
    .optional(),
  keWebsiteUrl: websiteField.optional(),
};
/** An explicit save carries the version it was rendered with; a missing or impossible one is stale (null). */
const versionField = z.unknown().transform((v) => {
  const n = typeof v === "string" && /^\d{1,10}$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 ? n : null;
});

/**
 * The checklist form: `status-<measureId>`, `comment-<measureId>`, the key figures, `version` and
 * `intent` (save, review, autosave; missing: save). Only the fields present in the post change
 * anything (issue 11, finding 18): an autosave that sends some fields leaves the others as
 * stored; a present, empty field clears its answer. Parse with `disableAutoCoercion` so that a
 * present, empty field stays "".
 */
export function checklistFormSchema(measureIds: number[]) {
  const answerFields: Record<string, z.ZodTypeAny> = {};
  for (const id of measureIds) {
    answerFields[`status-${id}`] = statusField.optional();
    answerFields[`comment-${id}`] = commentField.optional();
  }
  // The per-measure fields are checked at run time; their values are read back below by name.
  const base = z.object({ version: versionField, ...keyFigureFields }).extend(answerFields as Record<never, z.ZodTypeAny>);
  return z
    .preprocess(
      (v) => (v && typeof v === "object" && !("intent" in v) ? { ...v, intent: "save" } : v),
      z.discriminatedUnion("intent", [base.extend({ intent: z.literal("save") }), base.extend({ intent: z.literal("review") }), base.extend({ intent: z.literal("autosave") })]),
    )
    .transform((form) => {
      const values = form as unknown as Record<string, unknown>;
      const answers: AnswerInput[] = [];
      for (const id of measureIds) {
        const answer: AnswerInput = { measureId: id };
        if (values[`status-${id}`] !== undefined) answer.status = values[`status-${id}`] as AnswerStatus | null;
        if (values[`comment-${id}`] !== undefined) answer.comment = values[`comment-${id}`] as string;
        if (answer.status !== undefined || answer.comment !== undefined) answers.push(answer);
      }
      const keyFigures: Partial<KeyFigures> = {};
      for (const f of [...NUMBER_FIELDS, "kePlacement", "keOnWebsite", "keWebsiteUrl"] as const) {
        if (form[f] !== undefined) (keyFigures as Record<string, unknown>)[f] = form[f];
      }
      return { intent: form.intent, version: form.version, answers, keyFigures };
    });
}

export const roundFormSchema = z
  .object({
    planId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
    title: freeText({ max: 200, min: 3, required: true, singleLine: true }),
    description: freeText({ max: 1000 }),
    referenceDate: isoDateSchema("errors.date"),
    deadline: isoDateSchema("errors.date"),
    reminderDaysBefore: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z.string().regex(/^\d+$/, "errors.reminderDays").transform(Number).pipe(z.number().min(0, "errors.reminderDays").max(60, "errors.reminderDays")),
    ),
  })
  .refine((v) => v.deadline >= v.referenceDate, { path: ["deadline"], message: "errors.deadlineOrder" });
export type RoundInput = z.output<typeof roundFormSchema> & { status?: RoundStatus };

/** The round page's forms: close/open the round, reopen a submitted checklist, send reminders now. */
export const roundActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("open") }),
  z.object({
    intent: z.literal("reopen"),
    checklistId: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").positive("errors.invalid").max(2_147_483_647, "errors.invalid"),
  }),
  z.object({ intent: z.literal("remind") }),
]);

// ---------------------------------------------------------------------------------------------
// Rounds

/** Parties of a round: municipalities valid on the reference date, and the trust. */
export function partiesValidOn(referenceDate: string) {
  return and(lte(parties.validFrom, referenceDate), or(isNull(parties.validTo), sql`${parties.validTo} >= ${referenceDate}`));
}

/** The secretariat creates a round with one checklist per party valid on the reference date. */
export async function createRound(actor: ChecklistActor, input: RoundInput, database: Db = db()): Promise<{ id: number }> {
  requireSecretariat(actor);
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
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning();
    const round = inserted[0];
    if (!round) throw new DomainError("errors.roundTitleTaken", {}, { kind: "invalid", field: "title" });
    // One checklist per party valid on the reference date, in the same statement.
    await tx.execute(sql`
      insert into ${checklists} (round_id, party_number)
      select ${round.id}, ${parties.number} from ${parties} where ${partiesValidOn(input.referenceDate)}
      on conflict do nothing`);
    await writeAudit({ actor: auditActor(actor), action: "round.create", entityType: "evaluation_round", entityId: round.id, after: round }, tx);
    return { id: round.id };
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

/**
 * The checklist start page: a reporter sees their own party's checklists, everyone else the
 * rounds (the secretariat with links to each round's page).
 */
export async function checklistIndex(actor: ChecklistActor) {
  const own =
    actor.role === "reporter" && actor.partyNumbers.length > 0
      ? (await listPartyChecklists(actor.partyNumbers)).map((c) => ({ ...c, updatedAt: c.updatedAt?.toISOString() ?? null, submittedAt: c.submittedAt?.toISOString() ?? null }))
      : null;
  const rounds = actor.role === "reporter" ? [] : await listRounds({ includeOpen: true });
  return { own, rounds };
}

export type ChecklistState = "submitted" | "draft" | "nothing";

/** The round with every party's checklist state, for the secretariat's round page. */
export async function getRoundOverview(actor: ChecklistActor, input: { roundId: number }) {
  requireSecretariat(actor);
  const [round] = await db()
    .select({ round: evaluationRounds, planSlug: plans.slug, planTitle: plans.title })
    .from(evaluationRounds)
    .innerJoin(plans, eq(plans.id, evaluationRounds.planId))
    .where(eq(evaluationRounds.id, input.roundId));
  if (!round) throw notFound();
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
    .where(eq(checklists.roundId, input.roundId))
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

/** The secretariat opens or closes a round (audited); an unknown round is notFound. */
export async function setRoundStatus(actor: ChecklistActor, input: { roundId: number; status: RoundStatus }) {
  requireSecretariat(actor);
  await db().transaction(async (tx) => {
    const [before] = await tx.select().from(evaluationRounds).where(eq(evaluationRounds.id, input.roundId));
    if (!before) throw notFound();
    if (before.status === input.status) return;
    await tx
      .update(evaluationRounds)
      .set({ status: input.status, version: sql`${evaluationRounds.version} + 1` })
      .where(eq(evaluationRounds.id, input.roundId));
    await writeAudit(
      {
        actor: auditActor(actor),
        action: input.status === "open" ? "round.open" : "round.close",
        entityType: "evaluation_round",
        entityId: input.roundId,
        before: { status: before.status },
        after: { status: input.status },
      },
      tx,
    );
  });
}

/** The secretariat reopens a submitted checklist: it becomes a draft again (audited). Not a submitted checklist of the round: invalid. */
export async function reopenChecklist(actor: ChecklistActor, input: { roundId: number; checklistId: number }) {
  requireSecretariat(actor);
  await db().transaction(async (tx) => {
    const [updated] = await tx
      .update(checklists)
      .set({ status: "draft", submittedAt: null, submittedBy: null, version: sql`${checklists.version} + 1` })
      .where(and(eq(checklists.id, input.checklistId), eq(checklists.roundId, input.roundId), eq(checklists.status, "submitted")))
      .returning({ id: checklists.id, partyNumber: checklists.partyNumber });
    if (!updated) throw new DomainError("errors.invalid", {}, { kind: "invalid" });
    await writeAudit(
      {
        actor: auditActor(actor),
        action: "checklist.reopen",
        entityType: "checklist",
        entityId: updated.id,
        before: { status: "submitted" },
        after: { status: "draft", party: updated.partyNumber },
      },
      tx,
    );
  });
}

/** The secretariat sends the due reminders now (the hourly job does the same); returns how many. */
export async function remindNow(actor: ChecklistActor, now = new Date()) {
  requireSecretariat(actor);
  return sendChecklistReminders(now);
}

// ---------------------------------------------------------------------------------------------
// A party's checklists (reporters: always scoped by party in the WHERE clause)

export async function listPartyChecklists(partyNumbers: readonly string[]) {
  if (partyNumbers.length === 0) return [];
  return db()
    .select({
      id: checklists.id,
      partyNumber: checklists.partyNumber,
      partyName: parties.name,
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
    .innerJoin(parties, eq(parties.number, checklists.partyNumber))
    .where(inArray(checklists.partyNumber, [...partyNumbers]))
    .orderBy(desc(evaluationRounds.status), desc(evaluationRounds.deadline), asc(parties.name));
}

/**
 * One checklist with its round, measures, answers and key figures. `partyNumbers` scopes the query
 * (reporters: their parties); pass null only for the secretariat.
 */
export async function getChecklist(input: { checklistId: number; partyNumbers: readonly string[] | null }) {
  if (input.partyNumbers !== null && input.partyNumbers.length === 0) return null;
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
    .where(and(eq(checklists.id, input.checklistId), input.partyNumbers === null ? undefined : inArray(checklists.partyNumber, [...input.partyNumbers])));
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

/**
 * Who may open a checklist: a reporter only those of the parties they report for (the scope goes
 * into the query), the secretariat every one (read-only). Everyone else: none.
 */
export function checklistScope(user: { role: string; partyNumbers: readonly string[] }): { partyNumbers: readonly string[] | null; canWrite: boolean } | null {
  if (user.role === "reporter" && user.partyNumbers.length > 0) return { partyNumbers: user.partyNumbers, canWrite: true };
  if (user.role === "secretariat") return { partyNumbers: null, canWrite: false };
  return null;
}

/** The parties a reporter writes for (never empty); anyone else may not write (forbidden). */
function writerParties(actor: ChecklistActor): string[] {
  const scope = checklistScope(actor);
  if (!scope?.canWrite || !scope.partyNumbers || scope.partyNumbers.length === 0) throw forbidden();
  return [...scope.partyNumbers];
}

/**
 * The one access check for a checklist: allowed by `checklistScope` (writing: a reporter), and
 * the checklist found within that scope — another party's is notFound.
 */
export async function openChecklist(actor: ChecklistActor, input: { checklistId: number; write?: boolean }) {
  const scope = checklistScope(actor);
  if (!scope) throw forbidden();
  if (input.write) writerParties(actor);
  const checklist = await getChecklist({ checklistId: input.checklistId, partyNumbers: scope.partyNumbers });
  if (!checklist) throw notFound();
  return { checklist, canWrite: scope.canWrite, editable: checklist.editable && scope.canWrite };
}

/**
 * Saves a draft (a reporter, their own party). The UPDATE that claims the checklist is scoped by
 * id, party, status = draft and an open round (and the version, unless `lastWriteWins`): if it
 * matches nothing, nothing is written. An explicit save without a valid version is a conflict.
 */
export async function saveChecklistDraft(
  actor: ChecklistActor,
  input: { checklistId: number; version: number | null; lastWriteWins?: boolean; answers: AnswerInput[]; keyFigures: Partial<KeyFigures> },
  database: Db = db(),
): Promise<{ version: number }> {
  const partyNumbers = writerParties(actor);
  if (!input.lastWriteWins && input.version === null) throw new DomainError("errors.conflict", {}, { kind: "conflict" });
  const version = input.lastWriteWins ? null : input.version;
  return database.transaction(async (tx) => {
    const claimed = await tx
      .update(checklists)
      .set({ version: sql`${checklists.version} + 1`, updatedAt: new Date(), updatedBy: actor.id })
      .where(
        and(
          eq(checklists.id, input.checklistId),
          inArray(checklists.partyNumber, partyNumbers),
          eq(checklists.status, "draft"),
          // A stale version is a conflict only when someone else saved in between (the same
          // person's own autosave racing their explicit save is not).
          version === null ? undefined : or(eq(checklists.version, version), actor.id ? eq(checklists.updatedBy, actor.id) : undefined),
          sql`exists (select 1 from ${evaluationRounds} r where r.id = ${checklists.roundId} and r.status = 'open')`,
        ),
      )
      .returning({ id: checklists.id, version: checklists.version, roundId: checklists.roundId });
    const row = claimed[0];
    if (!row) throw await whyNot(tx, input.checklistId, partyNumbers);
    await writeAnswers(tx, row.id, row.roundId, input.answers, input.keyFigures);
    return { version: row.version };
  });
}

async function whyNot(tx: Tx, checklistId: number, partyNumbers: string[]): Promise<DomainError> {
  const [row] = await tx
    .select({ status: checklists.status, roundStatus: evaluationRounds.status })
    .from(checklists)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .where(and(eq(checklists.id, checklistId), inArray(checklists.partyNumber, partyNumbers)));
  if (!row) return notFound();
  if (row.status !== "draft" || row.roundStatus !== "open") return new DomainError("errors.locked", {}, { kind: "conflict" });
  return new DomainError("errors.conflict", {}, { kind: "conflict" });
}

async function writeAnswers(tx: Tx, checklistId: number, roundId: number, answers: AnswerInput[], kf: Partial<KeyFigures>) {
  // Only measures of the round's plan are accepted.
  const valid = rowsOf<{ id: number }>(await tx.execute(sql`select m.id from measures m join evaluation_rounds r on r.plan_id = m.plan_id where r.id = ${roundId}`)).map((r) =>
    Number(r.id),
  );
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
    const { status, comment } = group[0]!;
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

/**
 * Submits and locks (a reporter, their own party). Every measure must have a status: otherwise
 * invalid "submit.incomplete" with the missing measures' numbers in `list`.
 */
export async function submitChecklist(actor: ChecklistActor, input: { checklistId: number }): Promise<void> {
  const partyNumbers = writerParties(actor);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: checklists.id, partyNumber: checklists.partyNumber, status: checklists.status, roundStatus: evaluationRounds.status, planId: evaluationRounds.planId })
      .from(checklists)
      .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
      .where(and(eq(checklists.id, input.checklistId), inArray(checklists.partyNumber, partyNumbers)))
      .for("update", { of: checklists });
    if (!row) throw notFound();
    if (row.status !== "draft" || row.roundStatus !== "open") throw new DomainError("submit.locked", {}, { kind: "conflict" });
    const measureRows = await planMeasures(row.planId, tx);
    const answered = new Set(
      (
        await tx
          .select({ measureId: checklistAnswers.measureId })
          .from(checklistAnswers)
          .where(and(eq(checklistAnswers.checklistId, row.id), sql`${checklistAnswers.status} is not null`))
      ).map((a) => a.measureId),
    );
    const missing = measureRows.filter((m) => !answered.has(m.id)).map((m) => m.number);
    if (missing.length) throw new DomainError("submit.incomplete", { list: missing.join(", ") }, { kind: "invalid" });
    const submittedAt = new Date();
    await tx
      .update(checklists)
      .set({ status: "submitted", submittedAt, submittedBy: actor.id, version: sql`${checklists.version} + 1` })
      .where(and(eq(checklists.id, row.id), eq(checklists.partyNumber, row.partyNumber), eq(checklists.status, "draft")));
    await writeAudit(
      { actor: auditActor(actor), action: "checklist.submit", entityType: "checklist", entityId: row.id, after: { status: "submitted", party: row.partyNumber } },
      tx,
    );
    await noticeChecklistSubmitted(tx, { checklistId: row.id, partyNumber: row.partyNumber, submittedAt });
  });
}

/**
 * The receipt to the party's reporters (with how the measures stand) and the notice to the
 * secretariat, in the submission's transaction.
 */
async function noticeChecklistSubmitted(tx: Tx, c: { checklistId: number; partyNumber: string; submittedAt: Date }) {
  const [about] = await tx
    .select({ party: parties.name, round: evaluationRounds.title })
    .from(checklists)
    .innerJoin(parties, eq(parties.number, checklists.partyNumber))
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .where(eq(checklists.id, c.checklistId));
  const counts = await tx
    .select({ status: checklistAnswers.status, n: sql<number>`count(*)::int` })
    .from(checklistAnswers)
    .where(and(eq(checklistAnswers.checklistId, c.checklistId), sql`${checklistAnswers.status} is not null`))
    .groupBy(checklistAnswers.status);
  const reporters = await tx
    .select({ id: users.id })
    .from(userParties)
    .innerJoin(users, and(eq(users.id, userParties.userId), eq(users.role, "reporter")))
    .where(eq(userParties.partyNumber, c.partyNumber));
  const t = i18nFor("nn").getFixedT("nn", "plans");
  const what = `${about?.party ?? c.partyNumber}, ${about?.round ?? ""}`;
  const summary = answerStatus.enumValues.map((s) => `${t(`answerStatus.${s}`)}: ${counts.find((r) => r.status === s)?.n ?? 0}`).join(", ");
  const sentAt = osloDateTime(c.submittedAt);
  await notifyUsers(tx, {
    kind: "checklist_submitted",
    userIds: reporters.map((r) => r.id),
    subject: `Kvittering: sjekklista for ${what} er send inn`,
    lines: [`Sjekklista for ${what} vart send inn ${sentAt}. Ho er no låst.`, `Status for tiltaka: ${summary}.`],
    path: `/sjekkliste/${c.checklistId}`,
    dedupeKey: `checklist_submitted:receipt:${c.checklistId}:${c.submittedAt.getTime()}`,
  });
  await notifyUsers(tx, {
    kind: "checklist_submitted",
    userIds: await secretariatUserIds(tx),
    subject: `Sjekkliste send inn: ${what}`,
    lines: [`Sjekklista for ${what} vart send inn ${sentAt}.`, `Status for tiltaka: ${summary}.`],
    path: `/sjekkliste/${c.checklistId}`,
    dedupeKey: `checklist_submitted:${c.checklistId}:${c.submittedAt.getTime()}`,
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
    .innerJoin(userParties, eq(userParties.partyNumber, checklists.partyNumber))
    .innerJoin(users, and(eq(users.id, userParties.userId), eq(users.role, "reporter"), eq(users.active, true)))
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
