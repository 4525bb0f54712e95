import { and, eq, inArray, not } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as countyLoader } from "~/routes/dashbord._index";
import { loader as partyLoader } from "~/routes/dashbord.$number";
import { loader as countyTableLoader } from "~/routes/dashbord.tabell.$file";
import { createRound, saveChecklistDraft, submitChecklist, type AnswerStatus } from "~/models/checklists.server";
import { db, queryCounter } from "../../db/client";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { checklistAnswers, checklists, evaluationRounds, measures, plans } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, getRequest, run } from "../support/http";
import { at, first } from "../support/one";

useTestDatabase();

const PLAN = "ke-ip-koordinator-2017-2020";
const actor = { id: null, name: "test" };
const kf = (n: number) => ({
  coordinators: n,
  individualPlans: n * 2,
  childCoordinators: 0,
  cooperationMeetings: n * 3,
  coordinationMeetings: n,
  kePlacement: "",
  keOnWebsite: true,
  keWebsiteUrl: "",
});

async function roundIdOf(title: string) {
  const r = first(await db().select({ id: evaluationRounds.id }).from(evaluationRounds).where(eq(evaluationRounds.title, title)));
  return r.id;
}

async function json(res: Response) {
  expect(res.status).toBe(200);
  return res.json();
}

/** Statements run by the county and party dashboards' loaders (public, no session). */
async function countQueries(roundId: number, party: string) {
  queryCounter.count = 0;
  await json(await run(() => countyLoader(args(getRequest(`/dashbord?plan=${PLAN}&runde=${roundId}`)))));
  const county = queryCounter.count;
  queryCounter.count = 0;
  await json(await run(() => partyLoader(args(getRequest(`/dashbord/${party}`), { number: party }))));
  return { county, party: queryCounter.count };
}

let small: { county: number; party: number };

beforeAll(async () => {
  // A small data set first: one closed round with three parties.
  const plan = first(await db().select().from(plans).where(eq(plans.slug, PLAN)));
  const created = await createRound(
    { ...actor, role: "secretariat", partyNumbers: [] },
    { planId: plan.id, title: "Liten runde", description: "", referenceDate: "2020-06-01", deadline: "2020-06-30", reminderDaysBefore: 0 },
  );
  const keep = ["1506", "1505", "HMR"];
  await db()
    .delete(checklists)
    .where(and(eq(checklists.roundId, created.id), not(inArray(checklists.partyNumber, keep))));
  const ms = await db().select().from(measures).where(eq(measures.planId, plan.id));
  for (const [i, party] of keep.entries()) {
    const c = first(
      await db()
        .select()
        .from(checklists)
        .where(and(eq(checklists.roundId, created.id), eq(checklists.partyNumber, party))),
    );
    await saveChecklistDraft(
      { ...actor, role: "reporter", partyNumbers: [party] },
      {
        checklistId: c.id,
        version: null,
        lastWriteWins: true,
        answers: ms.map((m) => ({ measureId: m.id, status: (i === 0 ? "gjennomfort" : "i_gang") as AnswerStatus, comment: "" })),
        keyFigures: kf(i + 1),
      },
    );
    await submitChecklist({ ...actor, role: "reporter", partyNumbers: [party] }, { checklistId: c.id });
  }
  await db().update(evaluationRounds).set({ status: "closed" }).where(eq(evaluationRounds.id, created.id));
  small = await countQueries(created.id, "1506");
  // Then the full demo history: every party in three rounds, and an open round.
  await seedDemoPlanHistory(db());
});

