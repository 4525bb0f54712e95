/**
 * Excel (exceljs): the round export, the checklist template a reporter downloads, the upload that
 * reads it back (every row validated, errors per row and column, nothing stored unless the whole
 * file is valid), and plain tables for the dashboards' downloads.
 */
import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { checklistAnswers, checklistKeyFigures, checklists, evaluationRounds, parties, plans } from "../../db/schema";
import { i18nFor, localized, type Lang } from "~/i18n";
import { DomainError, type DomainErrorParams } from "~/services/domain-error";
import { log } from "~/services/log.server";
import { slugify } from "~/services/slug";
import {
  ANSWER_STATUSES,
  MAX_COMMENT,
  NUMBER_FIELDS,
  openChecklist,
  parseKeyFigureNumber,
  parseWebsiteUrl,
  saveChecklistDraft,
  type AnswerInput,
  type AnswerStatus,
  type ChecklistActor,
  type KeyFigures,
  type NumberField,
} from "./checklists.server";
import { toCsv, type DataTable } from "./dashboard.server";
import { maskNationalIdNumbers } from "./national-id";
import { planMeasures } from "./plans.server";
import { freeTextProblem } from "./text-rules";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A file to download; the route turns it into a Response (app/http/download.server.ts). */
export type DownloadFile = { bytes: Uint8Array; filename: string; contentType: string };
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** An upload unpacks to at most this much (the template is about 20 KB unpacked). */
export const MAX_UNPACKED_BYTES = 5 * 1024 * 1024;
/** Rows per sheet of an upload (the template has a dozen measures and nine key figures). */
export const MAX_UPLOAD_ROWS = 1_000;
/** Columns per sheet of an upload (the template uses five). */
export const MAX_UPLOAD_COLUMNS = 50;
/** Files inside an upload (the template has about a dozen). */
const MAX_ZIP_ENTRIES = 200;

const tFor = (lang: Lang) => i18nFor(lang).getFixedT(lang, "plans");

/** Status labels in the three languages, for writing (in `lang`) and reading (any language or code). */
export function statusLabel(status: AnswerStatus, lang: Lang) {
  return tFor(lang)(`answerStatus.${status}`);
}
function statusFromCell(value: string): AnswerStatus | null {
  const v = value.trim().toLowerCase();
  for (const s of ANSWER_STATUSES) {
    if (v === s) return s;
    for (const l of ["nn", "nb", "en"] as const) if (statusLabel(s, l).toLowerCase() === v) return s;
  }
  return null;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const fileName = (title: string) => slugify(title, { maxLength: 60, fallback: "eksport" });

/** Spreadsheet programs run cells that start with = + - @ as formulas: prefix those texts. */
const safeText = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);

