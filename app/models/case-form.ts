/**
 * The submission form "Skjema for innmelding av saker" (seed 002) as one zod schema, used by the
 * server (the truth) and by the browser (hints as you type, through conform). Messages are i18n
 * keys in the "cases-public" namespace, optionally with a parameter after a colon ("tooLong:200").
 * Files are checked here by count, size and extension; the server also checks their first bytes.
 */
import { z } from "zod";
import { findNationalIdNumbers } from "./national-id";

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
  return m ? m[1].toLowerCase() : "";
}

export const URGENCIES = ["low", "normal", "high"] as const;

/** The questions of the form after the submitter block, in the order of the seed. */
export const QUESTION_FIELDS = [
  "problem",
  "patientGroups",
  "serviceProviders",
  "changeNeeds",
  "triedBefore",
  "proposal",
  "economy",
] as const;

/** Patient person data must not be in a case: refuse any text with a national identity number. */
const noNationalId = (v: string) => !v || findNationalIdNumbers(v).length === 0;
const required = (max: number) =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(max, `errors.tooLong:${max}`)
    .refine(noNationalId, "errors.nationalId");
const optional = (max: number) => z.string().trim().max(max, `errors.tooLong:${max}`).refine(noNationalId, "errors.nationalId").optional().default("");

const isFile = (v: unknown): v is File => typeof File !== "undefined" && v instanceof File;

const attachments = z
  .array(z.custom<File>(isFile, "errors.fileInvalid"))
  .optional()
  .default([])
  .superRefine((files, ctx) => {
    if (files.length > LIMITS.files) ctx.addIssue({ code: "custom", message: `errors.fileCount:${LIMITS.files}` });
    for (const f of files) {
      if (!ATTACHMENT_TYPES[extensionOf(f.name)]) {
        ctx.addIssue({ code: "custom", message: "errors.fileType" });
        return;
      }
      if (f.size > LIMITS.fileBytes) {
        ctx.addIssue({ code: "custom", message: "errors.fileTooLarge:10" });
        return;
      }
    }
    if (files.reduce((s, f) => s + f.size, 0) > LIMITS.totalFileBytes) ctx.addIssue({ code: "custom", message: "errors.filesTotal:20" });
  });

export const caseFormSchema = z
  .object({
    idempotencyKey: z.string({ required_error: "errors.expired" }).uuid("errors.expired"),
    title: required(LIMITS.short),
    submitterName: required(LIMITS.short),
    submitterOrg: optional(LIMITS.short),
    submitterEmail: z
      .string({ required_error: "errors.required" })
      .trim()
      .max(LIMITS.email, `errors.tooLong:${LIMITS.email}`)
      .email("errors.email"),
    submitterPhone: z
      .string()
      .trim()
      .max(LIMITS.phone, `errors.tooLong:${LIMITS.phone}`)
      .regex(/^([+\d][\d ()-]*)?$/, "errors.phone")
      .refine(noNationalId, "errors.nationalId")
      .optional()
      .default(""),
    submitterDate: z
      .string({ required_error: "errors.required" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date")
      .refine((v) => {
        const d = new Date(`${v}T12:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= "2000-01-01" && d.getTime() < Date.now() + 2 * 86_400_000;
      }, "errors.date"),
    submitterRef: optional(LIMITS.ref),
    background: required(LIMITS.long),
    urgency: z.enum(URGENCIES, { errorMap: () => ({ message: "errors.urgency" }) }).default("normal"),
    problem: optional(LIMITS.long),
    patientGroups: optional(LIMITS.long),
    serviceProviders: optional(LIMITS.long),
    changeNeeds: optional(LIMITS.long),
    triedBefore: optional(LIMITS.long),
    proposal: optional(LIMITS.long),
    economy: optional(LIMITS.long),
    referencesText: optional(LIMITS.long),
    agreementPoints: optional(LIMITS.agreementPoints),
    partyNumber: z.string().trim().max(10, "errors.party").optional(),
    attachments,
  });

export type CaseFormInput = z.infer<typeof caseFormSchema>;

/** "errors.tooLong:200" → ["errors.tooLong", { n: "200" }] for t(). */
export function splitMessage(message: string): [string, { n?: string }] {
  const i = message.indexOf(":");
  return i < 0 ? [message, {}] : [message.slice(0, i), { n: message.slice(i + 1) }];
}

/** A date (or timestamp) as 20.02.2024 in Norway's time zone; English gets 20/02/2024. */
export function formatDate(value: string, lang: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nb-NO", { timeZone: "Europe/Oslo", day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
}
