import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as countyLoader } from "~/routes/dashbord._index";
import { loader as exportLoader } from "~/routes/sjekkliste.runde.$id_.eksport[.xlsx]";
import { loader as templateLoader } from "~/routes/sjekkliste.$checklistId_.mal[.xlsx]";
import { action as uploadAction } from "~/routes/sjekkliste.$checklistId_.last-opp";
import { db } from "../../db/client";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { checklistAnswers, checklistKeyFigures, checklists, evaluationRounds } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { args, BASE, cookieFor, getRequest, run } from "../support/http";

useTestDatabase();

const PLAN = "ke-ip-koordinator-2017-2020";
const OPEN = "Sluttevaluering 2023/24";

async function roundIdOf(title: string) {
  const [r] = await db().select({ id: evaluationRounds.id }).from(evaluationRounds).where(eq(evaluationRounds.title, title));
  return r.id;
}
async function checklistOf(title: string, party: string) {
  const [c] = await db()
    .select({ id: checklists.id })
    .from(checklists)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
    .where(and(eq(evaluationRounds.title, title), eq(checklists.partyNumber, party)));
  return c.id;
}
async function workbook(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}
const text = (v: ExcelJS.CellValue) => (v == null ? "" : String(v));
function rows(ws: ExcelJS.Worksheet) {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return out;
}
function uploadRequest(path: string, cookie: string, file: Blob, name = "sjekkliste.xlsx") {
  const form = new FormData();
  form.append("file", new File([file], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  return new Request(BASE + path, { method: "POST", body: form, headers: { Cookie: cookie, Origin: BASE } });
}
async function answersOf(checklistId: number) {
  return db().select().from(checklistAnswers).where(eq(checklistAnswers.checklistId, checklistId));
}

beforeAll(async () => {
  await seedDemoPlanHistory(db());
});

describe(`Excel (${process.env.TEST_DB})`, () => {
  it("exports a closed round publicly, without comments, with the same numbers as the dashboard", async () => {
    const id = await roundIdOf("Evaluering hausten 2019");
    const wb = await workbook(await run(() => exportLoader(args(getRequest(`/sjekkliste/runde/${id}/eksport.xlsx`), { id: String(id) }))));
    const answers = wb.getWorksheet("Svar")!;
    const figures = wb.getWorksheet("Nøkkeltal")!;
    expect((answers.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(["Nummer", "Part", "Tiltak", "Tittel", "Status"]);
    const dashboard = await (await run(() => countyLoader(args(getRequest(`/dashbord?plan=${PLAN}&runde=${id}`))))).json();

    const answerRows = rows(answers);
    expect(answerRows.length).toBe((dashboard.perMeasure as { counts: Record<string, number> }[]).reduce((a, m) => a + Object.values(m.counts).reduce((x, y) => x + y, 0), 0));
    for (const m of dashboard.perMeasure as { number: string; counts: Record<string, number> }[]) {
      expect(answerRows.filter((r) => text(r[2]) === m.number && text(r[4]) === "Gjennomført").length).toBe(m.counts.gjennomfort);
      expect(answerRows.filter((r) => text(r[2]) === m.number && text(r[4]) === "I gang").length).toBe(m.counts.i_gang);
    }
    expect(new Set(answerRows.map((r) => text(r[0]))).size).toBe(dashboard.submittedCount);
    const figureRows = rows(figures);
    expect(figureRows.length).toBe(dashboard.submittedCount);
    const fields = ["coordinators", "individualPlans", "childCoordinators", "cooperationMeetings", "coordinationMeetings"];
    fields.forEach((f, i) => {
      const sum = figureRows.reduce((a, r) => a + Number(r[2 + i] ?? 0), 0);
      expect(sum).toBe(dashboard.keyFigures.find((k: { field: string }) => k.field === f).sum);
    });
  });

  it("keeps open rounds out of the public export and gives the secretariat comments and drafts", async () => {
    const id = await roundIdOf(OPEN);
    const pub = await run(() => exportLoader(args(getRequest(`/sjekkliste/runde/${id}/eksport.xlsx`), { id: String(id) })));
    expect(pub.status).toBe(404);
    const reporter = await run(async () => exportLoader(args(getRequest(`/sjekkliste/runde/${id}/eksport.xlsx`, { cookie: await cookieFor("ke-molde@demo.no") }), { id: String(id) })));
    expect(reporter.status).toBe(404);
    const wb = await workbook(await run(async () => exportLoader(args(getRequest(`/sjekkliste/runde/${id}/eksport.xlsx`, { cookie: await cookieFor("sekretariat@demo.no") }), { id: String(id) }))));
    const header = (wb.getWorksheet("Svar")!.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual(["Nummer", "Part", "Tiltak", "Tittel", "Status", "Kommentar", "Sendt inn"]);
    expect(rows(wb.getWorksheet("Svar")!).some((r) => text(r[6]) === "Nei")).toBe(true);
  });

  it("rejects a template with one bad row whole, naming the row and column, and stores nothing; then takes the corrected file", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const id = await checklistOf(OPEN, "1506");
    const wb = await workbook(await run(() => templateLoader(args(getRequest(`/sjekkliste/${id}/mal.xlsx`, { cookie }), { checklistId: String(id) }))));
    const sheet = wb.getWorksheet("Sjekkliste")!;
    expect(sheet.getCell("C2").dataValidation).toMatchObject({ type: "list" });
    expect(String(sheet.getCell("C2").dataValidation.formulae?.[0])).toContain("Gjennomført");
    const measureRows = rows(sheet);
    expect(measureRows.length).toBe(12);
    for (let r = 2; r <= 13; r++) sheet.getCell(`C${r}`).value = r % 2 ? "I gang" : "Gjennomført";
    sheet.getCell("D2").value = "Godt i gang med koordinatorskulen";
    sheet.getCell("C7").value = "ferdig";
    const figures = wb.getWorksheet("Nøkkeltal")!;
    ["14", "40", "3", "90", "50"].forEach((v, i) => (figures.getCell(`B${i + 2}`).value = Number(v)));
    figures.getCell("B7").value = "Tenestekontoret";
    figures.getCell("B8").value = "Ja";
    figures.getCell("B9").value = "https://www.molde.kommune.no/ke";

    const bad = await run(async () => uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([await wb.xlsx.writeBuffer()])), { checklistId: String(id) })));
    expect(bad.status).toBe(400);
    const { errors } = await bad.json();
    expect(errors).toEqual(["Rad 7, kolonne C: ukjend status «ferdig»"]);
    expect(await answersOf(id)).toEqual([]);
    expect(await db().select().from(checklistKeyFigures).where(eq(checklistKeyFigures.checklistId, id))).toEqual([]);

    figures.getCell("B3").value = -4;
    const two = await run(async () => uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([await wb.xlsx.writeBuffer()])), { checklistId: String(id) })));
    expect(two.status).toBe(400);
    const twoErrors = (await two.json()).errors as string[];
    expect(twoErrors).toHaveLength(2);
    expect(twoErrors[1]).toMatch(/^Ark Nøkkeltal, rad 3, kolonne B: Tal individuelle planar: Talet kan ikkje vere negativt/);
    expect(await answersOf(id)).toEqual([]);

    sheet.getCell("C7").value = "Planlagt";
    figures.getCell("B3").value = 40;
    const ok = await run(async () => uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([await wb.xlsx.writeBuffer()])), { checklistId: String(id) })));
    expect(ok.status).toBe(302);
    const stored = await answersOf(id);
    expect(stored).toHaveLength(12);
    expect(stored.filter((a) => a.status === "planlagt")).toHaveLength(1);
    expect(stored.some((a) => a.comment === "Godt i gang med koordinatorskulen")).toBe(true);
    const [kf] = await db().select().from(checklistKeyFigures).where(eq(checklistKeyFigures.checklistId, id));
    expect(kf).toMatchObject({ coordinators: 14, individualPlans: 40, keOnWebsite: true, kePlacement: "Tenestekontoret" });
  });

  it("refuses files that are not xlsx, templates of another checklist, and other parties' checklists", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const id = await checklistOf(OPEN, "1506");
    const notXlsx = await run(() => uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob(["status;kommentar\n1.1;ferdig"]), "sjekkliste.xlsx"), { checklistId: String(id) })));
    expect(notXlsx.status).toBe(415);

    const alesund = await checklistOf(OPEN, "1508");
    const before = await answersOf(alesund);
    const other = await run(() => uploadAction(args(uploadRequest(`/sjekkliste/${alesund}/last-opp`, cookie, new Blob(["x"])), { checklistId: String(alesund) })));
    expect([403, 404]).toContain(other.status);
    expect(await answersOf(alesund)).toEqual(before);

    // ke-alesund uploads Molde's template into Ålesund's checklist: refused (wrong checklist).
    const moldeTemplate = await run(() => templateLoader(args(getRequest(`/sjekkliste/${id}/mal.xlsx`, { cookie }), { checklistId: String(id) })));
    const alesundCookie = await cookieFor("ke-alesund@demo.no");
    const wrong = await run(async () => uploadAction(args(uploadRequest(`/sjekkliste/${alesund}/last-opp`, alesundCookie, new Blob([await moldeTemplate.arrayBuffer()])), { checklistId: String(alesund) })));
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors[0]).toContain("anna sjekkliste");
    expect(await answersOf(alesund)).toEqual(before);
  });
});
