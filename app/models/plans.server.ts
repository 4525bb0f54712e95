/**
 * Action plans (handlingsplanar), goals (mål) and measures (tiltak): listing, creation, measure
 * updates with optimistic concurrency, milestones, links to cases and the measure's history
 * (from the audit trail, entityType "measure"). All queries for plans live here.
 */
import type { MessageKey } from "~/i18n";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Db, type Tx } from "../../db/client";
import { assertRow, requireRow } from "../../db/rows";
import {
  auditLog,
  bodies,
  cases,
  goals,
  measureCaseLinks,
  measureMilestones,
  measureResponsible,
  measures,
  measureStatus,
  plans,
  planStatus,
  type Localized,
} from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { isIsoDate, osloDate } from "~/services/oslo-time";
import { parseId } from "~/services/ids";
import { slugify } from "~/services/slug";
import { actorOf, type SessionUser } from "~/models/actor";
import { canEditPlan } from "./access";
import { openBodyOn } from "./bodies-sql.server";
import { isUuid } from "./case-workflow.server";
import { freeText } from "./text-rules.server";
import { findPublicCase, publicCaseSummaries } from "./public-cases.server";
import "~/i18n/plans"; // the codes this module throws are keys of this namespace

// The value lists come from the schema's enums (one source): labels are in app/i18n/plans.ts.
export const MEASURE_STATUSES = measureStatus.enumValues;
export const MEASURE_RESPONSIBLE = measureResponsible.enumValues;
export const PLAN_STATUSES = planStatus.enumValues;

/** Secretariat, or a current member of the plan's owning body (or of the goal's body): app/models/access.ts. */
export { canEditPlan };

export async function listPlans() {
  const rows = await db()
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      status: plans.status,
      reconstructed: plans.reconstructed,
      ownerName: bodies.name,
      ownerShort: bodies.shortName,
      measureCount: sql<number>`(select count(*)::int from ${measures} where ${measures.planId} = ${plans.id})`,
    })
    .from(plans)
    .leftJoin(bodies, eq(bodies.id, plans.ownerBodyId))
    .orderBy(desc(plans.periodStart), asc(plans.slug));
  return rows;
}

export async function listBodiesForSelect() {
  return db().select({ id: bodies.id, shortName: bodies.shortName, name: bodies.name }).from(bodies).where(openBodyOn(osloDate())).orderBy(asc(bodies.id));
}

export async function getPlan(slug: string) {
  const [plan] = await db()
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      status: plans.status,
      reconstructed: plans.reconstructed,
      sourceNote: plans.sourceNote,
      ownerBodyId: plans.ownerBodyId,
      ownerName: bodies.name,
    })
    .from(plans)
    .leftJoin(bodies, eq(bodies.id, plans.ownerBodyId))
    .where(eq(plans.slug, slug));
  if (!plan) return null;
  const [goalRows, measureRows] = await Promise.all([
    db().select().from(goals).where(eq(goals.planId, plan.id)).orderBy(asc(goals.number)),
    db()
      .select({
        id: measures.id,
        goalId: measures.goalId,
        number: measures.number,
        title: measures.title,
        responsible: measures.responsible,
        status: measures.status,
        progress: measures.progress,
      })
      .from(measures)
      .where(eq(measures.planId, plan.id)),
  ]);
  measureRows.sort(compareMeasureNumbers);
  return { plan, goals: goalRows.map((g) => ({ ...g, measures: measureRows.filter((m) => m.goalId === g.id) })) };
}

/** "1.2" before "1.10". */
export function compareMeasureNumbers(a: { number: string }, b: { number: string }) {
  const pa = a.number.split(".").map(Number);
  const pb = b.number.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.number.localeCompare(b.number);
}

/** "1.1" → "tiltak-1-1": the anchor of a measure on the plan page. */
export const measureAnchor = (number: string) => `tiltak-${number.replace(/\./g, "-")}`;

