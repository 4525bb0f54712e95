/**
 * Issue 11, findings 1, 4, 13 (NUL in stored text) and 18 (bidi controls in file names, checklist
 * autosave): one free-text rule on every text the app stores. Each refusal is a 400 with the
 * message for the field, and nothing is written (every table compared before and after).
 */
import ExcelJS from "exceljs";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import {
  agendaItems,
  auditLog,
  caseAttachments,
  caseNotes,
  cases,
  checklistAnswers,
  checklistKeyFigures,
  checklists,
  evaluationRounds,
  followUpTasks,
  goals,
  measureMilestones,
  measures,
  meetings,
  outbox,
  plans,
} from "../../db/schema";
import { createMeeting } from "~/models/meetings.server";
import { action as caseAction } from "~/routes/sekretariat.saker.$id._index";
import { action as submitAction } from "~/routes/saker.ny";
import { action as newMeetingAction } from "~/routes/utval.$slug.moter.ny";
import { action as meetingAction } from "~/routes/utval.$slug.moter.$meetingId._index";
import { action as minutesAction } from "~/routes/utval.$slug.moter.$meetingId.referat";
import { action as newPlanAction } from "~/routes/handlingsplanar.ny";
import { action as planAction, loader as planLoader } from "~/routes/handlingsplanar.$slug._index";
import { action as measureAction } from "~/routes/handlingsplanar.$slug.tiltak.$number";
import { action as checklistAction, loader as checklistLoader } from "~/routes/sjekkliste.$checklistId";
import { action as newRoundAction } from "~/routes/sjekkliste.runde.ny";
import { loader as templateLoader } from "~/routes/sjekkliste.$checklistId_.mal[.xlsx]";
import { action as uploadAction } from "~/routes/sjekkliste.$checklistId_.last-opp";
import { useTestDatabase } from "../support/db";
import { args, BASE, cookieFor, formRequest, getRequest, run } from "../support/http";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { first } from "../support/one";

useTestDatabase();

/** 01019010046 is a valid fødselsnummer (01.01.90); the spellings the guard let through before. */
const SPELLINGS = ["010190-10046", "01.01.90 10046", "01 01 90 100 46", "010190\u200b10046", "０１０１９０ １００４６", "٠١٠١٩٠١٠٠٤٦", "010190\u202f10046"];
const NUL = "Tekst med\u0000NUL";

/** Every table a refused action could write to, as JSON: equal before and after means nothing was written. */
async function everything() {
  const tables = {
    cases,
    caseNotes,
    caseAttachments,
    meetings,
    agendaItems,
    followUpTasks,
    evaluationRounds,
    checklists,
    checklistAnswers,
    checklistKeyFigures,
    plans,
    goals,
    measures,
    measureMilestones,
    auditLog,
    outbox,
  };
  const out: Record<string, unknown> = {};
  for (const [name, table] of Object.entries(tables))
    out[name] = await db()
      .select()
      .from(table)
      .orderBy(sql`1`);
  return JSON.stringify(out);
}

/** Runs a refused action: 400, nothing written; returns the JSON answer. */
async function refused(action: () => Promise<Response>) {
  const before = await everything();
  const res = await action();
  expect(res.status).toBe(400);
  expect(await everything()).toBe(before);
  return res.json();
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

function publicFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotencyKey: crypto.randomUUID(),
    title: "Betre koordinering av individuell plan",
    submitterName: "Kari Melder",
    submitterEmail: "kari.melder@example.no",
    submitterPhone: "+47 912 34 567",
    submitterDate: "2024-02-20",
    submitterRef: "2024/17",
    background: "Utvalet ønskjer ei brei satsing på koordinering.",
    urgency: "normal",
    ...overrides,
  };
}

function publicPost(fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("attachments", new File([f.bytes as BlobPart], f.name, { type: "application/pdf" }));
  return run(() => submitAction(args(new Request(`${BASE}/saker/ny`, { method: "POST", body: form, headers: { Origin: BASE } }))));
}

beforeAll(async () => {
  await seedDemoPlanHistory(db());
});

