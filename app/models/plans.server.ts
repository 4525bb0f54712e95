/**
 * Action plans (handlingsplanar), goals (mål) and measures (tiltak): listing, creation, measure
 * updates with optimistic concurrency, milestones, links to cases and the measure's history
 * (from the audit trail, entityType "measure"). All queries for plans live here.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Db, type Tx } from "../../db/client";
import {
  auditLog,
  bodies,
  cases,
  goals,
  measureCaseLinks,
  measureMilestones,
  measures,
  plans,
  type Localized,
} from "../../db/schema";
import { writeAudit, type Actor } from "~/services/audit.server";
import type { SessionUser } from "~/models/actor";
import { isUuid } from "./case-workflow.server";
import { freeText } from "./text-rules.server";
import { findPublicCase, publicCaseSummaries } from "./public-cases.server";

export const MEASURE_STATUSES = ["not_started", "in_progress", "done", "stopped"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const MEASURE_RESPONSIBLE = ["trust", "municipalities", "both", "working_group", "body"] as const;
export type MeasureResponsible = (typeof MEASURE_RESPONSIBLE)[number];
export const PLAN_STATUSES = ["draft", "active", "completed"] as const;

/** Secretariat, or a member of the plan's owning body (or of the goal's body). */
export function canEditPlan(user: SessionUser | null, plan: { ownerBodyId: number | null }, goalBodyId?: number | null): boolean {
  if (!user) return false;
  if (user.role === "secretariat") return true;
  return user.memberships.some((m) => m.bodyId === plan.ownerBodyId || (goalBodyId != null && m.bodyId === goalBodyId));
}

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
  return db().select({ id: bodies.id, shortName: bodies.shortName, name: bodies.name }).from(bodies).where(eq(bodies.active, true)).orderBy(asc(bodies.id));
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

