/**
 * The submission form as one zod schema: the server's truth (with conform's parseWithZod in the
 * route's action, `async: true`: the attachments' bytes are read and checked here). Limits, patterns and the browser's hints are in case-form.ts; this module is
 * server-only so that zod never reaches the browser.
 */
import { z } from "zod";
import { checkFiles, EMAIL_PATTERN, isSubmitterDate, LIMITS, PHONE_PATTERN, URGENCIES } from "./case-form";
import { freeText, freeTextRule } from "./text-rules.server";
import { hasExpectedSignature, type AttachmentInput } from "./submissions.server";
import { cleanFilename } from "./text-rules";
import { PARTY_NUMBER } from "~/services/ids";

/**
 * Patient person data must not be in a case: every text goes through the one free-text rule
 * (text-rules.ts: no national identity number in any spelling, no control characters; one line
 * where the field has one line).
 */
const required = (max: number, singleLine = false) => freeText({ max, required: true, singleLine, messages: { tooLong: `errors.tooLong:${max}` } });
const optional = (max: number, singleLine = false) => freeText({ max, singleLine, messages: { tooLong: `errors.tooLong:${max}` } });

const isFile = (v: unknown): v is File => typeof File !== "undefined" && v instanceof File;

const attachments = z
  .array(z.custom<File>(isFile, "errors.fileInvalid"))
  .optional()
  .default([])
  .superRefine((files, ctx) => {
    const error = checkFiles(files);
    if (error) ctx.addIssue({ code: "custom", message: error });
  })
  // The files' bytes, and a refusal for each file whose first bytes are not what its extension promises.
  .transform(async (files, ctx) => {
    const read: AttachmentInput[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const filename = cleanFilename(file.name);
      if (!hasExpectedSignature(filename, bytes)) ctx.addIssue({ code: "custom", message: `errors.fileContent:${filename}` });
      read.push({ filename, contentType: file.type, bytes });
    }
    return read;
  });

export const caseFormSchema = z.object({
  idempotencyKey: z.string({ required_error: "errors.expired" }).uuid("errors.expired"),
  title: required(LIMITS.short, true),
  submitterName: required(LIMITS.short, true),
  submitterOrg: optional(LIMITS.short, true),
  submitterEmail: z.string({ required_error: "errors.required" }).trim().max(LIMITS.email, `errors.tooLong:${LIMITS.email}`).regex(EMAIL_PATTERN, "errors.email"),
  submitterPhone: z
    .string()
    .trim()
    .max(LIMITS.phone, `errors.tooLong:${LIMITS.phone}`)
    .regex(PHONE_PATTERN, "errors.phone")
    .superRefine(freeTextRule({ singleLine: true }))
    .optional()
    .default(""),
  submitterDate: z.string({ required_error: "errors.required" }).refine(isSubmitterDate, "errors.date"),
  submitterRef: optional(LIMITS.ref, true),
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
  partyNumber: z
    .string()
    .trim()
    .max(10, "errors.party")
    .refine((v) => v === "" || PARTY_NUMBER.test(v), "errors.party")
    .optional(),
  attachments,
});

export type CaseFormInput = z.output<typeof caseFormSchema>;
