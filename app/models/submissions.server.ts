/**
 * Submissions from the public form and the submitter's private tracking page.
 *
 * - The form's page and action: everything the route needs on the server is here, so that the
 *   route imports one *.server module (each leaves a stub in the browser's bundle).
 * - Reading the request: bounded in size (a huge post gets a 413, never an out-of-memory), files in
 *   memory, a file over the per-file limit dropped with an error, text parts cut short so that zod
 *   reports "too long".
 * - Creating a case: one transaction with the case, its attachments, the receipt mail (outbox) and
 *   the audit row. The idempotency key from the form makes a double submission return the first
 *   case; the reference HFMR-<year>-<seq> is numbered per year under a per-year advisory lock.
 * - Tracking: the submitter holds a random token; only its SHA-256 is stored.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { createCookie, redirect } from "@remix-run/node";
import { db, rowsOf, transactionAtOnce } from "../../db/client";
import { auditLog, bodies, caseAttachments, cases, outbox, parties } from "../../db/schema";
import { i18nFor, localized, type Lang } from "~/i18n";
import { writeAudit, type Actor } from "~/services/audit.server";
import { env } from "~/services/env.server";
import { getLang } from "~/http/lang.server";
import { readBoundedForm } from "~/http/form-body.server";
import { log } from "~/services/log.server";
import { sealSecret, SECRET_LINK_PLACEHOLDER } from "~/services/mail.server";
import { checkBotFields, claimFormToken, FORM_STARTED_FIELD, formStartedToken, forwardRetryAfter, publicFormRateLimit } from "~/services/rate-limit.server";
import { ATTACHMENT_TYPES, extensionOf, LIMITS } from "./case-form";
import { caseFormSchema, type CaseFormInput } from "./case-form.server";
import { maskNationalIdNumbers } from "./national-id";
import { cleanFilename } from "./text-rules";
import { publishedDecisions, type PublishedDecision } from "./public-cases.server";

export const SUBMITTER_ACTOR: Actor = { id: null, label: "innsendar" };

// ---------------------------------------------------------------------------------------------
// Reading the request

/** The largest request we read at all: 20 MB of files plus the texts, with room for a too-big file. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
/** Longer strings are cut before validation, so that an error reply never echoes megabytes. */
const TEXT_CLAMP_CHARS = LIMITS.long + 1;


export type ReadResult =
  | { ok: true; formData: FormData; fileErrors: string[] }
  | { ok: false; status: 413 | 400; error: "errors.requestTooLarge" | "errors.unreadable" };

/**
 * Reads the form (multipart or urlencoded) within MAX_REQUEST_BYTES. Files larger than the per-file
 * limit are dropped with an error for the attachments field (the rest of the form survives). Any
 * file name a browser can send is read (issue 11, finding 15): the platform's parser, see
 * app/http/form-body.server.ts.
 */
export async function readSubmission(request: Request): Promise<ReadResult> {
  const read = await readBoundedForm(request, MAX_REQUEST_BYTES);
  if (!read.ok) {
    if (read.reason === "too_large") return { ok: false, status: 413, error: "errors.requestTooLarge" };
    log("warn", "case_submit_unreadable", {});
    return { ok: false, status: 400, error: "errors.unreadable" };
  }
  const fileErrors: string[] = [];
  const clamped = new FormData();
  for (const [name, value] of read.formData.entries()) {
    if (typeof value !== "string") {
      if (value.size > LIMITS.fileBytes) {
        fileErrors.push(`errors.fileTooLarge:${LIMITS.fileBytes / 1024 / 1024}`);
        continue;
      }
      clamped.append(name, value);
      continue;
    }
    clamped.append(name, value.length > TEXT_CLAMP_CHARS ? value.slice(0, TEXT_CLAMP_CHARS) : value);
  }
  return { ok: true, formData: clamped, fileErrors };
}