function styleHeader(ws: ExcelJS.Worksheet) {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

// ---------------------------------------------------------------------------------------------
// Round export

/**
 * The round's answers and key figures as a workbook. The secretariat gets everything (drafts
 * marked, with comments); anyone else (`actor` null: not signed in) closed rounds only, submitted
 * checklists, without comments — an open round is notFound for them.
 */
export async function exportRound(actor: Pick<ChecklistActor, "role"> | null, input: { roundId: number; lang: Lang }): Promise<DownloadFile> {
  const secretariat = actor?.role === "secretariat";
  return buildRoundExport({ roundId: input.roundId, includeComments: secretariat, includeDrafts: secretariat, closedOnly: !secretariat, lang: input.lang });
}

async function buildRoundExport(input: { roundId: number; includeComments: boolean; includeDrafts: boolean; closedOnly: boolean; lang: Lang }): Promise<DownloadFile> {
  const t = tFor(input.lang);
  const [round] = await db()
    .select({ id: evaluationRounds.id, title: evaluationRounds.title, planId: evaluationRounds.planId, status: evaluationRounds.status, planTitle: plans.title })
    .from(evaluationRounds)
    .innerJoin(plans, eq(plans.id, evaluationRounds.planId))
    .where(and(eq(evaluationRounds.id, input.roundId), input.closedOnly ? eq(evaluationRounds.status, "closed") : undefined));
  if (!round) throw new DomainError("common:errors.notFoundText", {}, { kind: "notFound" });
  const [measureRows, answerRows, figureRows] = await Promise.all([
    planMeasures(round.planId),
    db()
      .select({
        partyNumber: checklists.partyNumber,
        partyName: parties.name,
        submitted: sql<boolean>`${checklists.status} = 'submitted'`,
        measureId: checklistAnswers.measureId,
        status: checklistAnswers.status,
        comment: checklistAnswers.comment,
      })
      .from(checklists)
      .innerJoin(parties, eq(parties.number, checklists.partyNumber))
      .innerJoin(checklistAnswers, eq(checklistAnswers.checklistId, checklists.id))
      .where(and(eq(checklists.roundId, round.id), input.includeDrafts ? undefined : eq(checklists.status, "submitted")))
      .orderBy(asc(checklists.partyNumber)),
    db()
      .select({ partyNumber: checklists.partyNumber, partyName: parties.name, submitted: sql<boolean>`${checklists.status} = 'submitted'`, kf: checklistKeyFigures })
      .from(checklists)
      .innerJoin(parties, eq(parties.number, checklists.partyNumber))
      .innerJoin(checklistKeyFigures, eq(checklistKeyFigures.checklistId, checklists.id))
      .where(and(eq(checklists.roundId, round.id), input.includeDrafts ? undefined : eq(checklists.status, "submitted")))
      .orderBy(asc(checklists.partyNumber)),
  ]);
  const measureById = new Map(measureRows.map((m) => [m.id, m]));
  const order = new Map(measureRows.map((m, i) => [m.id, i]));
  answerRows.sort((a, b) => a.partyNumber.localeCompare(b.partyNumber) || order.get(a.measureId)! - order.get(b.measureId)!);

  const wb = new ExcelJS.Workbook();
  wb.creator = "Helsefellesskap Møre og Romsdal";
  const answers = wb.addWorksheet("Svar");
  answers.columns = [
    { header: t("excel.partyNumber"), key: "partyNumber", width: 12 },
    { header: t("excel.partyName"), key: "partyName", width: 28 },
    { header: t("excel.measureNumber"), key: "measureNumber", width: 10 },
    { header: t("excel.measureTitle"), key: "measureTitle", width: 50 },
    { header: t("excel.status"), key: "status", width: 16 },
    ...(input.includeComments ? [{ header: t("excel.comment"), key: "comment", width: 60 }] : []),
    ...(input.includeDrafts ? [{ header: t("excel.submitted"), key: "submitted", width: 12 }] : []),
  ];
  for (const a of answerRows) {
    const m = measureById.get(a.measureId);
    if (!m) continue;
    answers.addRow({
      partyNumber: a.partyNumber,
      partyName: a.partyName,
      measureNumber: m.number,
      measureTitle: localized(m.title, input.lang),
      status: a.status ? statusLabel(a.status, input.lang) : "",
      comment: safeText(a.comment),
      submitted: a.submitted ? t("excel.yes") : t("excel.no"),
    });
  }
  styleHeader(answers);
  const figures = wb.addWorksheet("Nøkkeltal");
  figures.columns = [
    { header: t("excel.partyNumber"), key: "partyNumber", width: 12 },
    { header: t("excel.partyName"), key: "partyName", width: 28 },
    ...NUMBER_FIELDS.map((f) => ({ header: t(`keyFigures.${f}`), key: f, width: 16 })),
    { header: t("keyFigures.kePlacement"), key: "kePlacement", width: 30 },
    { header: t("keyFigures.keOnWebsite"), key: "keOnWebsite", width: 14 },
    { header: t("keyFigures.keWebsiteUrl"), key: "keWebsiteUrl", width: 40 },
    ...(input.includeDrafts ? [{ header: t("excel.submitted"), key: "submitted", width: 12 }] : []),
  ];
  for (const f of figureRows) {
    figures.addRow({
      partyNumber: f.partyNumber,
      partyName: f.partyName,
      ...Object.fromEntries(NUMBER_FIELDS.map((n) => [n, f.kf[n]])),
      kePlacement: safeText(f.kf.kePlacement),
      keOnWebsite: f.kf.keOnWebsite == null ? "" : f.kf.keOnWebsite ? t("excel.yes") : t("excel.no"),
      keWebsiteUrl: f.kf.keWebsiteUrl,
      submitted: f.submitted ? t("excel.yes") : t("excel.no"),
    });
  }
  styleHeader(figures);
  return { bytes: new Uint8Array(await toBuffer(wb)), filename: `${fileName(round.title)}.xlsx`, contentType: XLSX_TYPE };
}

// ---------------------------------------------------------------------------------------------
// Template and upload

export const TEMPLATE_SHEET = "Sjekkliste";
export const FIGURES_SHEET = "Nøkkeltal";
const META_SHEET = "meta";
/** Rows of the key-figures sheet, in order (row 2 onwards). */
const FIGURE_ROWS: (NumberField | "kePlacement" | "keOnWebsite" | "keWebsiteUrl")[] = [...NUMBER_FIELDS, "kePlacement", "keOnWebsite", "keWebsiteUrl"];

/** The checklist as an Excel template (the reporter their own party's; the secretariat any, read-only). */
export async function checklistTemplate(actor: ChecklistActor, input: { checklistId: number; lang: Lang }): Promise<DownloadFile> {
  const { checklist } = await openChecklist(actor, { checklistId: input.checklistId });
  const bytes = await buildTemplate({
    checklistId: checklist.checklist.id,
    partyName: checklist.partyName,
    roundTitle: checklist.round.title,
    measures: checklist.measures,
    keyFigures: checklist.keyFigures,
    lang: input.lang,
  });
  return { bytes: new Uint8Array(bytes), filename: `sjekkliste-${fileName(checklist.round.title)}-${checklist.checklist.partyNumber}.xlsx`, contentType: XLSX_TYPE };
}

export async function buildTemplate(input: {
  checklistId: number;
  partyName: string;
  roundTitle: string;
  measures: { id: number; number: string; title: { nn: string; nb: string; en: string }; status: AnswerStatus | null; comment: string }[];
  keyFigures: KeyFigures;
  lang: Lang;
}) {
  const t = tFor(input.lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Helsefellesskap Møre og Romsdal";
  wb.title = `${input.roundTitle} – ${input.partyName}`;
  const ws = wb.addWorksheet(TEMPLATE_SHEET);
  ws.columns = [
    { header: t("excel.measureNumber"), key: "number", width: 10 },
    { header: t("excel.measureTitle"), key: "title", width: 60 },
    { header: t("excel.status"), key: "status", width: 18 },
    { header: t("excel.comment"), key: "comment", width: 60 },
  ];
  const labels = ANSWER_STATUSES.map((s) => statusLabel(s, input.lang));
  for (const m of input.measures) {
    const row = ws.addRow({ number: m.number, title: localized(m.title, input.lang), status: m.status ? statusLabel(m.status, input.lang) : "", comment: m.comment });
    row.getCell(3).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${labels.join(",")}"`],
      showErrorMessage: true,
      errorTitle: t("excel.status"),
      error: t("excel.statusHint", { list: labels.join(", ") }),
    };
    row.getCell(4).alignment = { wrapText: true, vertical: "top" };
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
  styleHeader(ws);
  const fs = wb.addWorksheet(FIGURES_SHEET);
  fs.columns = [
    { header: t("excel.figure"), key: "label", width: 40 },
    { header: t("excel.value"), key: "value", width: 40 },
  ];
  for (const f of FIGURE_ROWS) {
    const v = input.keyFigures[f];
    const value = f === "keOnWebsite" ? (v == null ? "" : v ? t("excel.yes") : t("excel.no")) : (v ?? "");
    const row = fs.addRow({ label: t(`keyFigures.${f}`), value });
    if ((NUMBER_FIELDS as readonly string[]).includes(f)) {
      row.getCell(2).dataValidation = { type: "whole", operator: "between", allowBlank: true, formulae: [0, 100000], showErrorMessage: true, error: t("errors.notWhole") };
    } else if (f === "keOnWebsite") {
      row.getCell(2).dataValidation = { type: "list", allowBlank: true, formulae: [`"${t("excel.yes")},${t("excel.no")}"`] };
    }
  }
  styleHeader(fs);
  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRow(["checklistId", input.checklistId]);
  return toBuffer(wb);
}

/** An upload error: where (sheet, row, column; null: the whole file) and what (an i18n key of plans, with params). */
export type UploadError = { sheet: string; row: number | null; column: string | null; code: string; params: DomainErrorParams };
export type ParsedUpload = { ok: true; answers: AnswerInput[]; keyFigures: KeyFigures } | { ok: false; errors: UploadError[]; tooLarge?: true };

export type XlsxLimit = { ok: true } | { ok: false; reason: "notXlsx" | "unpackedTooLarge" | "tooManyRows" };

/**
 * Checks an upload before exceljs loads it (issue 11, finding 11): exceljs unpacks and builds the
 * whole workbook in memory, so a small zip that unpacks to 150 MB, or a sheet of 500,000 rows (or
 * one row numbered 1,000,000), would hold the server for seconds and hundreds of MB.
 *
 * Reads the zip's central directory; refuses more than MAX_ZIP_ENTRIES files or declared sizes over
 * MAX_UNPACKED_BYTES in all, then inflates every entry with an output limit (the declared sizes may
 * lie), so at most MAX_UNPACKED_BYTES is ever unpacked. In the worksheets' XML it counts the rows
 * and reads the highest row and column numbers. Plain byte work, no XML parser.
 */
export function checkXlsxLimits(bytes: Uint8Array): XlsxLimit {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const refuse = (reason: "notXlsx" | "unpackedTooLarge" | "tooManyRows") => ({ ok: false, reason }) as const;
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes at the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return refuse("notXlsx");
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  // Zip64 (sizes or offsets of 0xFFFFFFFF) is never needed for a small template.
  if (entries === 0xffff || at === 0xffffffff) return refuse("unpackedTooLarge");
  if (entries > MAX_ZIP_ENTRIES) return refuse("unpackedTooLarge");
  const list: { name: string; method: number; compressed: number; size: number; local: number }[] = [];
  let declared = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return refuse("notXlsx");
    const entry = {
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      local: buf.readUInt32LE(at + 42),
      name: buf.toString("utf8", at + 46, at + 46 + buf.readUInt16LE(at + 28)),
    };
    if (entry.size === 0xffffffff || entry.compressed === 0xffffffff) return refuse("unpackedTooLarge");
    declared += entry.size;
    if (declared > MAX_UNPACKED_BYTES) return refuse("unpackedTooLarge");
    list.push(entry);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  let unpacked = 0;
  for (const entry of list) {
    const local = entry.local;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return refuse("notXlsx");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + entry.compressed);
    const room = MAX_UNPACKED_BYTES - unpacked;
    let content: Buffer;
    if (entry.method === 0) content = data;
    else if (entry.method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, room + 1) });
      } catch (error) {
        return refuse((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError ? "unpackedTooLarge" : "notXlsx");
      }
    } else return refuse("notXlsx");
    unpacked += content.length;
    if (unpacked > MAX_UNPACKED_BYTES) return refuse("unpackedTooLarge");
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) && !sheetWithinLimits(content.toString("utf8"))) return refuse("tooManyRows");
  }
  return { ok: true };
}