describe(`dashboards (${process.env.TEST_DB})`, () => {
  it("runs a constant number of SQL statements whatever the number of parties and rounds", async () => {
    const large = await countQueries(await roundIdOf("Evaluering hausten 2018"), "1506");
    expect(small.county).toBeGreaterThan(0);
    expect(small.party).toBeGreaterThan(0);
    expect(large).toEqual(small);
    // The trust's and a merged municipality's dashboards cost the same.
    queryCounter.count = 0;
    await json(await run(() => partyLoader(args(getRequest("/dashbord/HMR"), { number: "HMR" }))));
    expect(queryCounter.count).toBe(small.party);
  });

  it("makes the county overview's counts equal the sum over the parties", async () => {
    const d = await json(await run(async () => countyLoader(args(getRequest(`/dashbord?plan=${PLAN}&runde=${await roundIdOf("Evaluering hausten 2019")}`)))));
    expect(d.round.title).toBe("Evaluering hausten 2019");
    type P = { number: string; submitted: boolean; done: number; completion: number | null; answers: Record<string, { status: string | null }> };
    const submitted = (d.matrix as P[]).filter((p) => p.submitted);
    expect(d.submittedCount).toBe(submitted.length);
    expect(submitted.length).toBeGreaterThan(30);
    for (const m of d.perMeasure as { measureId: number; counts: Record<string, number>; doneShare: number }[]) {
      for (const [status, n] of Object.entries(m.counts)) {
        expect(n).toBe(submitted.filter((p) => p.answers[m.measureId]?.status === status).length);
      }
      expect(m.doneShare).toBe(Math.round((100 * (m.counts.gjennomfort ?? 0)) / submitted.length));
    }
    for (const p of submitted) expect(p.done).toBe(Object.values(p.answers).filter((a) => a.status === "gjennomfort").length);
    const trend = (d.trend as { title: string; answers: number; counts: Record<string, number> }[]).find((r) => r.title === "Evaluering hausten 2019")!;
    expect(trend.answers).toBe(Object.values(trend.counts).reduce((a, b) => a + b, 0));
    expect(trend.counts.gjennomfort).toBe((d.perMeasure as { counts: Record<string, number> }[]).reduce((a, m) => a + (m.counts.gjennomfort ?? 0), 0));
    // Progress improves over the rounds in the demo history.
    const shares = (d.trend as { title: string; doneShare: number }[]).filter((r) => r.title.startsWith("Evaluering hausten")).map((r) => r.doneShare);
    expect(shares[0]).toBeLessThan(at(shares, 2));
    // Key figures: the sum is the sum of the parties' figures; the median sits between min and max.
    const rows = await db()
      .select({ coordinators: checklists.id })
      .from(checklists)
      .where(and(eq(checklists.roundId, d.round.id), eq(checklists.status, "submitted")));
    expect(d.keyFigures.find((k: { field: string }) => k.field === "coordinators").reporting).toBe(rows.length);
  });

  it("shows closed rounds to the public without comments, and open rounds and comments to members", async () => {
    const pub = await json(await run(() => countyLoader(args(getRequest("/dashbord?plan=felles-handlingsplan-2023-2024")))));
    expect(pub.plans.find((p: { slug: string }) => p.slug === "felles-handlingsplan-2023-2024").rounds).toEqual([]);
    expect(pub.round).toBeNull();
    const closed = await json(await run(async () => countyLoader(args(getRequest(`/dashbord?plan=${PLAN}&runde=${await roundIdOf("Evaluering hausten 2018")}`)))));
    const comments = (closed.matrix as { answers: Record<string, { comment: string | null }> }[]).flatMap((p) => Object.values(p.answers).map((a) => a.comment));
    expect(comments.every((c) => c === null)).toBe(true);

    const secretariat = await json(
      await run(async () =>
        countyLoader(args(getRequest(`/dashbord?plan=${PLAN}&runde=${await roundIdOf("Evaluering hausten 2018")}`, { cookie: await cookieFor("sekretariat@demo.no") }))),
      ),
    );
    const all = (secretariat.matrix as { answers: Record<string, { comment: string | null }> }[]).flatMap((p) => Object.values(p.answers).map((a) => a.comment));
    expect(all.filter((c) => c).length).toBeGreaterThan(10);

    const cookie = await cookieFor("ke-alesund@demo.no");
    const reporter = await json(await run(async () => countyLoader(args(getRequest(`/dashbord?plan=${PLAN}&runde=${await roundIdOf("Evaluering hausten 2018")}`, { cookie })))));
    for (const p of reporter.matrix as { number: string; answers: Record<string, { comment: string | null }> }[]) {
      if (p.number !== "1508") for (const a of Object.values(p.answers)) expect(a.comment).toBeNull();
    }
    const open = await json(await run(() => countyLoader(args(getRequest("/dashbord?plan=felles-handlingsplan-2023-2024", { cookie })))));
    expect(open.round.title).toBe("Sluttevaluering 2023/24");
  });

  it("shows Nesset's, Midsund's and old Molde's 2018 answers on Molde's dashboard, labelled as predecessors", async () => {
    const d = await json(await run(() => partyLoader(args(getRequest("/dashbord/1506"), { number: "1506" }))));
    expect(d.party.name).toBe("Molde");
    expect(d.predecessors.map((p: { number: string }) => p.number).sort()).toEqual(["1502", "1543", "1545"]);
    const nesset = d.predecessors.find((p: { number: string }) => p.number === "1543");
    expect(nesset).toMatchObject({ name: "Nesset", validTo: "2019-12-31" });
    const h2018 = (d.history as { title: string; partyNumber: string; submitted: boolean; answers: { measureId: number; status: string }[] }[]).filter(
      (h) => h.title === "Evaluering hausten 2018",
    );
    expect(h2018.map((h) => h.partyNumber).sort()).toEqual(["1502", "1543", "1545"]);
    const nessetAnswers = h2018.find((h) => h.partyNumber === "1543")!;
    expect(nessetAnswers.submitted).toBe(true);
    const dbRows = await db()
      .select({ measureId: checklistAnswers.measureId, status: checklistAnswers.status })
      .from(checklistAnswers)
      .innerJoin(checklists, eq(checklists.id, checklistAnswers.checklistId))
      .where(and(eq(checklists.partyNumber, "1543"), eq(checklists.roundId, await roundIdOf("Evaluering hausten 2018"))));
    expect(nessetAnswers.answers.filter((a) => a.status).length).toBe(dbRows.length);
    for (const r of dbRows) expect(nessetAnswers.answers.find((a) => a.measureId === r.measureId)?.status).toBe(r.status);
    // The 2020 round is Molde's own; trends mark the earlier rounds as coming from predecessors.
    expect(d.history.some((h: { title: string; partyNumber: string }) => h.title === "Evaluering hausten 2020" && h.partyNumber === "1506")).toBe(true);
    expect(d.trend.find((t: { title: string }) => t.title === "Evaluering hausten 2018").viaPredecessors).toBe(true);
    expect(d.tables.nokkeltal.rows.some((r: string[]) => String(r[1]).includes("Nesset"))).toBe(true);
  });

  it("still opens Nesset's dashboard, with its own history and Molde as its successor", async () => {
    const d = await json(await run(() => partyLoader(args(getRequest("/dashbord/1543"), { number: "1543" }))));
    expect(d.party).toMatchObject({ number: "1543", name: "Nesset", validTo: "2019-12-31" });
    expect(d.successors).toEqual([expect.objectContaining({ number: "1506", name: "Molde", inCounty: true })]);
    expect(d.history.map((h: { title: string }) => h.title)).toEqual(["Evaluering hausten 2018", "Evaluering hausten 2019"]);
    expect(d.history.every((h: { partyNumber: string }) => h.partyNumber === "1543")).toBe(true);
    const trust = await json(await run(() => partyLoader(args(getRequest("/dashbord/HMR"), { number: "HMR" }))));
    expect(trust.party.kind).toBe("trust");
    const missing = await run(() => partyLoader(args(getRequest("/dashbord/9999"), { number: "9999" })));
    expect(missing.status).toBe(404);
  });

  it("shows Molde's submitted checklist for the open round on its dashboard, to signed-in members only", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const c = first(
      await db()
        .select({ id: checklists.id })
        .from(checklists)
        .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
        .where(and(eq(evaluationRounds.title, "Sluttevaluering 2023/24"), eq(checklists.partyNumber, "1506"))),
    );
    const ms = await db().select().from(measures).innerJoin(plans, eq(plans.id, measures.planId)).where(eq(plans.slug, "felles-handlingsplan-2023-2024"));
    await saveChecklistDraft(
      { ...actor, role: "reporter", partyNumbers: ["1506"] },
      {
        checklistId: c.id,
        version: null,
        lastWriteWins: true,
        answers: ms.map((m) => ({ measureId: m.measures.id, status: "gjennomfort" as const, comment: "Alt er gjort." })),
        keyFigures: kf(7),
      },
    );
    await expect(submitChecklist({ ...actor, role: "reporter", partyNumbers: ["1506"] }, { checklistId: c.id })).resolves.toBeUndefined();
    const d = await json(await run(() => partyLoader(args(getRequest("/dashbord/1506", { cookie }), { number: "1506" }))));
    const open = d.history.find((h: { title: string }) => h.title === "Sluttevaluering 2023/24");
    expect(open.submitted).toBe(true);
    expect(open.answers.every((a: { status: string; comment: string }) => a.status === "gjennomfort" && a.comment === "Alt er gjort.")).toBe(true);
    expect(d.keyFigures.find((k: { title: string }) => k.title === "Sluttevaluering 2023/24").values.coordinators).toBe(7);
    const pub = await json(await run(() => partyLoader(args(getRequest("/dashbord/1506"), { number: "1506" }))));
    expect(pub.history.find((h: { title: string }) => h.title === "Sluttevaluering 2023/24")).toBeUndefined();

    const county = await json(await run(() => countyLoader(args(getRequest("/dashbord?plan=felles-handlingsplan-2023-2024", { cookie })))));
    const molde = county.matrix.find((p: { number: string }) => p.number === "1506");
    expect(molde.submitted).toBe(true);
    expect(molde.completion).toBe(100);
    const done = (county.perMeasure as { counts: Record<string, number> }[]).map((m) => m.counts.gjennomfort);
    const expected = (county.perMeasure as { measureId: number }[]).map(
      (m) =>
        (county.matrix as { submitted: boolean; answers: Record<string, { status: string }> }[]).filter((p) => p.submitted && p.answers[m.measureId]?.status === "gjennomfort")
          .length,
    );
    expect(done).toEqual(expected);
  });

  it("offers every chart's numbers as CSV and Excel", async () => {
    const id = await roundIdOf("Evaluering hausten 2018");
    const csv = await run(() => countyTableLoader(args(getRequest(`/dashbord/tabell/trend.csv?plan=${PLAN}&runde=${id}`), { file: "trend.csv" })));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Evaluering hausten 2018");
    const xlsx = await run(() => countyTableLoader(args(getRequest(`/dashbord/tabell/fullforing.xlsx?plan=${PLAN}&runde=${id}`), { file: "fullforing.xlsx" })));
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    const bad = await run(() => countyTableLoader(args(getRequest(`/dashbord/tabell/nope.csv`), { file: "nope.csv" })));
    expect(bad.status).toBe(404);
  });
});