/** True when the file's first bytes match what its extension promises. */
export function hasExpectedSignature(filename: string, bytes: Uint8Array): boolean {
  const ext = extensionOf(filename);
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (ext) {
    case "pdf":
      return starts([0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    case "docx":
      return starts([0x50, 0x4b, 0x03, 0x04]); // ZIP (Office Open XML)
    case "doc":
      return starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // OLE2 compound file
    case "png":
      return starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "jpg":
    case "jpeg":
      return starts([0xff, 0xd8, 0xff]);
    default:
      return false;
  }
}

export interface AttachmentInput {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Reads the files, checks their magic bytes and returns them ready to store, or the error keys. */
export async function prepareAttachments(files: File[]): Promise<{ attachments: AttachmentInput[]; errors: string[] }> {
  const attachments: AttachmentInput[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const data = Buffer.from(await file.arrayBuffer());
    const filename = cleanFilename(file.name);
    if (!hasExpectedSignature(filename, data)) {
      errors.push(`errors.fileContent:${filename}`);
      continue;
    }
    attachments.push({ filename, contentType: ATTACHMENT_TYPES[extensionOf(filename)], data });
  }
  return { attachments, errors };
}

/** Masks national identity numbers in every string of a value echoed back to the browser. */
export function maskDeep<T>(value: T): T {
  if (typeof value === "string") return maskNationalIdNumbers(value) as T;
  if (Array.isArray(value)) return value.map(maskDeep) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T;
  return value;
}

// ---------------------------------------------------------------------------------------------
// The form's page and action (app/routes/saker.ny.tsx)

/** Data for the form: a fresh idempotency key, today's date, the parties and the bot guard's start time. */
export async function caseFormPage() {
  return { idempotencyKey: newIdempotencyKey(), today: osloToday(), parties: await currentParties(), formStarted: formStartedToken() };
}

export { forwardRetryAfter };

function errorReply(result: SubmissionResult<string[]>, status: number) {
  // Never send a national identity number back, not even inside the text the user typed.
  return Response.json({ result: { ...result, initialValue: maskDeep(result.initialValue ?? null) } }, { status });
}

/**
 * The form's action: the rate limit (a thrown 429), reading and validating the post (400 or 413
 * with the errors and the masked values for the form), the bot guard, then the case and a
 * redirect (303) to the receipt with the reference and the tracking token in a signed cookie.
 */
export async function submitCaseForm(request: Request, context: unknown): Promise<Response> {
  // security (issue 6): 429 with Retry-After when this client has posted too often.
  const limited = await publicFormRateLimit(context);
  if (limited) throw limited;
  const read = await readSubmission(request);
  if (!read.ok) {
    log("info", "case_submit_refused", { reason: read.error, status: read.status });
    return Response.json({ result: { status: "error", initialValue: null, error: { "": [read.error] } } satisfies SubmissionResult<string[]> }, { status: read.status });
  }
  const submission = parseWithZod(read.formData, { schema: caseFormSchema });
  const fileErrors = read.fileErrors.length ? { attachments: read.fileErrors } : undefined;
  if (submission.status !== "success") {
    log("info", "case_submit_invalid", { fields: Object.keys(submission.error ?? {}).length });
    return errorReply(submission.reply(fileErrors ? { fieldErrors: fileErrors } : undefined), 400);
  }
  const { attachments: files, idempotencyKey, partyNumber, ...values } = submission.value;
  const prepared = await prepareAttachments(files);
  const extra: Record<string, string[]> = {};
  if (read.fileErrors.length || prepared.errors.length) extra.attachments = [...read.fileErrors, ...prepared.errors];
  if (partyNumber && !(await isCurrentParty(partyNumber))) extra.partyNumber = ["errors.party"];
  if (Object.keys(extra).length) {
    log("info", "case_submit_invalid", { fields: Object.keys(extra).length });
    return errorReply(submission.reply({ fieldErrors: extra }), 400);
  }
  // security (issue 6): a filled honeypot or a post too soon after rendering is refused; nothing is stored.
  // Issue 11, finding 16: the form-start token expires and is good for one submission. Refused, the
  // typed answers come back with a fresh token in its place, to send again.
  const bot = checkBotFields(read.formData);
  const stale = !bot.ok ? bot.reason === "expired" : bot.token !== null && !(await claimFormToken(bot.token, idempotencyKey));
  if (stale) {
    log("info", "case_submit_refused", { reason: bot.ok ? "token_used" : bot.reason, status: 400 });
    const reply = submission.reply({ formErrors: ["errors.formStale"] });
    const answers = { ...(reply.initialValue ?? {}), [FORM_STARTED_FIELD]: formStartedToken() };
    return errorReply({ ...reply, initialValue: answers }, 400);
  }
  if (!bot.ok) {
    log("info", "case_submit_refused", { reason: bot.reason, status: 400 });
    return errorReply(submission.reply({ formErrors: ["errors.unreadable"] }), 400);
  }
  const lang = await getLang(request);
  const result = await submitCase({ values: { ...values, partyNumber: partyNumber || null }, idempotencyKey, attachments: prepared.attachments, lang });
  log("info", result.created ? "case_submitted" : "case_resubmitted", { caseId: result.caseId, attachments: prepared.attachments.length });
  return redirect("/saker/ny/kvittering", {
    status: 303,
    headers: { "Set-Cookie": await receiptCookie().serialize({ reference: result.reference, token: result.token }) },
  });
}

// ---------------------------------------------------------------------------------------------
// Parties for the form

/** Current municipalities (alphabetical) and the trust, for the "which party" select. */
export async function currentParties() {
  const rows = await db()
    .select({ number: parties.number, name: parties.name, kind: parties.kind })
    .from(parties)
    .where(isNull(parties.validTo))
    .orderBy(asc(parties.kind), asc(parties.name));
  // The trust first, then the municipalities.
  return [...rows.filter((r) => r.kind === "trust"), ...rows.filter((r) => r.kind !== "trust")];
}

export async function isCurrentParty(number: string) {
  const [row] = await db()
    .select({ number: parties.number })
    .from(parties)
    .where(and(eq(parties.number, number), isNull(parties.validTo)));
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------
// Creating the case

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const newTrackingToken = () => randomBytes(32).toString("base64url");
export const trackingLink = (token: string) => `${env().APP_URL.replace(/\/$/, "")}/saker/spor/${token}`;
export const formatReference = (year: number, seq: number) => `HFMR-${year}-${String(seq).padStart(4, "0")}`;

const REFERENCE_LOCK = 727_3;

// Intl formatters are costly to build: one each, reused.
const yearInOslo = new Intl.DateTimeFormat("en", { timeZone: "Europe/Oslo", year: "numeric" });
const dateInOslo = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo" });

export function osloYear(at: Date = new Date()) {
  return Number(yearInOslo.format(at));
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === "23505") return true;
  }
  return false;
}

export type SubmitResult = { caseId: string; reference: string; created: true; token: string } | { caseId: string; reference: string; created: false; token: null };

type CaseValues = Omit<CaseFormInput, "attachments" | "idempotencyKey" | "partyNumber"> & { partyNumber?: string | null };

/**
 * Creates the case (status "submitted", whatever the form said) with its attachments, receipt
 * mail and audit row in one transaction. The same idempotency key returns the first case.
 *
 * Numbering: HFMR-<year>-<seq> is max(seq) + 1 of the year, read under a per-year advisory lock
 * that is held until commit, so references are distinct and without gaps. Every submitter of the
 * year waits for that lock, so the time it is held bounds the throughput: the lock and one
 * statement that writes the case, its attachments, the receipt mail (outbox) and the audit row
 * are sent together (pipelined), and the lock is released by the commit that follows. Nothing
 * else happens while it is held.
 */
export async function submitCase(input: {
  values: CaseValues;
  idempotencyKey: string;
  attachments: AttachmentInput[];
  lang: Lang;
  now?: Date;
}): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  const year = osloYear(now);
  const v = input.values;
  const token = newTrackingToken();
  // The mail is written in the same statement as the case, before its reference is known: the
  // texts carry a random marker that the statement replaces with the reference.
  const marker = `[${randomUUID()}]`;
  const t = i18nFor(input.lang).getFixedT(input.lang, "cases-public");
  const subject = t("mail.receiptSubject", { reference: marker });
  // The link is stored sealed, never readable (docs/decisions/008): the body holds a placeholder.
  const text = t("mail.receiptText", { reference: marker, title: v.title, link: SECRET_LINK_PLACEHOLDER });
  const secret = sealSecret(trackingLink(token));
  const insertCase = db()
    .insert(cases)
    .values({
      reference: sql`(select reference from next_seq)`,
      year,
      seq: sql`(select n from next_seq)`,
      status: "submitted",
      title: v.title,
      submitterName: v.submitterName,
      submitterOrg: v.submitterOrg,
      submitterEmail: v.submitterEmail,
      submitterPhone: v.submitterPhone,
      submitterDate: v.submitterDate,
      submitterRef: v.submitterRef,
      background: v.background,
      urgency: v.urgency,
      problem: v.problem,
      patientGroups: v.patientGroups,
      serviceProviders: v.serviceProviders,
      changeNeeds: v.changeNeeds,
      triedBefore: v.triedBefore,
      proposal: v.proposal,
      economy: v.economy,
      referencesText: v.referencesText,
      agreementPoints: v.agreementPoints,
      partyNumber: v.partyNumber || null,
      trackingTokenHash: sha256(token),
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: cases.idempotencyKey })
    .returning({ id: cases.id, reference: cases.reference });
  const files = input.attachments.length
    ? sql`, files as (
        insert into ${caseAttachments} (case_id, filename, content_type, size, data)
        select c.id, f.filename, f.content_type, f.size, f.data from created c,
          (values ${sql.join(
            input.attachments.map((a) => sql`(${a.filename}::text, ${a.contentType}::text, ${a.data.byteLength}::int, ${a.data}::bytea)`),
            sql`, `,
          )}) as f (filename, content_type, size, data))`
    : sql``;
  // The receipt mail and the audit row as enqueueMail() and writeAudit() write them.
  const statement = sql`
    with next_seq as (
      select n, 'HFMR-' || ${year}::int || '-' || lpad(n::text, greatest(4, length(n::text)), '0') as reference
      from (select coalesce(max(${cases.seq}), 0) + 1 as n from ${cases} where ${cases.year} = ${year}::int) s
    ),
    created as (${insertCase.getSQL()}),
    mail as (
      insert into ${outbox} (kind, to_address, subject, text_body, dedupe_key, send_after, secret)
      select 'case_receipt', ${v.submitterEmail}::text, replace(${subject}::text, ${marker}::text, c.reference),
        replace(${text}::text, ${marker}::text, c.reference), 'case_receipt:' || c.id, ${now.toISOString()}::timestamptz, ${secret}::text
      from created c
      on conflict do nothing
    ),
    audit as (
      insert into ${auditLog} (actor_user_id, actor_label, action, entity_type, entity_id, before, after)
      select null, ${SUBMITTER_ACTOR.label}::text, 'case.submitted', 'case', c.id::text, null,
        jsonb_build_object('reference', c.reference, 'status', 'submitted', 'attachments', ${input.attachments.length}::int)
      from created c
    )${files}
    select id, reference from created`;
  const lock = sql`select pg_advisory_xact_lock(${REFERENCE_LOCK}::int, ${year}::int)`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const [, result] = await transactionAtOnce([lock, statement]);
      const [created] = rowsOf<{ id: string; reference: string }>(result);
      if (created) return { caseId: created.id, reference: created.reference, created: true, token };
      // The key was used before (a double submission): the first case, committed by now.
      const [first] = await db()
        .select({ id: cases.id, reference: cases.reference })
        .from(cases)
        .where(eq(cases.idempotencyKey, input.idempotencyKey));
      if (first) return { caseId: first.id, reference: first.reference, created: false, token: null };
    } catch (error) {
      // Should another writer have taken the same number or key after all: try again.
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
  throw new Error("case_submit_retries_exhausted");
}


// ---------------------------------------------------------------------------------------------
// Tracking

/** Statuses in which the submitter may still withdraw the case. */
export const WITHDRAWABLE = ["submitted", "received", "under_assessment", "routed"] as const;

async function caseByToken(token: string) {
  // Always hash and query, whatever the token looks like: no timing hint about its format.
  const hash = sha256(String(token ?? ""));
  const [row] = await db()
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      createdAt: cases.createdAt,
      rejectionReason: cases.rejectionReason,
      version: cases.version,
      bodyName: bodies.name,
      bodySlug: bodies.slug,
    })
    .from(cases)
    .leftJoin(bodies, eq(bodies.id, cases.bodyId))
    .where(eq(cases.trackingTokenHash, hash));
  return row ?? null;
}