const fill = (nn: string, nb?: string, en?: string): Localized => ({ nn, nb: nb?.trim() || nn, en: en?.trim() || nn });

// ---------------------------------------------------------------------------------------------
// Permissions: the operations below check them themselves (docs/decisions/009-one-feature-contract.md).

const forbiddenError = () => new DomainError("plans:errors.forbidden", {}, { kind: "forbidden" });
const notFoundError = () => new DomainError("plans:errors.notFound", {}, { kind: "notFound" });

/** The plan to edit by its slug: notFound when there is none, forbidden when the actor may not edit it. */
export async function planForEditing(actor: SessionUser, slug: string, database: Db | Tx = db()) {
  const [plan] = await database.select({ id: plans.id, slug: plans.slug, ownerBodyId: plans.ownerBodyId }).from(plans).where(eq(plans.slug, slug));
  if (!plan) throw notFoundError();
  if (!canEditPlan(actor, plan)) throw forbiddenError();
  return plan;
}

/** The measure to edit by its plan's slug and its number (or its id): notFound, or forbidden unless the actor may edit it. */
export async function measureForEditing(actor: SessionUser, at: { slug: string; number: string } | { measureId: number }, database: Db | Tx = db()) {
  const [row] = await database
    .select({ id: measures.id, number: measures.number, planSlug: plans.slug, ownerBodyId: plans.ownerBodyId, goalBodyId: goals.bodyId })
    .from(measures)
    .innerJoin(plans, eq(plans.id, measures.planId))
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .where("measureId" in at ? eq(measures.id, at.measureId) : and(eq(plans.slug, at.slug), eq(measures.number, at.number)));
  if (!row) throw notFoundError();
  if (!canEditPlan(actor, row, row.goalBodyId)) throw forbiddenError();
  return { id: row.id, number: row.number, planSlug: row.planSlug };
}

/** Only the secretariat creates plans. */
export function requirePlanCreator(actor: SessionUser): void {
  if (actor.role !== "secretariat") throw forbiddenError();
}

export type PlanInput = z.output<typeof planFormSchema>;

/** A body chosen in a form must exist (else the field's error, not a foreign-key failure). */
async function requireBody(tx: Tx, id: number | null | undefined, field: string, code: MessageKey = "errors.invalid") {
  if (id == null) return;
  const [body] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, id));
  if (!body) throw new DomainError(code, {}, { kind: "invalid", field });
}

/** A new plan (secretariat only); without a slug, one from the title and the period. Throws slugTaken on the slug field. */
export async function createPlan(actor: SessionUser, input: PlanInput): Promise<{ slug: string }> {
  requirePlanCreator(actor);
  const slug = input.slug || `${slugify(input.titleNn, { maxLength: 50, fallback: "plan" })}-${input.periodStart.slice(0, 4)}-${input.periodEnd.slice(0, 4)}`;
  return db().transaction(async (tx) => {
    await requireBody(tx, input.ownerBodyId, "ownerBodyId", "errors.required");
    const [plan] = await tx
      .insert(plans)
      .values({
        slug,
        title: fill(input.titleNn, input.titleNb, input.titleEn),
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        ownerBodyId: input.ownerBodyId,
        status: input.status,
      })
      .onConflictDoNothing()
      .returning();
    if (!plan) throw new DomainError("plans:errors.slugTaken", {}, { kind: "invalid", field: "slug" });
    await writeAudit({ actor: actorOf(actor), action: "plan.create", entityType: "plan", entityId: plan.id, after: plan }, tx);
    return { slug };
  });
}