/** Rows counted, and the highest row and column number of any row or cell, within the caps. */
function sheetWithinLimits(xml: string): boolean {
  let rows = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?row\b([^>]*)>/g)) {
    if (++rows > MAX_UPLOAD_ROWS) return false;
    const r = /\br="(\d+)"/.exec(m[1] ?? "");
    if (r && Number(r[1]) > MAX_UPLOAD_ROWS) return false;
  }
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*\br="([A-Z]+)(\d+)"/g)) {
    if (Number(m[2]) > MAX_UPLOAD_ROWS || columnNumber(m[1] ?? "") > MAX_UPLOAD_COLUMNS) return false;
  }
  return true;
}

const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/** xlsx is a zip file: it starts with "PK\x03\x04". */
export function looksLikeXlsx(bytes: Uint8Array) {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v == null) return "";
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return v.result == null ? "" : String(v.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return "";
  }
  return String(v);
}

/**
 * Reads an uploaded template. Every row is checked; errors name the sheet, row and column
 * ("Rad 7, kolonne C: ukjend status «ferdig»"). Returns the data only if the whole file is valid.
 */
export async function parseTemplate(input: { bytes: Uint8Array; checklistId: number; measures: { id: number; number: string }[] }): Promise<ParsedUpload> {
  const errors: UploadError[] = [];
  const whole = (code: string, params: DomainErrorParams = {}): UploadError => ({ sheet: "", row: null, column: null, code, params });
  const limits = checkXlsxLimits(input.bytes);
  if (!limits.ok) {
    const error = whole(`upload.${limits.reason}`, { max: MAX_UNPACKED_BYTES / 1024 / 1024, rows: MAX_UPLOAD_ROWS });
    return { ok: false, errors: [error], ...(limits.reason === "notXlsx" ? {} : { tooLarge: true as const }) };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(input.bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [whole("upload.notXlsx")] };
  }
  const meta = wb.getWorksheet(META_SHEET);
  const metaId = meta ? Number(cellText(meta.getCell("B1"))) : NaN;
  if (metaId !== input.checklistId) errors.push(whole("upload.wrongChecklist"));
  const ws = wb.getWorksheet(TEMPLATE_SHEET);
  const fs = wb.getWorksheet(FIGURES_SHEET);
  if (!ws || !fs) return { ok: false, errors: [...errors, whole("upload.missingSheet", { sheets: `${TEMPLATE_SHEET}, ${FIGURES_SHEET}` })] };

  const byNumber = new Map(input.measures.map((m) => [m.number, m]));
  const seen = new Set<number>();
  const answers: AnswerInput[] = [];
  const at = (sheet: string, row: number, column: string, code: string, params: DomainErrorParams = {}) => errors.push({ sheet, row, column, code, params });
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const number = cellText(row.getCell(1)).trim();
    const statusText = cellText(row.getCell(3)).trim();
    const comment = cellText(row.getCell(4)).trim();
    if (number === "" && statusText === "" && comment === "") continue;
    const measure = byNumber.get(number);
    if (!measure) {
      at(TEMPLATE_SHEET, r, "A", "upload.unknownMeasure", { value: maskNationalIdNumbers(number.slice(0, 40)) });
      continue;
    }
    if (seen.has(measure.id)) {
      at(TEMPLATE_SHEET, r, "A", "upload.duplicateMeasure", { value: number });
      continue;
    }
    seen.add(measure.id);
    let status: AnswerStatus | null = null;
    if (statusText !== "") {
      status = statusFromCell(statusText);
      if (!status) at(TEMPLATE_SHEET, r, "C", "upload.unknownStatus", { value: maskNationalIdNumbers(statusText.slice(0, 40)) });
    }
    if (comment.length > MAX_COMMENT) at(TEMPLATE_SHEET, r, "D", "errors.commentTooLong");
    else {
      // The free-text rule (text-rules.ts): the row is refused with its number, the text is not echoed.
      const problem = freeTextProblem(comment);
      if (problem) at(TEMPLATE_SHEET, r, "D", problem);
    }
    answers.push({ measureId: measure.id, status, comment });
  }

  const kf: KeyFigures = {
    coordinators: null,
    individualPlans: null,
    childCoordinators: null,
    cooperationMeetings: null,
    coordinationMeetings: null,
    kePlacement: "",
    keOnWebsite: null,
    keWebsiteUrl: "",
  };
  FIGURE_ROWS.forEach((field, i) => {
    const r = i + 2;
    const raw = cellText(fs.getRow(r).getCell(2)).trim();
    if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
      const parsed = parseKeyFigureNumber(raw);
      if ("error" in parsed) at(FIGURES_SHEET, r, "B", `errors.${parsed.error}`, { figure: field, value: maskNationalIdNumbers(raw.slice(0, 40)) });
      else kf[field as NumberField] = parsed.value;
    } else if (field === "kePlacement") {
      const problem = raw.length > 500 ? "errors.textTooLong" : freeTextProblem(raw);
      if (problem) at(FIGURES_SHEET, r, "B", problem);
      kf.kePlacement = raw.slice(0, 500);
    } else if (field === "keOnWebsite") {
      const v = raw.toLowerCase();
      if (v === "") kf.keOnWebsite = null;
      else if (["ja", "yes", "true", "1"].includes(v)) kf.keOnWebsite = true;
      else if (["nei", "no", "false", "0"].includes(v)) kf.keOnWebsite = false;
      else at(FIGURES_SHEET, r, "B", "upload.yesNo", { value: maskNationalIdNumbers(raw.slice(0, 40)) });
    } else if (field === "keWebsiteUrl") {
      const problem = freeTextProblem(raw, { singleLine: true });
      const url = problem ? null : parseWebsiteUrl(raw);
      if (url === null) at(FIGURES_SHEET, r, "B", problem ?? "errors.badUrl");
      else kf.keWebsiteUrl = url;
    }
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, answers, keyFigures: kf };
}

