import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as checklistAction, loader as checklistLoader } from "~/routes/sjekkliste.$checklistId";
import { action as submitAction, loader as submitLoader } from "~/routes/sjekkliste.$checklistId_.send-inn";
import { loader as indexLoader } from "~/routes/sjekkliste._index";
import { action as roundAction, loader as roundLoader } from "~/routes/sjekkliste.runde.$id";
import { action as newRoundAction } from "~/routes/sjekkliste.runde.ny";
import { loader as templateLoader } from "~/routes/sjekkliste.$checklistId_.mal[.xlsx]";
import { createRound, saveChecklistDraft, sendChecklistReminders, submitChecklist } from "~/models/checklists.server";
import { db } from "../../db/client";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { auditLog, checklistAnswers, checklistKeyFigures, checklists, evaluationRounds, measures, outbox, plans, userParties, users } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { at, first, present } from "../support/one";

useTestDatabase();

async function roundId(title: string) {
  const r = first(await db().select({ id: evaluationRounds.id }).from(evaluationRounds).where(eq(evaluationRounds.title, title)));
  return r.id;
}
async function checklistOf(title: string, party: string) {
  const [c] = await db()
    .select({ id: checklists.id, status: checklists.status, version: checklists.version })
    .from(checklists)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .where(and(eq(evaluationRounds.title, title), eq(checklists.partyNumber, party)));
  return present(c, `the checklist of ${party}`);
}
async function measureIdsOf(slug: string) {
  return (await db().select({ id: measures.id, number: measures.number }).from(measures).innerJoin(plans, eq(plans.id, measures.planId)).where(eq(plans.slug, slug))).sort((a, b) =>
    a.number.localeCompare(b.number, "nb", { numeric: true }),
  );
}
async function snapshot(checklistId: number) {
  const [c] = await db().select().from(checklists).where(eq(checklists.id, checklistId));
  const a = await db().select().from(checklistAnswers).where(eq(checklistAnswers.checklistId, checklistId)).orderBy(checklistAnswers.measureId);
  const k = await db().select().from(checklistKeyFigures).where(eq(checklistKeyFigures.checklistId, checklistId));
  return JSON.stringify({ c, a, k });
}

const OPEN = "Sluttevaluering 2023/24";
const goodFigures = {
  coordinators: "12",
  individualPlans: "30",
  childCoordinators: "4",
  cooperationMeetings: "80",
  coordinationMeetings: "45",
  kePlacement: "Tildelingskontoret",
  keOnWebsite: "yes",
  keWebsiteUrl: "https://www.molde.kommune.no/ke",
};

beforeAll(async () => {
  await seedDemoPlanHistory(db());
});