/** A goal at the end of the plan's goals (editors of the plan). */
export async function addGoal(actor: SessionUser, input: { planSlug: string } & z.output<typeof goalFormSchema>) {
  return db().transaction(async (tx) => {
    const plan = await planForEditing(actor, input.planSlug, tx);
    const { next } = requireRow(
      await tx
        .select({ next: sql<number>`coalesce(max(${goals.number}), 0)::int + 1` })
        .from(goals)
        .where(eq(goals.planId, plan.id)),
      "next goal number",
    );
    const [goal] = await tx
      .insert(goals)
      .values({ planId: plan.id, number: next, title: fill(input.goalTitle) })
      .returning();
    assertRow(goal, "goal");
    await writeAudit({ actor: actorOf(actor), action: "goal.create", entityType: "plan", entityId: plan.id, after: goal }, tx);
    return goal;
  });
}

/** A measure numbered after the goal's last (editors of the plan); a goal of another plan is refused on goalId. */
export async function addMeasure(actor: SessionUser, input: { planSlug: string } & z.output<typeof measureCreateSchema>) {
  return db().transaction(async (tx) => {
    const plan = await planForEditing(actor, input.planSlug, tx);
    const [goal] = await tx
      .select()
      .from(goals)
      .where(and(eq(goals.id, input.goalId), eq(goals.planId, plan.id)));
    if (!goal) throw new DomainError("errors.required", {}, { kind: "invalid", field: "goalId" });
    if (input.responsible === "body") await requireBody(tx, input.responsibleBodyId, "responsibleBodyId");
    const { n } = requireRow(await tx.select({ n: count() }).from(measures).where(eq(measures.goalId, goal.id)), "measure count");
    const number = `${goal.number}.${Number(n) + 1}`;
    const [measure] = await tx
      .insert(measures)
      .values({
        planId: plan.id,
        goalId: goal.id,
        number,
        title: fill(input.measureTitle),
        description: fill(input.measureDescription),
        responsible: input.responsible,
        responsibleBodyId: input.responsible === "body" ? (input.responsibleBodyId ?? null) : null,
        updatedBy: actor.id,
      })
      .returning();
    assertRow(measure, "measure");
    await writeAudit({ actor: actorOf(actor), action: "measure.create", entityType: "measure", entityId: measure.id, after: measureAuditView(measure) }, tx);
    return { ...measure, anchor: measureAnchor(measure.number) };
  });
}

function measureAuditView(m: typeof measures.$inferSelect) {
  return {
    title: m.title.nn,
    description: m.description.nn,
    responsible: m.responsible,
    responsibleBodyId: m.responsibleBodyId,
    status: m.status,
    progress: m.progress,
  };
}

export async function getMeasure(slug: string, number: string) {
  const [row] = await db()
    .select({
      measure: measures,
      goal: { id: goals.id, number: goals.number, title: goals.title, bodyId: goals.bodyId },
      plan: { id: plans.id, slug: plans.slug, title: plans.title, ownerBodyId: plans.ownerBodyId, reconstructed: plans.reconstructed },
      responsibleBodyName: bodies.name,
    })
    .from(measures)
    .innerJoin(plans, eq(plans.id, measures.planId))
    .innerJoin(goals, eq(goals.id, measures.goalId))
    .leftJoin(bodies, eq(bodies.id, measures.responsibleBodyId))
    .where(and(eq(plans.slug, slug), eq(measures.number, number)));
  if (!row) return null;
  const id = row.measure.id;
  const [milestones, links, history] = await Promise.all([
    db().select().from(measureMilestones).where(eq(measureMilestones.measureId, id)).orderBy(asc(measureMilestones.dueDate), asc(measureMilestones.id)),
    publicLinks(id),
    db()
      .select({ id: auditLog.id, at: auditLog.at, actorLabel: auditLog.actorLabel, action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "measure"), eq(auditLog.entityId, String(id))))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(200),
  ]);
  // The history as the page shows it: when, who (the editor's name), what changed; not the raw
  // audit snapshots (they may hold ids).
  return {
    ...row,
    milestones,
    links,
    history: history.map((h) => ({ id: h.id, at: h.at.toISOString(), actorLabel: h.actorLabel, action: h.action, changes: diff(h.before, h.after) })),
  };
}

