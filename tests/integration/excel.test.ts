import ExcelJS from "exceljs";
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";
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
import { first } from "../support/one";

useTestDatabase();

const PLAN = "ke-ip-koordinator-2017-2020";
const OPEN = "Sluttevaluering 2023/24";

async function roundIdOf(title: string) {
  const r = first(await db().select({ id: evaluationRounds.id }).from(evaluationRounds).where(eq(evaluationRounds.title, title)));
  return r.id;
}
async function checklistOf(title: string, party: string) {
  const c = first(
    await db()
      .select({ id: checklists.id })
      .from(checklists)
      .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
      .where(and(eq(evaluationRounds.title, title), eq(checklists.partyNumber, party))),
  );
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
    const reporter = await run(async () =>
      exportLoader(args(getRequest(`/sjekkliste/runde/${id}/eksport.xlsx`, { cookie: await cookieFor("ke-molde@demo.no") }), { id: String(id) })),
    );
    expect(reporter.status).toBe(404);
    const wb = await workbook(
      await run(async () => exportLoader(args(getRequest(`/sjekkliste/runde/${id}/eksport.xlsx`, { cookie: await cookieFor("sekretariat@demo.no") }), { id: String(id) }))),
    );
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

    const bad = await run(async () =>
      uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([await wb.xlsx.writeBuffer()])), { checklistId: String(id) })),
    );
    expect(bad.status).toBe(400);
    const { errors } = await bad.json();
    expect(errors).toEqual(["Rad 7, kolonne C: ukjend status «ferdig»"]);
    expect(await answersOf(id)).toEqual([]);
    expect(await db().select().from(checklistKeyFigures).where(eq(checklistKeyFigures.checklistId, id))).toEqual([]);

    figures.getCell("B3").value = -4;
    const two = await run(async () =>
      uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([await wb.xlsx.writeBuffer()])), { checklistId: String(id) })),
    );
    expect(two.status).toBe(400);
    const twoErrors = (await two.json()).errors as string[];
    expect(twoErrors).toHaveLength(2);
    expect(twoErrors[1]).toMatch(/^Ark Nøkkeltal, rad 3, kolonne B: Tal individuelle planar: Talet kan ikkje vere negativt/);
    expect(await answersOf(id)).toEqual([]);

    sheet.getCell("C7").value = "Planlagt";
    figures.getCell("B3").value = 40;
    // A file name with `;`, `=` and `"` is read like any other (issue 11, finding 15).
    const okRequest = uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([await wb.xlsx.writeBuffer()]), 'sjekk;liste="2024"=ok.xlsx');
    const ok = await run(async () => uploadAction(args(okRequest, { checklistId: String(id) })));
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
    const notXlsx = await run(() =>
      uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob(["status;kommentar\n1.1;ferdig"]), "sjekkliste.xlsx"), { checklistId: String(id) })),
    );
    expect(notXlsx.status).toBe(415);

    const alesund = await checklistOf(OPEN, "1508");
    const before = await answersOf(alesund);
    const other = await run(() => uploadAction(args(uploadRequest(`/sjekkliste/${alesund}/last-opp`, cookie, new Blob(["x"])), { checklistId: String(alesund) })));
    expect([403, 404]).toContain(other.status);
    expect(await answersOf(alesund)).toEqual(before);

    // ke-alesund uploads Molde's template into Ålesund's checklist: refused (wrong checklist).
    const moldeTemplate = await run(() => templateLoader(args(getRequest(`/sjekkliste/${id}/mal.xlsx`, { cookie }), { checklistId: String(id) })));
    const alesundCookie = await cookieFor("ke-alesund@demo.no");
    const wrong = await run(async () =>
      uploadAction(args(uploadRequest(`/sjekkliste/${alesund}/last-opp`, alesundCookie, new Blob([await moldeTemplate.arrayBuffer()])), { checklistId: String(alesund) })),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors[0]).toContain("anna sjekkliste");
    expect(await answersOf(alesund)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 11, finding 11: zip bombs and row bombs are refused before exceljs loads them.

type ZipEntry = { name: string; deflated: Buffer; size: number; crc: number };
const entryOf = (name: string, text: string): ZipEntry => {
  const raw = Buffer.from(text, "utf8");
  return { name, deflated: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};
/** A zip (deflate) of the entries; `declare` overrides the declared uncompressed size of an entry. */
function zip(entries: ZipEntry[], declare: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const size = declare[e.name] ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** A minimal workbook (one sheet "Sjekkliste") with the given rows XML, as exceljs reads it. */
function xlsxParts(rowsXml: string): ZipEntry[] {
  return [
    entryOf(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    entryOf(
      "_rels/.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    entryOf("xl/workbook.xml", `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="Sjekkliste" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    entryOf(
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    entryOf("xl/worksheets/sheet1.xml", `<worksheet ${NS}><sheetData>${rowsXml}</sheetData></worksheet>`),
  ];
}
/** `size` bytes of zeros, deflated as a stream (never held unpacked). */
async function deflatedZeros(name: string, size: number): Promise<ZipEntry> {
  const chunk = Buffer.alloc(1024 * 1024);
  const out: Buffer[] = [];
  const deflate = createDeflateRaw({ level: 9 });
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), size, crc };
}
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

describe(`Excel upload limits (${process.env.TEST_DB})`, () => {
  it("refuses a 500,000-row sheet, a row numbered 1,000,000 and a 150 MB zip bomb (even with lying sizes) with 413 and a message, in bounded memory", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const id = await checklistOf(OPEN, "1506");
    const rowsBomb = zip(xlsxParts('<row r="1"><c r="A1" t="inlineStr"><is><t>Tiltak</t></is></c></row>' + "<row/>".repeat(500_000)));
    const farRow = zip(xlsxParts('<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'));
    const wideRow = zip(xlsxParts('<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'));
    const zeros = await deflatedZeros("xl/media/image1.bin", 150 * 1024 * 1024);
    const zipBomb = zip([...xlsxParts(""), zeros]);
    const lyingBomb = zip([...xlsxParts(""), zeros], { "xl/media/image1.bin": 1000 });
    const cases = [
      { label: "500,000 rows", bytes: rowsBomb, message: "Fila har for mange rader eller kolonnar (høgst 1000 rader)" },
      { label: "row 1,000,000", bytes: farRow, message: "Fila har for mange rader eller kolonnar (høgst 1000 rader)" },
      { label: "column XFD", bytes: wideRow, message: "Fila har for mange rader eller kolonnar (høgst 1000 rader)" },
      { label: "150 MB bomb", bytes: zipBomb, message: "Fila er for stor når ho blir pakka ut (høgst 5 MB)" },
      { label: "150 MB bomb, declared 1 KB", bytes: lyingBomb, message: "Fila er for stor når ho blir pakka ut (høgst 5 MB)" },
    ];
    const before = await answersOf(id);
    const figures: string[] = [];
    for (const c of cases) {
      const start = memory();
      const res = await run(() => uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([c.bytes as BlobPart])), { checklistId: String(id) })));
      const grew = memory() - start;
      expect(res.status, c.label).toBe(413);
      const { errors } = await res.json();
      expect(errors, c.label).toHaveLength(1);
      expect(errors[0], c.label).toContain(c.message);
      // The original code grew by ~300 MB on 500,000 rows; unpacking is capped at 5 MB now.
      expect(grew, c.label).toBeLessThan(64 * 1024 * 1024);
      figures.push(`${c.label}: ${(c.bytes.length / 1024).toFixed(1)} KB on disk, memory ${grew >= 0 ? "+" : ""}${(grew / 1024 / 1024).toFixed(1)} MB`);
    }
    expect(await answersOf(id)).toEqual(before);
    console.log(`Excel upload limits: ${figures.join("; ")}`);
  });

  it("lets the template's size through the limits (a small workbook loads and is checked as usual)", async () => {
    const cookie = await cookieFor("ke-molde@demo.no");
    const id = await checklistOf(OPEN, "1506");
    const small = zip(xlsxParts(Array.from({ length: 20 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${i}</t></is></c></row>`).join("")));
    const res = await run(() => uploadAction(args(uploadRequest(`/sjekkliste/${id}/last-opp`, cookie, new Blob([small as BlobPart])), { checklistId: String(id) })));
    // Past the limits, exceljs reads it: it is not this checklist's template (no metadata sheet).
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toContain("anna sjekkliste");
  });
});