describe(`the public form refuses a national ID in any spelling, in every field (${process.env.TEST_DB})`, () => {
  for (const field of ["title", "submitterRef", "submitterPhone", "submitterOrg", "background", "proposal"]) {
    it(`refuses it in ${field}, keeps the other answers and never echoes the number`, async () => {
      for (const spelled of SPELLINGS) {
        const body = await refused(() => publicPost(publicFields({ [field]: `Sjå ${spelled}` })));
        expect(body.result.error[field], `${field}: ${JSON.stringify(spelled)}`).toBeDefined();
        if (field !== "submitterPhone") expect(body.result.error[field]).toEqual(["errors.nationalId"]);
        expect(JSON.stringify(body)).not.toContain("10046");
        expect(body.result.initialValue.submitterName).toBe("Kari Melder");
      }
    });
  }

  it("refuses an attachment whose file name holds a national ID (the file's error, every typed answer kept)", async () => {
    for (const spelled of SPELLINGS) {
      const body = await refused(() => publicPost(publicFields(), [{ name: `Epikrise ${spelled}.pdf`, bytes: PDF }]));
      expect(body.result.error.attachments).toEqual(["errors.fileNameNationalId"]);
      expect(body.result.initialValue.title).toBe("Betre koordinering av individuell plan");
      expect(body.result.initialValue.background).toBe("Utvalet ønskjer ei brei satsing på koordinering.");
    }
  });

  it("refuses NUL and other control characters with 400 (not 500), and line breaks in one-line fields", async () => {
    expect((await refused(() => publicPost(publicFields({ background: NUL })))).result.error.background).toEqual(["errors.controlCharacters"]);
    expect((await refused(() => publicPost(publicFields({ problem: "a\u0007b" })))).result.error.problem).toEqual(["errors.controlCharacters"]);
    expect((await refused(() => publicPost(publicFields({ title: "To\nlinjer" })))).result.error.title).toEqual(["errors.controlCharacters"]);
    // Line breaks in a multi-line text are fine.
    expect((await publicPost(publicFields({ background: "Linje ein\r\nLinje to\n\tmed innrykk" }))).status).toBe(303);
    // Optional one-line fields may stay empty.
    expect((await publicPost(publicFields({ submitterPhone: "", submitterRef: "", submitterOrg: "" }))).status).toBe(303);
  });

  it("stores file names without bidi controls and invisible characters", async () => {
    const res = await publicPost(publicFields(), [
      { name: "rapport\u202etxt.pdf", bytes: PDF },
      { name: "\u2066plan\u200b\u2069 2024\u200f.pdf", bytes: PDF },
    ]);
    expect(res.status).toBe(303);
    const names = (await db().select({ filename: caseAttachments.filename }).from(caseAttachments).orderBy(asc(caseAttachments.id))).map((a) => a.filename);
    expect(names.slice(-2)).toEqual(["rapporttxt.pdf", "plan 2024.pdf"]);
    for (const n of names) expect(n).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  });
});