/**
 * The cases linked to a measure, through the public projection: only public cases, a withheld
 * title as its legal basis. The case id is kept for the editors' unlink form only.
 */
async function publicLinks(measureId: number) {
  const rows = await db().select({ caseId: measureCaseLinks.caseId }).from(measureCaseLinks).where(eq(measureCaseLinks.measureId, measureId));
  const summaries = await publicCaseSummaries(rows.map((r) => r.caseId));
  return rows
    .flatMap((r) => {
      const c = summaries.get(r.caseId);
      return c ? [{ caseId: r.caseId, ...c }] : [];
    })
    .sort((a, b) => a.reference.localeCompare(b.reference));
}

/** The fields that changed between two audit snapshots, for the history list. */
function diff(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const out: { field: string; from: string; to: string }[] = [];
  for (const k of keys) {
    if (k === "caseId") continue; // an internal id (older unlink entries): the reference is in "case"
    const from = b[k] == null ? "" : typeof b[k] === "object" ? JSON.stringify(b[k]) : String(b[k]);
    const to = a[k] == null ? "" : typeof a[k] === "object" ? JSON.stringify(a[k]) : String(a[k]);
    if (from !== to) out.push({ field: k, from: from.slice(0, 300), to: to.slice(0, 300) });
  }
  return out;
}

export type MeasureUpdate = Omit<z.output<typeof measureUpdateSchema>, "intent">;