export async function createPlan(input: {
  actor: Actor;
  slug: string;
  title: { nn: string; nb?: string; en?: string };
  periodStart: string;
  periodEnd: string;
  ownerBodyId: number | null;
  status: (typeof PLAN_STATUSES)[number];
}): Promise<{ ok: true; slug: string } | { ok: false; error: "slugTaken" }> {
  return db().transaction(async (tx) => {
    const inserted = await tx
      .insert(plans)
      .values({
        slug: input.slug,
        title: fill(input.title.nn, input.title.nb, input.title.en),
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        ownerBodyId: input.ownerBodyId,
        status: input.status,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return { ok: false as const, error: "slugTaken" as const };
    await writeAudit({ actor: input.actor, action: "plan.create", entityType: "plan", entityId: inserted[0].id, after: inserted[0] }, tx);
    return { ok: true as const, slug: input.slug };
  });
}

export async function addGoal(input: { actor: Actor; planId: number; title: { nn: string; nb?: string; en?: string } }) {
  return db().transaction(async (tx) => {
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${goals.number}), 0)::int + 1` })
      .from(goals)
      .where(eq(goals.planId, input.planId));
    const [goal] = await tx.insert(goals).values({ planId: input.planId, number: next, title: fill(input.title.nn, input.title.nb, input.title.en) }).returning();
    await writeAudit({ actor: input.actor, action: "goal.create", entityType: "plan", entityId: input.planId, after: goal }, tx);
    return goal;
  });
}

export async function addMeasure(input: {
  actor: Actor;
  planId: number;
  goalId: number;
  title: { nn: string; nb?: string; en?: string };
  description: string;
  responsible: MeasureResponsible;
  responsibleBodyId: number | null;
}) {
  return db().transaction(async (tx) => {
    const [goal] = await tx.select().from(goals).where(and(eq(goals.id, input.goalId), eq(goals.planId, input.planId)));
    if (!goal) return null;
    const [{ n }] = await tx.select({ n: count() }).from(measures).where(eq(measures.goalId, goal.id));
    const number = `${goal.number}.${Number(n) + 1}`;
    const [measure] = await tx
      .insert(measures)
      .values({
        planId: input.planId,
        goalId: goal.id,
        number,
        title: fill(input.title.nn, input.title.nb, input.title.en),
        description: fill(input.description),
        responsible: input.responsible,
        responsibleBodyId: input.responsibleBodyId,
        updatedBy: input.actor.id,
      })
      .returning();
    await writeAudit({ actor: input.actor, action: "measure.create", entityType: "measure", entityId: measure.id, after: measureAuditView(measure) }, tx);
    return measure;
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

export type MeasureUpdate = {
  title: string;
  description: string;
  responsible: MeasureResponsible;
  responsibleBodyId: number | null;
  status: MeasureStatus;
  progress: number;
};

/** Optimistic concurrency: the update applies only if `version` is still current. */
export async function updateMeasure(input: { actor: Actor; measureId: number; version: number; values: MeasureUpdate }): Promise<{ ok: true; version: number } | { ok: false; error: "conflict" }> {
  return db().transaction(async (tx) => {
    const [current] = await tx.select().from(measures).where(eq(measures.id, input.measureId));
    if (!current || current.version !== input.version) return { ok: false as const, error: "conflict" as const };
    const v = input.values;
    const [updated] = await tx
      .update(measures)
      .set({
        title: { ...current.title, nn: v.title },
        description: { ...current.description, nn: v.description },
        responsible: v.responsible,
        responsibleBodyId: v.responsible === "body" ? v.responsibleBodyId : null,
        status: v.status,
        progress: v.progress,
        version: sql`${measures.version} + 1`,
        updatedAt: new Date(),
        updatedBy: input.actor.id,
      })
      .where(and(eq(measures.id, input.measureId), eq(measures.version, input.version)))
      .returning();
    if (!updated) return { ok: false as const, error: "conflict" as const };
    await writeAudit({ actor: input.actor, action: "measure.update", entityType: "measure", entityId: updated.id, before: measureAuditView(current), after: measureAuditView(updated) }, tx);
    return { ok: true as const, version: updated.version };
  });
}

export async function addMilestone(input: { actor: Actor; measureId: number; title: string; dueDate: string }) {
  await db().transaction(async (tx) => {
    const [m] = await tx.insert(measureMilestones).values({ measureId: input.measureId, title: input.title, dueDate: input.dueDate }).returning();
    await writeAudit({ actor: input.actor, action: "milestone.add", entityType: "measure", entityId: input.measureId, after: { milestone: m.title, dueDate: m.dueDate } }, tx);
  });
}

export async function setMilestoneDone(input: { actor: Actor; measureId: number; milestoneId: number; doneDate: string | null }) {
  await db().transaction(async (tx) => {
    const [m] = await tx
      .update(measureMilestones)
      .set({ doneDate: input.doneDate })
      .where(and(eq(measureMilestones.id, input.milestoneId), eq(measureMilestones.measureId, input.measureId)))
      .returning();
    if (!m) return;
    await writeAudit(
      { actor: input.actor, action: input.doneDate ? "milestone.done" : "milestone.undone", entityType: "measure", entityId: input.measureId, after: { milestone: m.title, doneDate: m.doneDate } },
      tx,
    );
  });
}

export async function removeMilestone(input: { actor: Actor; measureId: number; milestoneId: number }) {
  await db().transaction(async (tx) => {
    const [m] = await tx
      .delete(measureMilestones)
      .where(and(eq(measureMilestones.id, input.milestoneId), eq(measureMilestones.measureId, input.measureId)))
      .returning();
    if (!m) return;
    await writeAudit({ actor: input.actor, action: "milestone.remove", entityType: "measure", entityId: input.measureId, before: { milestone: m.title, dueDate: m.dueDate } }, tx);
  });
}

/**
 * Links a public case by its reference ("HFMR-2024-0007"): the link publishes the case's public
 * summary on the measure page, so only a case the public projection returns can be linked. false
 * when there is none, the same whether no case has the reference or the case is not public.
 */
export async function linkCase(input: { actor: Actor; measureId: number; reference: string }): Promise<boolean> {
  return db().transaction(async (tx) => {
    const c = await findPublicCase(input.reference, tx);
    if (!c) return false;
    const inserted = await tx.insert(measureCaseLinks).values({ measureId: input.measureId, caseId: c.id, createdBy: input.actor.id }).onConflictDoNothing().returning();
    if (inserted.length) await writeAudit({ actor: input.actor, action: "case.link", entityType: "measure", entityId: input.measureId, after: { case: c.reference } }, tx);
    return true;
  });
}

export async function unlinkCase(input: { actor: Actor; measureId: number; caseId: string }) {
  if (!isUuid(input.caseId)) return; // no such link: nothing to remove
  await db().transaction(async (tx) => {
    const removed = await tx
      .delete(measureCaseLinks)
      .where(and(eq(measureCaseLinks.measureId, input.measureId), eq(measureCaseLinks.caseId, input.caseId)))
      .returning();
    if (!removed.length) return;
    // The history names the case by its reference (as case.link does), not by its id.
    const [c] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, input.caseId));
    await writeAudit({ actor: input.actor, action: "case.unlink", entityType: "measure", entityId: input.measureId, before: { case: c?.reference ?? null } }, tx);
  });
}

/** Measures of a plan in number order (checklists, exports). */
export async function planMeasures(planId: number, database: Db | Tx = db()) {
  const rows = await database
    .select({ id: measures.id, number: measures.number, title: measures.title })
    .from(measures)
    .where(eq(measures.planId, planId));
  return rows.sort(compareMeasureNumbers);
}

// ---------------------------------------------------------------------------------------------
// Form schemas (the same zod schema validates on the server; messages are i18n keys in "plans")


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date")
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, "errors.date");
// Every text goes through the one free-text rule (text-rules.ts): no national identity number in
// any spelling, no control characters; titles are one line.
const optionalText = (max: number, singleLine = false) => freeText({ max, singleLine });
const requiredTitle = (min: number) => freeText({ max: 300, min, required: true, singleLine: true });

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
    ownerBodyId: z.coerce.number({ invalid_type_error: "errors.required" }).int().positive("errors.required"),
    status: z.enum(PLAN_STATUSES, { errorMap: () => ({ message: "errors.required" }) }),
  })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ["periodEnd"], message: "errors.periodOrder" });

export const goalFormSchema = z.object({
  goalTitle: requiredTitle(3),
});

export const measureCreateSchema = z.object({
  goalId: z.coerce.number().int().positive("errors.required"),
  measureTitle: requiredTitle(3),
  measureDescription: optionalText(4000),
  responsible: z.enum(MEASURE_RESPONSIBLE, { errorMap: () => ({ message: "errors.required" }) }),
  responsibleBodyId: z.coerce.number().int().optional(),
});

export const measureUpdateSchema = z.object({
  version: z.coerce.number().int().positive(),
  title: requiredTitle(3),
  description: optionalText(4000),
  responsible: z.enum(MEASURE_RESPONSIBLE, { errorMap: () => ({ message: "errors.required" }) }),
  responsibleBodyId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
  status: z.enum(MEASURE_STATUSES, { errorMap: () => ({ message: "errors.required" }) }),
  progress: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string().regex(/^\d+$/, "errors.progress").transform(Number).pipe(z.number().min(0, "errors.progress").max(100, "errors.progress")),
  ),
});

export const milestoneSchema = z.object({
  milestoneTitle: requiredTitle(2),
  dueDate: isoDate,
});

/** zod issues → { field: i18n key } (first message per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return out;
}

export function slugFromTitle(title: string) {
  return (
    title
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/å/g, "a")
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60)
      .replace(/-$/, "") || "plan"
  );
}
