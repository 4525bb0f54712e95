/**
 * The checklist and Excel operations called directly with an actor and a typed input
 * (docs/decisions/009-one-feature-contract.md): data back, or a DomainError with a code and kind.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { formatUploadError } from "~/components/checklists/upload-errors";
import { i18nFor } from "~/i18n";
import "~/i18n/plans";
import {
  checklistFormSchema,
  checklistIndex,
  createRound,
  getRoundOverview,
  openChecklist,
  reopenChecklist,
  roundActionSchema,
  saveChecklistDraft,
  setRoundStatus,
  submitChecklist,
  type ChecklistActor,
} from "~/models/checklists.server";
import { checklistTemplate, exportRound, parseTemplate, tableFile, XLSX_TYPE } from "~/models/excel.server";
import { DomainError } from "~/services/domain-error";
import { db } from "../../db/client";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { checklists, evaluationRounds, plans, userParties, users } from "../../db/schema";
import { useTestDatabase } from "../support/db";

useTestDatabase();

const OPEN = "Sluttevaluering 2023/24";
const CLOSED = "Evaluering hausten 2020";
let molde: ChecklistActor;
let secretariat: ChecklistActor;
const committee: ChecklistActor = { id: null, name: "utval", role: "committee_member", partyNumbers: [] };

async function userActor(email: string): Promise<ChecklistActor> {
  const [u] = await db().select().from(users).where(eq(users.email, email));
  const own = await db().select({ n: userParties.partyNumber }).from(userParties).where(eq(userParties.userId, u!.id));
  return { id: u!.id, name: u!.name, role: u!.role, partyNumbers: own.map((p) => p.n) };
}
async function checklistOf(title: string, party: string) {
  const [c] = await db()
    .select({ id: checklists.id, version: checklists.version, roundId: checklists.roundId })
    .from(checklists)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .where(and(eq(evaluationRounds.title, title), eq(checklists.partyNumber, party)));
  return c!;
}
async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, kind, field, params } = error as DomainError;
  return { code, kind, field, params };
}

beforeAll(async () => {
  await seedDemoPlanHistory(db());
  molde = await userActor("ke-molde@demo.no");
  secretariat = await userActor("sekretariat@demo.no");
});

describe(`checklist operations (${process.env.TEST_DB})`, () => {
  it("opens a checklist within the actor's scope only", async () => {
    const own = await checklistOf(OPEN, "1506");
    const other = await checklistOf(OPEN, "1508");
    const opened = await openChecklist(molde, { checklistId: own.id, write: true });
    expect(opened.checklist.checklist.partyNumber).toBe("1506");
    expect(opened.editable).toBe(true);
    expect(await rejection(openChecklist(molde, { checklistId: other.id }))).toMatchObject({ kind: "notFound" });
    expect(await rejection(openChecklist(committee, { checklistId: own.id }))).toMatchObject({ kind: "forbidden" });
    const read = await openChecklist(secretariat, { checklistId: other.id });
    expect(read.editable).toBe(false);
    expect(await rejection(openChecklist(secretariat, { checklistId: other.id, write: true }))).toMatchObject({ kind: "forbidden" });
    expect((await checklistIndex(molde)).own?.some((c) => c.id === own.id)).toBe(true);
    expect((await checklistIndex(secretariat)).own).toBeNull();
  });

  it("saves drafts: last write wins for autosave, a conflict without a version, notFound for another party", async () => {
    const own = await checklistOf(OPEN, "1506");
    const saved = await saveChecklistDraft(molde, { checklistId: own.id, version: null, lastWriteWins: true, answers: [], keyFigures: { coordinators: 3 } });
    expect(saved.version).toBe(own.version + 1);
    expect(await rejection(saveChecklistDraft(molde, { checklistId: own.id, version: null, answers: [], keyFigures: {} }))).toMatchObject({
      code: "errors.conflict",
      kind: "conflict",
    });
    const other = await checklistOf(OPEN, "1508");
    expect(await rejection(saveChecklistDraft(molde, { checklistId: other.id, version: null, lastWriteWins: true, answers: [], keyFigures: {} }))).toMatchObject({
      kind: "notFound",
    });
    expect(await rejection(saveChecklistDraft(secretariat, { checklistId: own.id, version: null, lastWriteWins: true, answers: [], keyFigures: {} }))).toMatchObject({
      kind: "forbidden",
    });
  });

  it("refuses an incomplete submission with the missing measures as a param", async () => {
    const own = await checklistOf(OPEN, "1506");
    const error = await rejection(submitChecklist(molde, { checklistId: own.id }));
    expect(error).toMatchObject({ code: "submit.incomplete", kind: "invalid" });
    expect(String(error.params.list)).toMatch(/^\d/);
  });

  it("lets only the secretariat create, open, close and see rounds; a taken title is an error on the title field", async () => {
    const [plan] = await db().select().from(plans).where(eq(plans.slug, "felles-handlingsplan-2023-2024"));
    const input = { planId: plan!.id, title: "Operasjonstest", description: "", referenceDate: "2025-01-01", deadline: "2025-02-01", reminderDaysBefore: 3 };
    expect(await rejection(createRound(molde, input))).toMatchObject({ kind: "forbidden" });
    const { id } = await createRound(secretariat, input);
    expect(await rejection(createRound(secretariat, input))).toMatchObject({ code: "errors.roundTitleTaken", kind: "invalid", field: "title" });
    const overview = await getRoundOverview(secretariat, { roundId: id });
    expect(overview.counts.nothing).toBe(overview.checklists.length);
    expect(await rejection(getRoundOverview(molde, { roundId: id }))).toMatchObject({ kind: "forbidden" });
    expect(await rejection(getRoundOverview(secretariat, { roundId: 2_000_000_000 }))).toMatchObject({ kind: "notFound" });
    await setRoundStatus(secretariat, { roundId: id, status: "closed" });
    expect((await getRoundOverview(secretariat, { roundId: id })).round.status).toBe("closed");
    expect(await rejection(setRoundStatus(secretariat, { roundId: 2_000_000_000, status: "open" }))).toMatchObject({ kind: "notFound" });
    const draft = overview.checklists[0]!.checklistId;
    expect(await rejection(reopenChecklist(secretariat, { roundId: id, checklistId: draft }))).toMatchObject({ code: "errors.invalid", kind: "invalid" });
  });

  it("exports closed rounds to anyone and open rounds to the secretariat only; the template is a download of the actor's checklist", async () => {
    const [closed] = await db().select().from(evaluationRounds).where(eq(evaluationRounds.title, CLOSED));
    const [open] = await db().select().from(evaluationRounds).where(eq(evaluationRounds.title, OPEN));
    const file = await exportRound(null, { roundId: closed!.id, lang: "nn" });
    expect(file).toMatchObject({ contentType: XLSX_TYPE, filename: "evaluering-hausten-2020.xlsx" });
    expect(file.bytes.length).toBeGreaterThan(1000);
    expect(await rejection(exportRound(null, { roundId: open!.id, lang: "nn" }))).toMatchObject({ kind: "notFound" });
    expect(await rejection(exportRound(molde, { roundId: open!.id, lang: "nn" }))).toMatchObject({ kind: "notFound" });
    expect((await exportRound(secretariat, { roundId: open!.id, lang: "nn" })).filename).toBe("sluttevaluering-2023-24.xlsx");
    const own = await checklistOf(OPEN, "1506");
    expect((await checklistTemplate(molde, { checklistId: own.id, lang: "nn" })).filename).toBe("sjekkliste-sluttevaluering-2023-24-1506.xlsx");
    expect(await rejection(checklistTemplate(molde, { checklistId: (await checklistOf(OPEN, "1508")).id, lang: "nn" }))).toMatchObject({ kind: "notFound" });
    const csv = await tableFile("tal", "csv", { name: "tal", title: "Tal", columns: ["a"], rows: [["=1"]] });
    expect(csv).toMatchObject({ filename: "tal.csv", contentType: "text/csv; charset=utf-8" });
  });

  it("gives upload errors as codes with params, formatted for the reader by formatUploadError", async () => {
    const own = await checklistOf(OPEN, "1506");
    const parsed = await parseTemplate({ bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0]), checklistId: own.id, measures: [] });
    expect(parsed).toMatchObject({ ok: false, errors: [{ code: "upload.notXlsx", row: null }] });
    const t = i18nFor("nn").getFixedT("nn", "plans");
    expect(formatUploadError({ sheet: "Sjekkliste", row: 7, column: "C", code: "upload.unknownStatus", params: { value: "ferdig" } }, t)).toBe(
      "Rad 7, kolonne C: ukjend status «ferdig»",
    );
    expect(formatUploadError({ sheet: "Nøkkeltal", row: 3, column: "B", code: "errors.negative", params: { figure: "individualPlans", value: "-4" } }, t)).toMatch(
      /^Ark Nøkkeltal, rad 3, kolonne B: .+: Talet kan ikkje vere negativt\. \(«-4»\)$/,
    );
  });
});

describe("checklist form schemas", () => {
  const ids = [11, 12];
  it("changes only the fields present: an empty field clears, an absent one keeps", () => {
    const parsed = checklistFormSchema(ids).safeParse({ "status-11": "", "comment-11": " Ok ", "status-12": "i_gang", coordinators: "1 200", version: "4" });
    expect(parsed.success && parsed.data).toEqual({
      intent: "save",
      version: 4,
      answers: [
        { measureId: 11, status: null, comment: "Ok" },
        { measureId: 12, status: "i_gang" },
      ],
      keyFigures: { coordinators: 1200 },
    });
  });
  it("names each bad field with its message key", () => {
    const parsed = checklistFormSchema(ids).safeParse({ intent: "autosave", "status-11": "ferdig", coordinators: "-1", keWebsiteUrl: "ikkje ei adresse" });
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["status-11", "errors.unknownStatus"],
        ["coordinators", "errors.negative"],
        ["keWebsiteUrl", "errors.badUrl"],
      ]),
    );
  });
  it("reads the round page's intents as one union", () => {
    expect(roundActionSchema.parse({ intent: "reopen", checklistId: "5" })).toEqual({ intent: "reopen", checklistId: 5 });
    expect(roundActionSchema.safeParse({ intent: "delete" }).success).toBe(false);
  });
});