describe(`checklists (${process.env.TEST_DB})`, () => {
  it("seeds the demo history idempotently and marks it as demo data", async () => {
    const again = await seedDemoPlanHistory(db());
    expect(again.created).toEqual([]);
    const rounds = await db().select().from(evaluationRounds);
    expect(rounds.map((r) => r.title).sort()).toEqual(["Evaluering hausten 2018", "Evaluering hausten 2019", "Evaluering hausten 2020", OPEN].sort());
    for (const r of rounds) expect(r.description).toContain("(demodata)");
    const molde = await checklistOf(OPEN, "1506");
    expect(await db().select().from(checklistAnswers).where(eq(checklistAnswers.checklistId, molde.id))).toEqual([]);
  });

  it("lists Nesset, Midsund and old Molde in the 2018 round, and only today's municipalities in the open round", async () => {
    const cookie = await cookieFor("sekretariat@demo.no");
    const res = await run(async () =>
      roundLoader(args(getRequest(`/sjekkliste/runde/${await roundId("Evaluering hausten 2018")}`, { cookie }), { id: String(await roundId("Evaluering hausten 2018")) })),
    );
    expect(res.status).toBe(200);
    const data = await res.json();
    const numbers = data.checklists.map((c: { partyNumber: string }) => c.partyNumber);
    expect(numbers).toEqual(expect.arrayContaining(["1543", "1545", "1502", "1504", "HMR"]));
    expect(numbers).not.toContain("1506");
    expect(data.counts.submitted + data.counts.draft + data.counts.nothing).toBe(numbers.length);
    const nesset = data.checklists.find((c: { partyNumber: string }) => c.partyNumber === "1543");
    expect(nesset.partyName).toBe("Nesset");
    expect(nesset.state).toBe("submitted");

    const open = await run(async () => roundLoader(args(getRequest("/x", { cookie }), { id: String(await roundId(OPEN)) })));
    const openNumbers = (await open.json()).checklists.map((c: { partyNumber: string }) => c.partyNumber);
    expect(openNumbers).toEqual(expect.arrayContaining(["1506", "1508", "1580", "HMR"]));
    expect(openNumbers).not.toContain("1543");
    expect(openNumbers).not.toContain("1507");
    expect(openNumbers).toHaveLength(28);
  });

  it("gives the round page to the secretariat only", async () => {
    const id = String(await roundId(OPEN));
    for (const email of ["ke-molde@demo.no", "ssu-leiar@demo.no"]) {
      const res = await run(async () => roundLoader(args(getRequest(`/sjekkliste/runde/${id}`, { cookie: await cookieFor(email) }), { id })));
      expect(res.status).toBe(403);
    }
  });

  it("refuses bad numbers with 400 and a message at each field, and stores nothing", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const molde = await checklistOf(OPEN, "1506");
    const before = await snapshot(molde.id);
    const res = await run(() =>
      checklistAction(
        args(
          formRequest(
            `/sjekkliste/${molde.id}`,
            {
              intent: "save",
              version: String(molde.version),
              ...goodFigures,
              coordinators: "-3",
              individualPlans: "2.5",
              childCoordinators: "mange",
              cooperationMeetings: "1000000",
              keWebsiteUrl: "javascript:alert(1)",
            },
            { cookie },
          ),
          { checklistId: String(molde.id) },
        ),
      ),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.result.error).toEqual({
      coordinators: ["errors.negative"],
      individualPlans: ["errors.notWhole"],
      childCoordinators: ["errors.notNumber"],
      cooperationMeetings: ["errors.tooLarge"],
      keWebsiteUrl: ["errors.badUrl"],
    });
    expect(await snapshot(molde.id)).toBe(before);
  });

  it("lets ke-molde save a draft, autosave, review and submit Molde's checklist", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const list = await run(() => indexLoader(args(getRequest("/sjekkliste", { cookie }))));
    const own = (await list.json()).own as { id: number; roundTitle: string; status: string }[];
    const molde = await checklistOf(OPEN, "1506");
    expect(own.find((c) => c.roundTitle === OPEN)?.id).toBe(molde.id);

    const ids = await measureIdsOf("felles-handlingsplan-2023-2024");
    const statuses = ["gjennomfort", "i_gang", "planlagt", "gjennomfort", "ikkje_aktuelt", "ikkje_starta"];
    const fields: Record<string, string> = { ...goodFigures };
    ids.forEach((m, i) => {
      fields[`status-${m.id}`] = i === ids.length - 1 ? "" : at(statuses, i % statuses.length);
      fields[`comment-${m.id}`] = i === 0 ? "Koordinatorskulen er i gang." : "";
    });
    // Autosave (the fetcher) returns JSON with the new version.
    const auto = await run(() =>
      checklistAction(args(formRequest(`/sjekkliste/${molde.id}`, { ...fields, intent: "autosave", version: "1" }, { cookie }), { checklistId: String(molde.id) })),
    );
    expect(auto.status).toBe(200);
    const autoBody = await auto.json();
    expect(autoBody.ok).toBe(true);
    // Own autosaves racing an explicit save are no conflict…
    const ownRace = await run(() =>
      checklistAction(args(formRequest(`/sjekkliste/${molde.id}`, { ...fields, intent: "save", version: "1" }, { cookie }), { checklistId: String(molde.id) })),
    );
    expect(ownRace.status).toBe(302);
    // …but a save by another reporter of the same party in between is: no silent overwrite.
    const colleague = first(await db().insert(users).values({ email: "ke-molde-2@demo.no", name: "KE Molde 2", role: "reporter" }).returning());
    await db().insert(userParties).values({ userId: colleague.id, partyNumber: "1506" });
    const seen = (await checklistOf(OPEN, "1506")).version;
    const theirs = await saveChecklistDraft(
      { id: colleague.id, name: colleague.name, role: "reporter", partyNumbers: ["1506"] },
      {
        checklistId: molde.id,
        version: seen,
        answers: [],
        keyFigures: {
          coordinators: 12,
          individualPlans: 30,
          childCoordinators: 4,
          cooperationMeetings: 80,
          coordinationMeetings: 45,
          kePlacement: "Tildelingskontoret",
          keOnWebsite: true,
          keWebsiteUrl: "https://www.molde.kommune.no/ke",
        },
      },
    );
    expect(theirs.version).toBe(seen + 1);
    const stale = await run(() =>
      checklistAction(args(formRequest(`/sjekkliste/${molde.id}`, { ...fields, intent: "save", version: String(seen) }, { cookie }), { checklistId: String(molde.id) })),
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe("errors.conflict");
    await db().update(users).set({ active: false }).where(eq(users.id, colleague.id));
    const latest = String((await checklistOf(OPEN, "1506")).version);
    const saved = await run(() =>
      checklistAction(args(formRequest(`/sjekkliste/${molde.id}`, { ...fields, intent: "save", version: latest }, { cookie }), { checklistId: String(molde.id) })),
    );
    expect(saved.status).toBe(302);

    // Review with a measure missing: the confirmation page lists it and submission is refused.
    const review = await run(() => submitLoader(args(getRequest(`/sjekkliste/${molde.id}/send-inn`, { cookie }), { checklistId: String(molde.id) })));
    expect((await review.json()).missing).toEqual([at(ids, -1).number]);
    const refused = await run(() => submitAction(args(formRequest(`/sjekkliste/${molde.id}/send-inn`, {}, { cookie }), { checklistId: String(molde.id) })));
    expect(refused.status).toBe(400);
    expect((await checklistOf(OPEN, "1506")).status).toBe("draft");

    fields[`status-${at(ids, -1).id}`] = "gjennomfort";
    const current = await checklistOf(OPEN, "1506");
    const toReview = await run(() =>
      checklistAction(
        args(formRequest(`/sjekkliste/${molde.id}`, { ...fields, intent: "review", version: String(current.version) }, { cookie }), { checklistId: String(molde.id) }),
      ),
    );
    expect(toReview.status).toBe(302);
    expect(toReview.headers.get("Location")).toBe(`/sjekkliste/${molde.id}/send-inn`);
    const sent = await run(() => submitAction(args(formRequest(`/sjekkliste/${molde.id}/send-inn`, {}, { cookie }), { checklistId: String(molde.id) })));
    expect(sent.status).toBe(302);
    expect((await checklistOf(OPEN, "1506")).status).toBe("submitted");

    // Locked: a further save is refused and changes nothing.
    const before = await snapshot(molde.id);
    const locked = await run(() => checklistAction(args(formRequest(`/sjekkliste/${molde.id}`, { ...fields, intent: "save" }, { cookie }), { checklistId: String(molde.id) })));
    expect(locked.status).toBe(409);
    expect(await snapshot(molde.id)).toBe(before);
    const page = await run(() => checklistLoader(args(getRequest(`/sjekkliste/${molde.id}`, { cookie }), { checklistId: String(molde.id) })));
    const pageData = await page.json();
    expect(pageData.editable).toBe(false);
    expect(pageData.measures[0].comment).toBe("Koordinatorskulen er i gang.");
    expect(pageData.keyFigures.coordinators).toBe(12);
  });

  it("gives ke-molde 404 for Ålesund's checklist by URL and by crafted posts, and writes nothing", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const alesund = await checklistOf(OPEN, "1508");
    const before = await snapshot(alesund.id);
    const p = { checklistId: String(alesund.id) };
    const ids = await measureIdsOf("felles-handlingsplan-2023-2024");
    const crafted: Record<string, string> = { ...goodFigures, intent: "save", version: String(alesund.version) };
    for (const m of ids) crafted[`status-${m.id}`] = "ikkje_starta";

    const responses = [
      await run(() => checklistLoader(args(getRequest(`/sjekkliste/${alesund.id}`, { cookie }), p))),
      await run(() => checklistAction(args(formRequest(`/sjekkliste/${alesund.id}`, crafted, { cookie }), p))),
      await run(() => checklistAction(args(formRequest(`/sjekkliste/${alesund.id}`, { ...crafted, intent: "autosave" }, { cookie }), p))),
      await run(() => submitLoader(args(getRequest(`/sjekkliste/${alesund.id}/send-inn`, { cookie }), p))),
      await run(() => submitAction(args(formRequest(`/sjekkliste/${alesund.id}/send-inn`, {}, { cookie }), p))),
      await run(() => templateLoader(args(getRequest(`/sjekkliste/${alesund.id}/mal.xlsx`, { cookie }), p))),
    ];
    for (const r of responses) expect([403, 404]).toContain(r.status);
    expect(await snapshot(alesund.id)).toBe(before);
    // The model refuses too: the party is part of the WHERE clause.
    const moldeReporter = { id: null, name: "test", role: "reporter" as const, partyNumbers: ["1506"] };
    const direct = saveChecklistDraft(moldeReporter, {
      checklistId: alesund.id,
      version: null,
      lastWriteWins: true,
      answers: [],
      keyFigures: {
        coordinators: 1,
        individualPlans: null,
        childCoordinators: null,
        cooperationMeetings: null,
        coordinationMeetings: null,
        kePlacement: "",
        keOnWebsite: null,
        keWebsiteUrl: "",
      },
    });
    await expect(direct).rejects.toMatchObject({ kind: "notFound" });
    await expect(submitChecklist(moldeReporter, { checklistId: alesund.id })).rejects.toMatchObject({ kind: "notFound" });
    expect(await snapshot(alesund.id)).toBe(before);
  });

  it("keeps committee members and admins out of checklists", async () => {
    const molde = await checklistOf(OPEN, "1506");
    for (const email of ["ssu-leiar@demo.no", "admin@demo.no"]) {
      const res = await run(async () => checklistLoader(args(getRequest(`/sjekkliste/${molde.id}`, { cookie: await cookieFor(email) }), { checklistId: String(molde.id) })));
      expect(res.status).toBe(403);
    }
    const anon = await run(() => checklistLoader(args(getRequest(`/sjekkliste/${molde.id}`), { checklistId: String(molde.id) })));
    expect(anon.status).toBe(302);
  });

  it("lets the secretariat reopen a submitted checklist (audited) and close and open the round", async () => {
    const cookie = await cookieFor("sekretariat@demo.no");
    const molde = await checklistOf(OPEN, "1506");
    const id = String(await roundId(OPEN));
    const res = await run(() => roundAction(args(formRequest(`/sjekkliste/runde/${id}`, { intent: "reopen", checklistId: String(molde.id) }, { cookie }), { id })));
    expect(res.status).toBe(302);
    expect((await checklistOf(OPEN, "1506")).status).toBe("draft");
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "checklist"), eq(auditLog.entityId, String(molde.id)), eq(auditLog.action, "checklist.reopen")));
    expect(audit).toHaveLength(1);
    expect(at(audit, 0).actorLabel).toBe("Sekretariatsleiar (demo)");

    // ke-molde submits again for the rest of the tests.
    const cookieMolde = await cookieFor("ke-molde@demo.no");
    const sent = await run(() => submitAction(args(formRequest(`/sjekkliste/${molde.id}/send-inn`, {}, { cookie: cookieMolde }), { checklistId: String(molde.id) })));
    expect(sent.status).toBe(302);

    // Closing the round locks every draft.
    const hf = await checklistOf(OPEN, "HMR");
    await run(() => roundAction(args(formRequest(`/sjekkliste/runde/${id}`, { intent: "close" }, { cookie }), { id })));
    const hfCookie = await cookieFor("ke-hf@demo.no");
    const blocked = await run(() =>
      checklistAction(args(formRequest(`/sjekkliste/${hf.id}`, { intent: "save", ...goodFigures }, { cookie: hfCookie }), { checklistId: String(hf.id) })),
    );
    expect(blocked.status).toBe(409);
    await run(() => roundAction(args(formRequest(`/sjekkliste/runde/${id}`, { intent: "open" }, { cookie }), { id })));
    const round = first(
      await db()
        .select()
        .from(evaluationRounds)
        .where(eq(evaluationRounds.id, Number(id))),
    );
    expect(round.status).toBe("open");
  });

  it("creates a round with a checklist for every party valid on the reference date, and validates the form", async () => {
    const cookie = await cookieFor("sekretariat@demo.no");
    const plan = first(await db().select().from(plans).where(eq(plans.slug, "ke-ip-koordinator-2017-2020")));
    const bad = await run(() =>
      newRoundAction(
        args(
          formRequest("/sjekkliste/runde/ny", { planId: String(plan.id), title: "x", referenceDate: "2019-13-01", deadline: "2019-01-01", reminderDaysBefore: "-1" }, { cookie }),
        ),
      ),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).result.error).sort()).toEqual(["referenceDate", "reminderDaysBefore", "title"].sort());
    const ok = await run(() =>
      newRoundAction(
        args(
          formRequest(
            "/sjekkliste/runde/ny",
            { planId: String(plan.id), title: "Ekstra runde 2019", referenceDate: "2019-06-01", deadline: "2019-08-01", reminderDaysBefore: "5" },
            { cookie },
          ),
        ),
      ),
    );
    expect(ok.status).toBe(302);
    const newId = Number(ok.headers.get("Location")!.split("/").pop());
    const rows = await db().select({ party: checklists.partyNumber }).from(checklists).where(eq(checklists.roundId, newId));
    expect(rows.map((r) => r.party)).toContain("1543");
    expect(rows).toHaveLength(36);
    const dup = await run(() =>
      newRoundAction(
        args(
          formRequest(
            "/sjekkliste/runde/ny",
            { planId: String(plan.id), title: "Ekstra runde 2019", referenceDate: "2019-06-01", deadline: "2019-08-01", reminderDaysBefore: "5" },
            { cookie },
          ),
        ),
      ),
    );
    expect(dup.status).toBe(400);
  });
});