export interface TrackingView {
  reference: string;
  title: string;
  status: (typeof cases.$inferSelect)["status"];
  submittedAt: string;
  body: { name: string; slug: string } | null;
  rejectionReason: string | null;
  canWithdraw: boolean;
  /** Date and status only: never who, never notes. */
  timeline: { at: string; status: string }[];
  decisions: PublishedDecision[];
}

/** What the submitter sees on the tracking page, or null for an unknown token. */
export async function trackingView(token: string, lang: Lang): Promise<TrackingView | null> {
  const row = await caseByToken(token);
  if (!row) return null;
  const history = await db()
    .select({ at: auditLog.at, status: sql<string | null>`${auditLog.after} ->> 'status'` })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "case"), eq(auditLog.entityId, row.id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const timeline: TrackingView["timeline"] = [];
  for (const h of history) {
    if (!h.status || timeline.at(-1)?.status === h.status) continue;
    timeline.push({ at: h.at.toISOString(), status: h.status });
  }
  if (timeline.length === 0) timeline.push({ at: row.createdAt.toISOString(), status: "submitted" });
  const decisions = (await publishedDecisions([row.id], lang)).get(row.id) ?? [];
  return {
    reference: row.reference,
    title: row.title,
    status: row.status,
    submittedAt: row.createdAt.toISOString(),
    body: row.bodySlug && row.bodyName ? { name: localized(row.bodyName, lang), slug: row.bodySlug } : null,
    rejectionReason: row.status === "rejected" ? row.rejectionReason : null,
    canWithdraw: (WITHDRAWABLE as readonly string[]).includes(row.status),
    timeline,
    decisions,
  };
}

