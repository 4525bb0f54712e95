/**
 * The submission form "Skjema for innmelding av saker" (seed 002): its fields, limits and the
 * checks the browser can make before sending (hints as you go). The server's truth is the zod
 * schema in case-form.server.ts, built from the same limits and patterns; this module stays free
 * of zod so that the form's page ships without it. Messages are i18n keys in the "cases-public"
 * namespace, optionally with a parameter after a colon ("tooLong:200").
 */
import { findNationalIdNumbers } from "./national-id";
import { freeTextProblem } from "./text-rules";

export const LIMITS = {
  short: 200,
  email: 254,
  phone: 40,
  ref: 100,
  long: 10_000,
  agreementPoints: 1_000,
  files: 5,
  fileBytes: 10 * 1024 * 1024,
  totalFileBytes: 20 * 1024 * 1024,
} as const;

/** The largest request the form's action reads at all: 20 MB of files plus the texts, with room for a too-big file. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** Attachments: PDF, Word and images, by extension; the server also checks the magic bytes. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((e) => `.${e}`)
  .join(",");

export function extensionOf(filename: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(filename);
  return m?.[1]?.toLowerCase() ?? "";
}

export const URGENCIES = ["low", "normal", "high"] as const;

/** The questions of the form after the submitter block, in the order of the seed. */
export const QUESTION_FIELDS = ["problem", "patientGroups", "serviceProviders", "changeNeeds", "triedBefore", "proposal", "economy"] as const;

/** The same pattern as zod's email check (the server's), so the browser's hint never disagrees. */
export const EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)([A-Z0-9_'+.-]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$/i;
export const PHONE_PATTERN = /^([+\d][\d ()-]*)?$/;

/** "Melders dato": a real date, from 2000 on, and not (more than a day) in the future. */
export function isSubmitterDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= "2000-01-01" && d.getTime() < Date.now() + 2 * 86_400_000;
}

/** Attachments by count, extension and size (the server also checks their first bytes). */
export function checkFiles(files: { name: string; size: number }[]): string | null {
  if (files.length > LIMITS.files) return `errors.fileCount:${LIMITS.files}`;
  for (const f of files) {
    if (!ATTACHMENT_TYPES[extensionOf(f.name)]) return "errors.fileType";
    // The name is stored and shown to the secretariat: no national identity number in it either.
    if (findNationalIdNumbers(f.name).length) return "errors.fileNameNationalId";
    if (f.size > LIMITS.fileBytes) return "errors.fileTooLarge:10";
  }
  if (files.reduce((s, f) => s + f.size, 0) > LIMITS.totalFileBytes) return "errors.filesTotal:20";
  return null;
}

/**
 * A field's first problem as the server would name it, or null. For the browser: reads the
 * field's own constraints (required, maxLength, type); the server checks everything again.
 */
export function checkField(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): string | null {
  if (field.type === "file") return checkFiles([...((field as HTMLInputElement).files ?? [])]);
  const value = field.value.trim();
  if (!value) return field.required ? "errors.required" : null;
  const max = "maxLength" in field ? field.maxLength : -1;
  if (max > 0 && value.length > max) return `errors.tooLong:${max}`;
  if (field.type === "email" && !EMAIL_PATTERN.test(value)) return "errors.email";
  if (field.type === "tel" && !PHONE_PATTERN.test(value)) return "errors.phone";
  if (field.type === "date" && !isSubmitterDate(value)) return "errors.date";
  // The server's free-text rule (national identity numbers in any spelling, control characters;
  // line breaks in a one-line field) for every text but the e-mail address.
  if (field.type !== "email") return freeTextProblem(value, { singleLine: field.tagName !== "TEXTAREA" && field.tagName !== "SELECT" });
  return null;
}

/** "errors.tooLong:200" → ["errors.tooLong", { n: "200" }] for t(). */
export function splitMessage(message: string): [string, { n?: string }] {
  const i = message.indexOf(":");
  return i < 0 ? [message, {}] : [message.slice(0, i), { n: message.slice(i + 1) }];
}