describe(`checklist reminders (${process.env.TEST_DB})`, () => {
  it("queues one mail per reporter of each party that has not submitted, within the reminder window, not twice a day", async () => {
    const plan = first(await db().select().from(plans).where(eq(plans.slug, "felles-handlingsplan-2023-2024")));
    const created = await createRound(
      { id: null, name: "test", role: "secretariat", partyNumbers: [] },
      { planId: plan.id, title: "Påminningstest", description: "", referenceDate: "2026-01-01", deadline: "2027-03-01", reminderDaysBefore: 5 },
    );
    const key = `checklist-reminder:${created.id}:%`;
    const count = async () =>
      first(
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(outbox)
          .where(like(outbox.dedupeKey, key)),
      ).n;

    // HMR submits: its reporter gets no reminder.
    const hf = first(
      await db()
        .select()
        .from(checklists)
        .where(and(eq(checklists.roundId, created.id), eq(checklists.partyNumber, "HMR"))),
    );
    const ids = await measureIdsOf("felles-handlingsplan-2023-2024");
    const kf = { coordinators: 1, individualPlans: 1, childCoordinators: 1, cooperationMeetings: 1, coordinationMeetings: 1, kePlacement: "", keOnWebsite: null, keWebsiteUrl: "" };
    const hfReporter = { id: null, name: "test", role: "reporter" as const, partyNumbers: ["HMR"] };
    await saveChecklistDraft(hfReporter, {
      checklistId: hf.id,
      version: null,
      lastWriteWins: true,
      answers: ids.map((m) => ({ measureId: m.id, status: "i_gang" as const, comment: "" })),
      keyFigures: kf,
    });
    await expect(submitChecklist(hfReporter, { checklistId: hf.id })).resolves.toBeUndefined();

    await sendChecklistReminders(new Date("2027-02-10T09:00:00+01:00")); // 19 days before: too early
    expect(await count()).toBe(0);
    await sendChecklistReminders(new Date("2027-02-24T09:00:00+01:00")); // 5 days before
    // One per reporter and party: the reporter for Stranda and Fjord gets one for each checklist.
    expect(await count()).toBe(4);
    const mails = await db().select().from(outbox).where(like(outbox.dedupeKey, key));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["ke-alesund@demo.no", "ke-indre@demo.no", "ke-indre@demo.no", "ke-molde@demo.no"]);
    expect(at(mails, 0).subject).toContain("Påminningstest");
    expect(at(mails, 0).textBody).toContain(`/sjekkliste/`);
    await sendChecklistReminders(new Date("2027-02-24T15:00:00+01:00")); // same day: nothing new
    expect(await count()).toBe(4);
    await sendChecklistReminders(new Date("2027-02-25T09:00:00+01:00")); // next day: one more each
    expect(await count()).toBe(8);
    await sendChecklistReminders(new Date("2027-03-02T09:00:00+01:00")); // after the deadline
    expect(await count()).toBe(8);
  });
});
