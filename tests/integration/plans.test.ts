import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loader as plansLoader } from "~/routes/handlingsplanar._index";
import { action as newPlanAction, loader as newPlanLoader } from "~/routes/handlingsplanar.ny";
import { action as planAction, loader as planLoader } from "~/routes/handlingsplanar.$slug._index";
import { action as measureAction, loader as measureLoader } from "~/routes/handlingsplanar.$slug.tiltak.$number";
import { db } from "../../db/client";
import { auditLog, bodies, cases, measureCaseLinks, measures, plans } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { first } from "../support/one";

useTestDatabase();

const PLAN = "ke-ip-koordinator-2017-2020";

async function json(res: Response) {
  expect(res.status).toBe(200);
  return res.json();
}
/** A form reply's errors (conform's SubmissionResult): the first message per field. */
const errorsOf = (body: { result: { error?: Record<string, string[] | null> } }) =>
  Object.fromEntries(Object.entries(body.result.error ?? {}).flatMap(([field, messages]) => (messages?.length ? [[field, messages[0]]] : [])));
const measurePath = (slug: string, number: string) => ({ path: `/handlingsplanar/${slug}/tiltak/${number}`, params: { slug, number } });

describe(`plans and measures (${process.env.TEST_DB})`, () => {
  it("lists the plans publicly with period, owner and status", async () => {
    const d = await json(await run(() => plansLoader(args(getRequest("/handlingsplanar")))));
    const slugs = d.plans.map((p: { slug: string }) => p.slug);
    expect(slugs).toEqual(expect.arrayContaining([PLAN, "felles-handlingsplan-2023-2024"]));
    const plan = d.plans.find((p: { slug: string }) => p.slug === PLAN);
    expect(plan).toMatchObject({ periodStart: "2017-01-01", periodEnd: "2020-12-31", status: "completed", reconstructed: true, measureCount: 12 });
    expect(plan.ownerShort).toBe("SSU");
    expect(d.canCreate).toBe(false);
  });

  it("shows the 2017–2020 plan's two goals and twelve measures, marked as reconstructed", async () => {
    const d = await json(await run(() => planLoader(args(getRequest(`/handlingsplanar/${PLAN}`), { slug: PLAN }))));
    expect(d.plan.reconstructed).toBe(true);
    expect(d.plan.sourceNote.nn).toContain("rekonstruert");
    expect(d.goals).toHaveLength(2);
    expect(d.goals.flatMap((g: { measures: { number: string }[] }) => g.measures.map((m) => m.number))).toEqual([
      "1.1",
      "1.2",
      "1.3",
      "1.4",
      "1.5",
      "1.6",
      "2.1",
      "2.2",
      "2.3",
      "2.4",
      "2.5",
      "2.6",
    ]);
    expect(d.canEdit).toBe(false);
    const missing = await run(() => planLoader(args(getRequest("/handlingsplanar/finst-ikkje"), { slug: "finst-ikkje" })));
    expect(missing.status).toBe(404);
  });

  it("lets the secretariat create a plan with goals and measures; others get 403", async () => {
    const reporter = await run(async () => newPlanLoader(args(getRequest("/handlingsplanar/ny", { cookie: await cookieFor("ke-molde@demo.no") }))));
    expect(reporter.status).toBe(403);
    const cookie = await cookieFor("sekretariat@demo.no");
    const ssu = first(await db().select().from(bodies).where(eq(bodies.slug, "ssu")));
    const bad = await run(() =>
      newPlanAction(args(formRequest("/handlingsplanar/ny", { titleNn: "", periodStart: "2025-01-01", periodEnd: "2024-12-31", ownerBodyId: "", status: "active" }, { cookie }))),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(errorsOf(await bad.json())).sort()).toEqual(["ownerBodyId", "periodEnd", "titleNn"]);

    const ok = await run(() =>
      newPlanAction(
        args(
          formRequest(
            "/handlingsplanar/ny",
            {
              titleNn: "Felles handlingsplan 2025–2026",
              slug: "felles-handlingsplan-2025-2026",
              periodStart: "2025-01-01",
              periodEnd: "2026-12-31",
              ownerBodyId: String(ssu.id),
              status: "active",
            },
            { cookie },
          ),
        ),
      ),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/handlingsplanar/felles-handlingsplan-2025-2026");
    const slug = "felles-handlingsplan-2025-2026";
    const dup = await run(() =>
      newPlanAction(
        args(
          formRequest(
            "/handlingsplanar/ny",
            { titleNn: "Same", slug, periodStart: "2025-01-01", periodEnd: "2026-12-31", ownerBodyId: String(ssu.id), status: "active" },
            { cookie },
          ),
        ),
      ),
    );
    expect(dup.status).toBe(400);

    expect((await run(() => planAction(args(formRequest(`/handlingsplanar/${slug}`, { intent: "addGoal", goalTitle: "Betre overgangar" }, { cookie }), { slug })))).status).toBe(
      302,
    );
    const plan = await json(await run(() => planLoader(args(getRequest(`/handlingsplanar/${slug}`, { cookie }), { slug }))));
    expect(plan.canEdit).toBe(true);
    const goalId = String(plan.goals[0].id);
    const m1 = await run(() =>
      planAction(
        args(
          formRequest(
            `/handlingsplanar/${slug}`,
            { intent: "addMeasure", goalId, measureTitle: "Felles rutine for utskriving", measureDescription: "Rutine for utskriving frå sjukehus.", responsible: "both" },
            { cookie },
          ),
          { slug },
        ),
      ),
    );
    expect(m1.status).toBe(302);
    expect(m1.headers.get("Location")).toBe(`/handlingsplanar/${slug}#tiltak-1-1`);
    const m2 = await run(() =>
      planAction(
        args(
          formRequest(`/handlingsplanar/${slug}`, { intent: "addMeasure", goalId, measureTitle: "Nettverk", responsible: "body", responsibleBodyId: String(ssu.id) }, { cookie }),
          { slug },
        ),
      ),
    );
    expect(m2.headers.get("Location")).toBe(`/handlingsplanar/${slug}#tiltak-1-2`);
    const badMeasure = await run(() =>
      planAction(args(formRequest(`/handlingsplanar/${slug}`, { intent: "addMeasure", goalId, measureTitle: "", responsible: "nobody" }, { cookie }), { slug })),
    );
    expect(badMeasure.status).toBe(400);
    const { path, params } = measurePath(slug, "1.2");
    const measure = await json(await run(() => measureLoader(args(getRequest(path, { cookie }), params))));
    expect(measure.measure.responsible).toBe("body");
    expect(measure.responsibleBodyName.nn).toContain("Strategisk");
  });

  it("lets members of the owning body and the secretariat update a measure, with optimistic concurrency and history", async () => {
    const { path, params } = measurePath(PLAN, "2.1");
    const outsider = await cookieFor("fsu-rehab@demo.no");
    const denied = await run(() =>
      measureAction(args(formRequest(path, { intent: "update", version: "1", title: "x", responsible: "both", status: "done", progress: "100" }, { cookie: outsider }), params)),
    );
    expect(denied.status).toBe(403);
    const reporter = await cookieFor("ke-molde@demo.no");
    expect(
      (await run(() => measureAction(args(formRequest(path, { intent: "addMilestone", milestoneTitle: "x", dueDate: "2025-01-01" }, { cookie: reporter }), params)))).status,
    ).toBe(403);

    const cookie = await cookieFor("ssu-leiar@demo.no");
    const before = await json(await run(() => measureLoader(args(getRequest(path, { cookie }), params))));
    expect(before.canEdit).toBe(true);
    const fields = {
      intent: "update",
      version: String(before.edit.version),
      title: before.measure.title.nn,
      description: before.measure.description.nn,
      responsible: "both",
      responsibleBodyId: "",
      status: "in_progress",
      progress: "40",
    };
    const badProgress = await run(() => measureAction(args(formRequest(path, { ...fields, progress: "140" }, { cookie }), params)));
    expect(badProgress.status).toBe(400);
    expect(errorsOf(await badProgress.json())).toEqual({ progress: "errors.progress" });

    const ok = await run(() => measureAction(args(formRequest(path, fields, { cookie }), params)));
    expect(ok.status).toBe(302);
    // The same (now stale) version again: a conflict, nothing changes.
    const stale = await run(() => measureAction(args(formRequest(path, { ...fields, progress: "90" }, { cookie }), params)));
    expect(stale.status).toBe(409);
    const { row } = first(
      await db()
        .select({ row: measures })
        .from(measures)
        .innerJoin(plans, eq(plans.id, measures.planId))
        .where(and(eq(plans.slug, params.slug), eq(measures.number, params.number))),
    );
    expect(row).toMatchObject({ status: "in_progress", progress: 40, version: before.edit.version + 1 });

    const secretariat = await cookieFor("sekretariat@demo.no");
    const byStaff = await run(() =>
      measureAction(args(formRequest(path, { ...fields, version: String(row.version), status: "done", progress: "100" }, { cookie: secretariat }), params)),
    );
    expect(byStaff.status).toBe(302);

    const after = await json(await run(() => measureLoader(args(getRequest(path, { cookie }), params))));
    const updates = after.history.filter((h: { action: string }) => h.action === "measure.update");
    expect(updates).toHaveLength(2);
    expect(updates[0].actorLabel).toBe("Sekretariatsleiar (demo)");
    expect(updates[0].changes).toEqual(
      expect.arrayContaining([
        { field: "status", from: "in_progress", to: "done" },
        { field: "progress", from: "40", to: "100" },
      ]),
    );
    expect(updates[1].actorLabel).toBe("SSU-leiar (demo)");
    // The public sees the measure but not who changed it.
    const pub = await json(await run(() => measureLoader(args(getRequest(path), params))));
    expect(pub.history).toEqual([]);
    expect(pub.measure.status).toBe("done");
  });

  it("adds milestones with dates and links cases, all kept in the measure's history", async () => {
    const { path, params } = measurePath(PLAN, "1.2");
    const cookie = await cookieFor("sekretariat@demo.no");
    const badDate = await run(() => measureAction(args(formRequest(path, { intent: "addMilestone", milestoneTitle: "Høyring", dueDate: "våren 2018" }, { cookie }), params)));
    expect(badDate.status).toBe(400);
    expect(
      (await run(() => measureAction(args(formRequest(path, { intent: "addMilestone", milestoneTitle: "Høyring av retningslinjene", dueDate: "2018-05-31" }, { cookie }), params))))
        .status,
    ).toBe(302);
    let d = await json(await run(() => measureLoader(args(getRequest(path, { cookie }), params))));
    expect(d.milestones).toEqual([expect.objectContaining({ title: "Høyring av retningslinjene", dueDate: "2018-05-31", doneDate: null })]);
    const milestoneId = String(d.milestones[0].id);
    expect((await run(() => measureAction(args(formRequest(path, { intent: "milestoneDone", milestoneId }, { cookie }), params)))).status).toBe(302);

    const c = first(
      await db()
        .insert(cases)
        .values({
          reference: "HFMR-2024-0901",
          year: 2024,
          seq: 901,
          title: "Felles rutine for individuell plan",
          submitterName: "Test",
          submitterEmail: "test@example.no",
          submitterDate: "2024-02-20",
          background: "Test",
          trackingTokenHash: "plans-test-token",
          idempotencyKey: "plans-test-key",
          partyNumber: "1506",
          status: "received", // only a public case can be linked
        })
        .returning(),
    );
    const unknown = await run(() => measureAction(args(formRequest(path, { intent: "linkCase", caseReference: "HFMR-1999-0001" }, { cookie }), params)));
    expect(unknown.status).toBe(400);
    expect(errorsOf(await unknown.json())).toEqual({ caseReference: "plans:errors.caseNotFound" });
    expect((await run(() => measureAction(args(formRequest(path, { intent: "linkCase", caseReference: "hfmr-2024-0901" }, { cookie }), params)))).status).toBe(302);
    d = await json(await run(() => measureLoader(args(getRequest(path, { cookie }), params))));
    expect(d.links).toEqual([expect.objectContaining({ reference: "HFMR-2024-0901", title: "Felles rutine for individuell plan" })]);
    expect(d.milestones[0].doneDate).not.toBeNull();
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(["milestone.add", "milestone.done", "case.link"]));

    expect((await run(() => measureAction(args(formRequest(path, { intent: "unlinkCase", caseId: c.id }, { cookie }), params)))).status).toBe(302);
    expect(await db().select().from(measureCaseLinks).where(eq(measureCaseLinks.caseId, c.id))).toEqual([]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "measure"), eq(auditLog.action, "case.unlink")));
    expect(audit).toHaveLength(1);
  });
});