/**
 * A reporter uploads a filled-in template into their own party's draft: the whole file is checked
 * first and stored in one transaction, or nothing is. A locked checklist is a conflict. Returns the
 * file's errors (codes with params, `tooLarge` when a limit refused it) or how many answers were saved.
 */
export async function uploadChecklist(
  actor: ChecklistActor,
  input: { checklistId: number; bytes: Uint8Array },
): Promise<{ ok: true; answers: number } | { ok: false; errors: UploadError[]; tooLarge: boolean }> {
  const { checklist } = await openChecklist(actor, { checklistId: input.checklistId, write: true });
  if (!checklist.editable) throw new DomainError("errors.locked", {}, { kind: "conflict" });
  const parsed = await parseTemplate({ bytes: input.bytes, checklistId: checklist.checklist.id, measures: checklist.measures });
  if (!parsed.ok) {
    log("info", "checklist_upload_rejected", { checklistId: checklist.checklist.id, errors: parsed.errors.length });
    return { ok: false, errors: parsed.errors, tooLarge: parsed.tooLarge === true };
  }
  // One transaction: the whole file or nothing.
  await saveChecklistDraft(actor, { checklistId: checklist.checklist.id, version: null, lastWriteWins: true, answers: parsed.answers, keyFigures: parsed.keyFigures });
  log("info", "checklist_upload_ok", { checklistId: checklist.checklist.id, answers: parsed.answers.length });
  return { ok: true, answers: parsed.answers.length };
}

// ---------------------------------------------------------------------------------------------
// Dashboard tables

export async function tableToXlsx(table: DataTable) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, "-") || "Data");
  ws.addRow(table.columns);
  for (const r of table.rows) ws.addRow(r.map((v) => (typeof v === "string" ? safeText(v) : v)));
  styleHeader(ws);
  ws.columns.forEach((c) => (c.width = 18));
  return toBuffer(wb);
}

/** A CSV or Excel file of a dashboard table. */
export async function tableFile(name: string, ext: "csv" | "xlsx", table: DataTable): Promise<DownloadFile> {
  if (ext === "csv") return { bytes: new TextEncoder().encode(toCsv(table)), filename: `${name}.csv`, contentType: "text/csv; charset=utf-8" };
  return { bytes: new Uint8Array(await tableToXlsx(table)), filename: `${name}.xlsx`, contentType: XLSX_TYPE };
}