describe(`internal texts refuse a national ID in any spelling and control characters (${process.env.TEST_DB})`, () => {
  it("case notes, rejection reasons and withholding bases", async () => {
    const sec = await cookieFor("sekretariat@demo.no");
    const c = await insertCase({ status: "received" });
    const post = (fields: Record<string, string>) => run(() => caseAction(args(formRequest(`/sekretariat/saker/${c.id}`, fields, { cookie: sec }), { id: c.id })));
    for (const spelled of SPELLINGS) {
      expect((await refused(() => post({ intent: "note", note: `Pasient ${spelled} ringde.` }))).result.error).toEqual({ note: ["errors.nationalId"] });
      expect((await refused(() => post({ intent: "reject", version: "1", confirm: "yes", reason: `Gjeld berre pasient ${spelled}.` }))).result.error).toEqual({
        reason: ["errors.nationalId"],
      });
      const withheld = await refused(() => post({ intent: "withheld", version: "1", withhold_title: "yes", basis_title: `Offl. § 13 ${spelled}` }));
      expect(withheld.result.error).toEqual({ basis_title: ["errors.nationalId"] });
    }
    expect((await refused(() => post({ intent: "note", note: NUL }))).result.error).toEqual({ note: ["errors.controlCharacters"] });
    expect((await refused(() => post({ intent: "reject", version: "1", confirm: "yes", reason: NUL }))).result.error).toEqual({ reason: ["errors.controlCharacters"] });
    // The same texts without the number go through.
    expect((await post({ intent: "note", note: "Pasientgruppa ringde 01.01.2024 kl. 10.00, tlf. 70 10 20 30." })).status).toBe(302);
  });

  it("meeting titles and places, orientation items, presenters, handling and decision, follow-up tasks, minutes", async () => {
    const sec = await cookieFor("sekretariat@demo.no");
    const newMeeting = (fields: Record<string, string>) =>
      run(() => newMeetingAction(args(formRequest("/utval/ssu/moter/ny", { date: "2030-09-11", time: "09:00", location: "Molde", ...fields }, { cookie: sec }), { slug: "ssu" })));
    for (const spelled of SPELLINGS.slice(0, 3)) {
      expect((await refused(() => newMeeting({ title: `Møte om ${spelled}` }))).result.error).toEqual({ title: ["errors.nationalId"] });
      expect((await refused(() => newMeeting({ location: `Rom ${spelled}` }))).result.error).toEqual({ location: ["errors.nationalId"] });
    }
    expect((await refused(() => newMeeting({ title: NUL }))).result.error).toEqual({ title: ["errors.controlCharacters"] });

    const { user } = await userFor("sekretariat@demo.no");
    const meetingId = (await createMeeting(user, { slug: "ssu", date: "2030-10-01", time: "10:00", location: "Molde" })).id;
    const c = await insertCase({ status: "routed", bodyId: await bodyId("ssu") });
    const url = `/utval/ssu/moter/${meetingId}`;
    const version = async () => String(first(await db().select({ v: meetings.version }).from(meetings).where(eq(meetings.id, meetingId))).v);
    const post = async (fields: Record<string, string>) =>
      run(async () => meetingAction(args(formRequest(url, { version: await version(), ...fields }, { cookie: sec }), { slug: "ssu", meetingId: String(meetingId) })));
    expect((await post({ intent: "add_case", caseId: c.id })).status).toBe(302);
    const item = first(
      await db()
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.caseId, c.id))),
    );
    const itemId = String(item.id);
    for (const spelled of SPELLINGS) {
      expect((await refused(() => post({ intent: "add_orientation", title: `Orientering om ${spelled}` }))).result.error.title).toEqual(["errors.nationalId"]);
      expect((await refused(() => post({ intent: "update_item", itemId, presenter: `Kari ${spelled}` }))).result.error.presenter).toEqual(["errors.nationalId"]);
      expect((await refused(() => post({ intent: "record", itemId, handling: `Pasient ${spelled}`, decision: "Teke til orientering." }))).result.error.handling).toEqual([
        "errors.nationalId",
      ]);
      expect((await refused(() => post({ intent: "record", itemId, handling: "", decision: `Vedtak om ${spelled}` }))).result.error.decision).toEqual(["errors.nationalId"]);
    }
    expect((await refused(() => post({ intent: "record", itemId, handling: "", decision: NUL }))).result.error.decision).toEqual(["errors.controlCharacters"]);
    expect((await post({ intent: "record", itemId, handling: "Drøfta.", decision: "Teke til orientering." })).status).toBe(302);
    for (const spelled of SPELLINGS) {
      expect((await refused(() => post({ intent: "add_task", itemId, what: `Ring ${spelled}`, responsible: "Sekretariatet" }))).result.error.what).toEqual(["errors.nationalId"]);
      expect((await refused(() => post({ intent: "add_task", itemId, what: "Ring", responsible: `Kari ${spelled}` }))).result.error.responsible).toEqual(["errors.nationalId"]);
    }
    expect((await refused(() => post({ intent: "add_task", itemId, what: NUL, responsible: "Sekretariatet" }))).result.error.what).toEqual(["errors.controlCharacters"]);

    const minutes = async (intro: string) =>
      run(async () =>
        minutesAction(
          args(formRequest(`${url}/referat`, { intent: "save_intro", version: await version(), intro }, { cookie: sec }), { slug: "ssu", meetingId: String(meetingId) }),
        ),
      );
    for (const spelled of SPELLINGS) expect((await refused(() => minutes(`Til stades: ${spelled}`))).result.error.intro).toEqual(["errors.nationalId"]);
    expect((await refused(() => minutes(NUL))).result.error.intro).toEqual(["errors.controlCharacters"]);
    expect((await minutes("Til stades: SSU.")).status).toBe(302);
  });

  it("plans, goals, measures and milestones", async () => {
    const cookie = await cookieFor("sekretariat@demo.no");
    const ssu = await bodyId("ssu");
    const newPlan = (titleNn: string) =>
      run(() =>
        newPlanAction(
          args(
            formRequest("/handlingsplanar/ny", { titleNn, slug: "", periodStart: "2025-01-01", periodEnd: "2026-12-31", ownerBodyId: String(ssu), status: "active" }, { cookie }),
          ),
        ),
      );
    const PLAN = "ke-ip-koordinator-2017-2020";
    const planPost = (fields: Record<string, string>) => run(() => planAction(args(formRequest(`/handlingsplanar/${PLAN}`, fields, { cookie }), { slug: PLAN })));
    const plan = await (await run(() => planLoader(args(getRequest(`/handlingsplanar/${PLAN}`, { cookie }), { slug: PLAN })))).json();
    const goalId = String(plan.goals[0].id);
    const path = `/handlingsplanar/${PLAN}/tiltak/1.2`;
    const measurePost = (fields: Record<string, string>) => run(() => measureAction(args(formRequest(path, fields, { cookie }), { slug: PLAN, number: "1.2" })));
    const m = first(await db().select().from(measures).where(eq(measures.id, plan.goals[0].measures[1].id)));
    const update = {
      intent: "update",
      version: String(m.version),
      title: m.title.nn,
      description: m.description.nn,
      responsible: "both",
      responsibleBodyId: "",
      status: "in_progress",
      progress: "40",
    };
    for (const spelled of SPELLINGS) {
      expect((await refused(() => newPlan(`Plan for ${spelled}`))).result.error.titleNn).toEqual(["errors.nationalId"]);
      expect((await refused(() => planPost({ intent: "addGoal", goalTitle: `Mål for ${spelled}` }))).result.error.goalTitle).toEqual(["errors.nationalId"]);
      expect(
        (await refused(() => planPost({ intent: "addMeasure", goalId, measureTitle: "Nytt tiltak", measureDescription: `Gjeld ${spelled}`, responsible: "both" }))).result.error
          .measureDescription,
      ).toEqual(["errors.nationalId"]);
      expect((await refused(() => measurePost({ ...update, title: `Tiltak ${spelled}` }))).result.error.title).toEqual(["errors.nationalId"]);
      expect((await refused(() => measurePost({ intent: "addMilestone", milestoneTitle: `Møte med ${spelled}`, dueDate: "2025-05-31" }))).result.error.milestoneTitle).toEqual([
        "errors.nationalId",
      ]);
    }
    expect((await refused(() => measurePost({ intent: "addMilestone", milestoneTitle: NUL, dueDate: "2025-05-31" }))).result.error.milestoneTitle).toEqual([
      "errors.controlCharacters",
    ]);
    expect((await refused(() => measurePost({ ...update, description: NUL }))).result.error.description).toEqual(["errors.controlCharacters"]);
    expect((await measurePost({ intent: "addMilestone", milestoneTitle: "Høyring 01.05.2025", dueDate: "2025-05-31" })).status).toBe(302);
  });
});