/** Withdraws the case if it is still withdrawable. Returns "not_found", "not_allowed" or "withdrawn". */
export async function withdrawCase(token: string): Promise<"not_found" | "not_allowed" | "withdrawn"> {
  const row = await caseByToken(token);
  if (!row) return "not_found";
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(cases)
      .set({ status: "withdrawn", version: sql`${cases.version} + 1`, updatedAt: new Date(), updatedBy: null })
      .where(and(eq(cases.id, row.id), inArray(cases.status, [...WITHDRAWABLE])))
      .returning({ version: cases.version });
    if (!updated) return "not_allowed" as const;
    await writeAudit(
      {
        actor: SUBMITTER_ACTOR,
        action: "case.withdrawn",
        entityType: "case",
        entityId: row.id,
        before: { status: row.status, version: row.version },
        after: { status: "withdrawn", version: updated.version },
      },
      tx,
    );
    return "withdrawn" as const;
  });
}

// ---------------------------------------------------------------------------------------------
// The form's hidden key and the receipt flash

export const newIdempotencyKey = () => randomUUID();

/** Today's date in Norway as YYYY-MM-DD (the default for "Melders dato"). */
export function osloToday(at: Date = new Date()) {
  return dateInOslo.format(at);
}

/**
 * The receipt is shown after a redirect (so reload and back do not post again) from a signed,
 * HttpOnly cookie scoped to /saker/ny. The tracking token is in it only until the receipt has been
 * shown once; after that the cookie keeps the reference alone (the link is in the e-mail).
 */
export function receiptCookie() {
  return createCookie("hf_case_receipt", {
    path: "/saker/ny",
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https:"),
    secrets: [env().sessionSecret],
    maxAge: 60 * 60,
  });
}

export interface ReceiptFlash {
  reference: string;
  token: string | null;
}

export async function readReceipt(request: Request): Promise<ReceiptFlash | null> {
  const value = await receiptCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object" || typeof value.reference !== "string") return null;
  return { reference: value.reference, token: typeof value.token === "string" ? value.token : null };
}