/** Optimistic concurrency: the update applies only if `version` is still current (else a conflict). */
export async function updateMeasure(actor: SessionUser, input: { measureId: number } & MeasureUpdate): Promise<{ version: number }> {
  return db().transaction(async (tx) => {
    await measureForEditing(actor, { measureId: input.measureId }, tx);
    const conflict = () => new DomainError("plans:errors.conflict", {}, { kind: "conflict" });
    const [current] = await tx.select().from(measures).where(eq(measures.id, input.measureId));
    if (!current || current.version !== input.version) throw conflict();
    if (input.responsible === "body") await requireBody(tx, input.responsibleBodyId, "responsibleBodyId");
    const [updated] = await tx
      .update(measures)
      .set({
        title: { ...current.title, nn: input.title },
        description: { ...current.description, nn: input.description },
        responsible: input.responsible,
        responsibleBodyId: input.responsible === "body" ? input.responsibleBodyId : null,
        status: input.status,
        progress: input.progress,
        version: sql`${measures.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.id,
      })
      .where(and(eq(measures.id, input.measureId), eq(measures.version, input.version)))
      .returning();
    if (!updated) throw conflict();
    await writeAudit(
      { actor: actorOf(actor), action: "measure.update", entityType: "measure", entityId: updated.id, before: measureAuditView(current), after: measureAuditView(updated) },
      tx,
    );
    return { version: updated.version };
  });
}

export async function addMilestone(actor: SessionUser, input: { measureId: number } & Omit<z.output<typeof milestoneSchema>, "intent">) {
  await db().transaction(async (tx) => {
    await measureForEditing(actor, { measureId: input.measureId }, tx);
    const [m] = await tx.insert(measureMilestones).values({ measureId: input.measureId, title: input.milestoneTitle, dueDate: input.dueDate }).returning();
    assertRow(m, "milestone");
    await writeAudit({ actor: actorOf(actor), action: "milestone.add", entityType: "measure", entityId: input.measureId, after: { milestone: m.title, dueDate: m.dueDate } }, tx);
  });
}

/** Marks a milestone done today (in Oslo) or not done; a milestone of another measure is left alone. */
export async function setMilestoneDone(actor: SessionUser, input: { measureId: number; milestoneId: number; done: boolean }) {
  await db().transaction(async (tx) => {
    await measureForEditing(actor, { measureId: input.measureId }, tx);
    const [m] = await tx
      .update(measureMilestones)
      .set({ doneDate: input.done ? osloDate() : null })
      .where(and(eq(measureMilestones.id, input.milestoneId), eq(measureMilestones.measureId, input.measureId)))
      .returning();
    if (!m) return;
    await writeAudit(
      {
        actor: actorOf(actor),
        action: input.done ? "milestone.done" : "milestone.undone",
        entityType: "measure",
        entityId: input.measureId,
        after: { milestone: m.title, doneDate: m.doneDate },
      },
      tx,
    );
  });
}

export async function removeMilestone(actor: SessionUser, input: { measureId: number; milestoneId: number }) {
  await db().transaction(async (tx) => {
    await measureForEditing(actor, { measureId: input.measureId }, tx);
    const [m] = await tx
      .delete(measureMilestones)
      .where(and(eq(measureMilestones.id, input.milestoneId), eq(measureMilestones.measureId, input.measureId)))
      .returning();
    if (!m) return;
    await writeAudit(
      { actor: actorOf(actor), action: "milestone.remove", entityType: "measure", entityId: input.measureId, before: { milestone: m.title, dueDate: m.dueDate } },
      tx,
    );
  });
}

/**
 * Links a public case by its reference ("HFMR-2024-0007", any case): the link publishes the case's
 * public summary on the measure page, so only a case the public projection returns can be linked.
 * caseNotFound on caseReference when there is none, the same whether no case has the reference or
 * the case is not public. true when linked (or linked already).
 */
export async function linkCase(actor: SessionUser, input: { measureId: number; caseReference: string }): Promise<true> {
  return db().transaction(async (tx) => {
    await measureForEditing(actor, { measureId: input.measureId }, tx);
    const c = await findPublicCase(input.caseReference.trim().toUpperCase().slice(0, 40), tx);
    if (!c) throw new DomainError("plans:errors.caseNotFound", {}, { kind: "invalid", field: "caseReference" });
    const inserted = await tx.insert(measureCaseLinks).values({ measureId: input.measureId, caseId: c.id, createdBy: actor.id }).onConflictDoNothing().returning();
    if (inserted.length) await writeAudit({ actor: actorOf(actor), action: "case.link", entityType: "measure", entityId: input.measureId, after: { case: c.reference } }, tx);
    return true as const;
  });
}

export async function unlinkCase(actor: SessionUser, input: { measureId: number; caseId: string }) {
  await db().transaction(async (tx) => {
    await measureForEditing(actor, { measureId: input.measureId }, tx);
    if (!isUuid(input.caseId)) return; // no such link: nothing to remove
    const removed = await tx
      .delete(measureCaseLinks)
      .where(and(eq(measureCaseLinks.measureId, input.measureId), eq(measureCaseLinks.caseId, input.caseId)))
      .returning();
    if (!removed.length) return;
    // The history names the case by its reference (as case.link does), not by its id.
    const [c] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, input.caseId));
    await writeAudit({ actor: actorOf(actor), action: "case.unlink", entityType: "measure", entityId: input.measureId, before: { case: c?.reference ?? null } }, tx);
  });
}

/** Measures of a plan in number order (checklists, exports). */
export async function planMeasures(planId: number, database: Db | Tx = db()) {
  const rows = await database.select({ id: measures.id, number: measures.number, title: measures.title }).from(measures).where(eq(measures.planId, planId));
  return rows.sort(compareMeasureNumbers);
}

// ---------------------------------------------------------------------------------------------
// Form schemas (parsed in the routes with conform's parseWithZod; messages are i18n keys in "plans").
// The routes parse with `disableAutoCoercion` (these schemas coerce themselves, and an empty field
// stays ""); `blank` reads a field that was not sent at all as empty, so that it fails the field's
// own check with its message and the form's cross-field checks (period order) still run.
const blank = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => v ?? "", schema);

/** A real calendar date YYYY-MM-DD (the one check in ~/services/oslo-time). */
const isoDate = blank(z.string({ invalid_type_error: "errors.date" }).trim().refine(isIsoDate, "errors.date"));
const requiredId = blank(z.coerce.number({ invalid_type_error: "errors.required" }).int("errors.required").positive("errors.required").max(2_147_483_647, "errors.required"));
/** A database id in a form field (a milestone's); anything else is invalid. */
const formId = z.string({ required_error: "errors.invalid", invalid_type_error: "errors.invalid" }).transform((v, ctx) => {
  const id = parseId(v);
  if (id == null) ctx.addIssue({ code: "custom", message: "errors.invalid" });
  return id ?? 0;
});
// Every text goes through the one free-text rule (text-rules.ts): no national identity number in
// any spelling, no control characters; titles are one line.
const optionalText = (max: number, singleLine = false) => freeText({ max, singleLine });
const requiredTitle = (min: number) => blank(freeText({ max: 300, min, required: true, singleLine: true }));
const responsibleField = z.enum(MEASURE_RESPONSIBLE, { errorMap: () => ({ message: "errors.required" }) });

export const planFormSchema = z
  .object({
    titleNn: requiredTitle(3),
    titleNb: optionalText(300, true),
    titleEn: optionalText(300, true),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(80, "errors.textTooLong")
      .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "errors.slug")
      .optional()
      .default(""),
    periodStart: isoDate,
    periodEnd: isoDate,
    ownerBodyId: requiredId,
    status: z.enum(PLAN_STATUSES, { errorMap: () => ({ message: "errors.required" }) }),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ["periodEnd"], message: "errors.periodOrder" });

export const goalFormSchema = z.object({
  intent: z.literal("addGoal"),
  goalTitle: requiredTitle(3),
});

export const measureCreateSchema = z.object({
  intent: z.literal("addMeasure"),
  goalId: requiredId,
  measureTitle: requiredTitle(3),
  measureDescription: optionalText(4000),
  responsible: responsibleField,
  responsibleBodyId: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").positive("errors.invalid").max(2_147_483_647, "errors.invalid").optional(),
  ),
});

/** The plan page's forms: one schema, one branch per intent. */
export const planPageSchema = z.discriminatedUnion("intent", [goalFormSchema, measureCreateSchema]);

export const measureUpdateSchema = z.object({
  intent: z.literal("update"),
  version: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").positive("errors.invalid").max(2_147_483_647, "errors.invalid"),
  title: requiredTitle(3),
  description: optionalText(4000),
  responsible: responsibleField,
  responsibleBodyId: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").positive("errors.invalid").max(2_147_483_647, "errors.invalid").nullable(),
  ),
  status: z.enum(MEASURE_STATUSES, { errorMap: () => ({ message: "errors.required" }) }),
  progress: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ required_error: "errors.progress", invalid_type_error: "errors.progress" })
      .regex(/^\d+$/, "errors.progress")
      .transform(Number)
      .pipe(z.number().min(0, "errors.progress").max(100, "errors.progress")),
  ),
});

export const milestoneSchema = z.object({
  intent: z.literal("addMilestone"),
  milestoneTitle: requiredTitle(2),
  dueDate: isoDate,
});

/** The measure page's forms: one schema, one branch per intent. */
export const measurePageSchema = z.discriminatedUnion("intent", [
  measureUpdateSchema,
  milestoneSchema,
  z.object({ intent: z.enum(["milestoneDone", "milestoneUndone", "removeMilestone"]), milestoneId: formId }),
  z.object({
    intent: z.literal("linkCase"),
    caseReference: z.string({ required_error: "errors.required", invalid_type_error: "errors.required" }).trim().min(1, "errors.required"),
  }),
  // An id that is no link removes nothing (unlinkCase checks it): not a field the user typed.
  z.object({
    intent: z.literal("unlinkCase"),
    caseId: z
      .string()
      .optional()
      .default("")
      .transform((v) => v.slice(0, 40)),
  }),
]);
