/**
 * The plan operations called directly (issue 12's contract): `op(actor, input)` checks who may act
 * itself and answers data or a DomainError with a code and kind; no Request, no Response.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addGoal,
  addMeasure,
  addMilestone,
  createPlan,
  linkCase,
  measureForEditing,
  MEASURE_STATUSES,
  measurePageSchema,
  planForEditing,
  planFormSchema,
  PLAN_STATUSES,
  removeMilestone,
  setMilestoneDone,
  updateMeasure,
} from "~/models/plans.server";
import { DomainError } from "~/services/domain-error";
import { db } from "../../db/client";
import { auditLog, bodies, measureMilestones, measures, measureStatus, planStatus } from "../../db/schema";
import { userFor } from "../support/cases-secretariat";
import { useTestDatabase } from "../support/db";
import { first } from "../support/one";

useTestDatabase();

const PLAN = "ke-ip-koordinator-2017-2020";

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe(`plan operations (${process.env.TEST_DB})`, () => {
  it("takes its value lists from the schema's enums", () => {
    expect(PLAN_STATUSES).toEqual(planStatus.enumValues);
    expect(MEASURE_STATUSES).toEqual(measureStatus.enumValues);
  });

  it("createPlan: the secretariat only; a slug from the title and period; a taken slug on the slug field", async () => {
    const { user: secretariat } = await userFor("sekretariat@demo.no");
    const { user: reporter } = await userFor("ke-molde@demo.no");
    const ssu = first(await db().select().from(bodies).where(eq(bodies.slug, "ssu")));
    const input = planFormSchema.parse({
      titleNn: "Ny plan for Ålesund og Ørsta",
      periodStart: "2027-01-01",
      periodEnd: "2028-12-31",
      ownerBodyId: String(ssu.id),
      status: "draft",
    });
    expect(await refusal(createPlan(reporter, input))).toMatchObject({ code: "plans:errors.forbidden", kind: "forbidden" });
    expect(await createPlan(secretariat, input)).toEqual({ slug: "ny-plan-for-alesund-og-orsta-2027-2028" });
    expect(await refusal(createPlan(secretariat, input))).toMatchObject({ code: "plans:errors.slugTaken", kind: "invalid", field: "slug" });
  });

  it("addGoal / addMeasure: editors of the plan; notFound for no plan; a goal of another plan is refused on goalId", async () => {
    const { user: outsider } = await userFor("fsu-rehab@demo.no");
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    expect(await refusal(addGoal(outsider, { planSlug: PLAN, intent: "addGoal", goalTitle: "Eit mål" }))).toMatchObject({ kind: "forbidden" });
    expect(await refusal(planForEditing(leader, "finst-ikkje"))).toMatchObject({ code: "plans:errors.notFound", kind: "notFound" });
    const goal = await addGoal(leader, { planSlug: PLAN, intent: "addGoal", goalTitle: "Eit tredje mål" });
    expect(goal.number).toBe(3);
    const measure = await addMeasure(leader, { planSlug: PLAN, intent: "addMeasure", goalId: goal.id, measureTitle: "Nytt tiltak", measureDescription: "", responsible: "both" });
    expect(measure).toMatchObject({ number: "3.1", anchor: "tiltak-3-1" });
    const wrongGoal = await refusal(
      addMeasure(leader, {
        planSlug: "felles-handlingsplan-2023-2024",
        intent: "addMeasure",
        goalId: goal.id,
        measureTitle: "Feil mål",
        measureDescription: "",
        responsible: "both",
      }),
    );
    expect(wrongGoal).toMatchObject({ kind: expect.stringMatching(/^(invalid|forbidden)$/) });
  });

  it("updateMeasure: forbidden for others, a stale version is a conflict, the audit names the editor", async () => {
    const { user: outsider } = await userFor("fsu-rehab@demo.no");
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    const { id: measureId } = await measureForEditing(leader, { slug: PLAN, number: "2.2" });
    const m = first(await db().select().from(measures).where(eq(measures.id, measureId)));
    const values = { title: m.title.nn, description: m.description.nn, responsible: "both" as const, responsibleBodyId: null, status: "in_progress" as const, progress: 30 };
    expect(await refusal(updateMeasure(outsider, { measureId, version: m.version, ...values }))).toMatchObject({ kind: "forbidden" });
    expect(await updateMeasure(leader, { measureId, version: m.version, ...values })).toEqual({ version: m.version + 1 });
    expect(await refusal(updateMeasure(leader, { measureId, version: m.version, ...values }))).toMatchObject({ code: "plans:errors.conflict", kind: "conflict" });
    const entry = first(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "measure"), eq(auditLog.entityId, String(measureId)), eq(auditLog.action, "measure.update"))),
    );
    expect(entry.actorLabel).toBe(leader.name);
  });

  it("milestones and case links: done today in Oslo, removed, an unknown reference on caseReference", async () => {
    const { user: secretariat } = await userFor("sekretariat@demo.no");
    const { id: measureId } = await measureForEditing(secretariat, { slug: PLAN, number: "2.3" });
    await addMilestone(secretariat, { measureId, milestoneTitle: "Første utkast", dueDate: "2019-03-01" });
    const ms = first(await db().select().from(measureMilestones).where(eq(measureMilestones.measureId, measureId)));
    await setMilestoneDone(secretariat, { measureId, milestoneId: ms.id, done: true });
    const done = first(await db().select().from(measureMilestones).where(eq(measureMilestones.id, ms.id)));
    expect(done.doneDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await removeMilestone(secretariat, { measureId, milestoneId: ms.id });
    expect(await db().select().from(measureMilestones).where(eq(measureMilestones.measureId, measureId))).toEqual([]);
    expect(await refusal(linkCase(secretariat, { measureId, caseReference: "HFMR-1999-0001" }))).toMatchObject({
      code: "plans:errors.caseNotFound",
      kind: "invalid",
      field: "caseReference",
    });
  });

  it("the measure page's one schema: a branch per intent, an unknown intent refused", () => {
    expect(measurePageSchema.safeParse({ intent: "removeMilestone", milestoneId: "12" })).toMatchObject({ success: true, data: { milestoneId: 12 } });
    expect(measurePageSchema.safeParse({ intent: "removeMilestone", milestoneId: "-1" }).success).toBe(false);
    expect(measurePageSchema.safeParse({ intent: "dropTable" }).success).toBe(false);
  });
});