const OPEN = "Sluttevaluering 2023/24";
async function checklistOf(party: string) {
  const c = first(
    await db()
      .select({ id: checklists.id })
      .from(checklists)
      .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
      .where(and(eq(evaluationRounds.title, OPEN), eq(checklists.partyNumber, party))),
  );
  return c.id;
}

describe(`checklists: comments, rounds, Excel rows and autosave (${process.env.TEST_DB})`, () => {
  it("refuses a national ID or NUL in a checklist comment, in the form and in autosave, and in a round's title", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const id = await checklistOf("1506");
    const data = await (await run(() => checklistLoader(args(getRequest(`/sjekkliste/${id}`, { cookie }), { checklistId: String(id) })))).json();
    const firstMeasure = data.measures[0].id;
    const post = (fields: Record<string, string>) => run(() => checklistAction(args(formRequest(`/sjekkliste/${id}`, fields, { cookie }), { checklistId: String(id) })));
    for (const spelled of SPELLINGS) {
      for (const intent of ["save", "autosave"]) {
        const body = await refused(() => post({ intent, version: String(data.version), [`status-${firstMeasure}`]: "i_gang", [`comment-${firstMeasure}`]: `Gjeld ${spelled}` }));
        expect(body.result.error).toEqual({ [`comment-${firstMeasure}`]: ["errors.nationalId"] });
      }
      expect((await refused(() => post({ intent: "autosave", kePlacement: `Kontor ${spelled}` }))).result.error).toEqual({ kePlacement: ["errors.nationalId"] });
    }
    expect((await refused(() => post({ intent: "autosave", [`comment-${firstMeasure}`]: NUL }))).result.error).toEqual({
      [`comment-${firstMeasure}`]: ["errors.controlCharacters"],
    });

    const sec = await cookieFor("sekretariat@demo.no");
    const plan = first(await db().select({ id: plans.id }).from(plans).where(eq(plans.slug, "ke-ip-koordinator-2017-2020")));
    const round = (title: string) =>
      run(() =>
        newRoundAction(
          args(
            formRequest(
              "/sjekkliste/runde/ny",
              { planId: String(plan.id), title, description: "", referenceDate: "2030-01-01", deadline: "2030-02-01", reminderDaysBefore: "7" },
              { cookie: sec },
            ),
          ),
        ),
      );
    expect((await refused(() => round(`Runde ${SPELLINGS[1]}`))).result.error.title).toEqual(["errors.nationalId"]);
  });

  it("keeps the stored answers a checklist autosave leaves out; a present empty field clears its answer", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const id = await checklistOf("1506");
    const data = await (await run(() => checklistLoader(args(getRequest(`/sjekkliste/${id}`, { cookie }), { checklistId: String(id) })))).json();
    const [a, b] = data.measures.map((m: { id: number }) => m.id);
    const post = (fields: Record<string, string>) => run(() => checklistAction(args(formRequest(`/sjekkliste/${id}`, fields, { cookie }), { checklistId: String(id) })));
    const full = {
      intent: "autosave",
      [`status-${a}`]: "i_gang",
      [`comment-${a}`]: "Koordinatorskulen er i gang",
      [`status-${b}`]: "planlagt",
      [`comment-${b}`]: "Startar i haust",
      coordinators: "12",
      kePlacement: "Tildelingskontoret",
      keOnWebsite: "yes",
      keWebsiteUrl: "https://www.molde.kommune.no/ke",
    };
    expect((await post(full)).status).toBe(200);
    const stored = async () => ({
      answers: (await db().select().from(checklistAnswers).where(eq(checklistAnswers.checklistId, id)).orderBy(checklistAnswers.measureId)).map((r) => [
        r.measureId,
        r.status,
        r.comment,
      ]),
      figures: (await db().select().from(checklistKeyFigures).where(eq(checklistKeyFigures.checklistId, id)))[0],
    });
    const before = await stored();
    expect(before.answers).toEqual([
      [a, "i_gang", "Koordinatorskulen er i gang"],
      [b, "planlagt", "Startar i haust"],
    ]);

    // An autosave with only A's status: A's comment, everything of B and the key figures stay.
    expect((await post({ intent: "autosave", [`status-${a}`]: "gjennomfort" })).status).toBe(200);
    const after = await stored();
    expect(after.answers).toEqual([
      [a, "gjennomfort", "Koordinatorskulen er i gang"],
      [b, "planlagt", "Startar i haust"],
    ]);
    expect(after.figures).toEqual(before.figures);

    // An autosave with only B's comment, present and empty: that comment is cleared, nothing else.
    expect((await post({ intent: "autosave", [`comment-${b}`]: "" })).status).toBe(200);
    expect((await stored()).answers).toEqual([
      [a, "gjennomfort", "Koordinatorskulen er i gang"],
      [b, "planlagt", ""],
    ]);
    // A key figure alone: the others stay.
    expect((await post({ intent: "autosave", coordinators: "" })).status).toBe(200);
    expect((await stored()).figures).toEqual({ ...before.figures, coordinators: null });
  });

  it("refuses an Excel upload whose comment holds a national ID or NUL, naming the row, and stores nothing", async () => {
    const cookie = await cookieFor("ke-alesund@demo.no");
    const id = await checklistOf("1508");
    const template = await run(() => templateLoader(args(getRequest(`/sjekkliste/${id}/mal.xlsx`, { cookie }), { checklistId: String(id) })));
    expect(template.status).toBe(200);
    const bytes = await template.arrayBuffer();
    const upload = async (row: number, comment: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes);
      const sheet = wb.getWorksheet("Sjekkliste")!;
      for (let r = 2; r <= 13; r++) sheet.getCell(`C${r}`).value = "I gang";
      sheet.getCell(`D${row}`).value = comment;
      const form = new FormData();
      form.append("file", new File([await wb.xlsx.writeBuffer()], "sjekkliste.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      return run(() =>
        uploadAction(
          args(new Request(`${BASE}/sjekkliste/${id}/last-opp`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: BASE } }), { checklistId: String(id) }),
        ),
      );
    };
    for (const spelled of SPELLINGS) {
      const { errors } = await refused(() => upload(4, `Sjå ${spelled}`));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^Rad 4, kolonne D: Teksten inneheld eit fødselsnummer eller D-nummer/);
      expect(errors[0]).not.toContain("10046");
    }
    // ExcelJS drops a raw NUL when writing, but reads the escape _x0000_ as NUL: a crafted file carries one.
    const { errors } = await refused(() => upload(6, "Tekst_x0000_med NUL"));
    expect(errors).toEqual([expect.stringMatching(/^Rad 6, kolonne D: Teksten inneheld kontrollteikn/)]);
    expect((await upload(6, "Godt i gang")).status).toBe(302);
  });
});
