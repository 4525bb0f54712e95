/**
 * Submissions from the public form and the submitter's private tracking page: the domain
 * (docs/decisions/009-one-feature-contract.md). Reading the request, the rate limit, the bot guard,
 * the receipt cookie and the replies are HTTP and live in app/http/submission.server.ts and the
 * routes; this module takes typed, parsed input and returns data or throws DomainError.
 *
 * - Creating a case: one transaction with the case, its attachments, the receipt mail (outbox) and
 *   the audit row. The idempotency key from the form makes a double submission return the first
 *   case; the reference HFMR-<year>-<seq> is numbered per year under a per-year advisory lock.
 * - Tracking: the submitter holds a random token; only its SHA-256 is stored. Holding the token is
 *   what makes the submitter an actor on the tracking page.
 */
import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db, rowsOf, transactionAtOnce, type Db, type Tx } from "../../db/client";
import { auditLog, bodies, caseAttachments, caseInfoRequests, cases, caseTrackingTokens, outbox, parties } from "../../db/schema";
import { i18nFor, localized, type Lang } from "~/i18n";
import { writeAudit, type Actor } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { enqueueMail, sealSecret, SECRET_LINK_PLACEHOLDER } from "~/services/mail.server";
import { errorFields, log } from "~/services/log.server";
import { notifyUsers, secretariatUserIds } from "./notices.server";
import { osloDate, osloYear } from "~/services/oslo-time";
import { ATTACHMENT_TYPES, extensionOf } from "./case-form";
import type { CaseFormInput } from "./case-form.server";
import { cleanFilename } from "./text-rules";
import { publishedDecisions, type PublishedDecision } from "./public-cases.server";

/** The audit trail's actor for what the submitter does (no user id: the public has none). */
export const SUBMITTER_ACTOR: Actor = { id: null, label: "innsendar" };

/** Anyone submitting the public form: the only actor who may create a case from outside. */
export interface PublicSubmitter {
  kind: "public";
}
export const PUBLIC_SUBMITTER: PublicSubmitter = { kind: "public" };

/** The submitter on the tracking page: whoever holds the case's tracking token. */
export interface TokenHolder {
  kind: "tracking";
  token: string;
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

/** An attachment as the form sent it: the stored type follows the extension, whatever `contentType` claims. */
export interface AttachmentInput {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Data for the form: a fresh idempotency key, today's date in Norway and the parties. */
export async function caseFormData() {
  return { idempotencyKey: newIdempotencyKey(), today: osloDate(), parties: await currentParties() };
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

const REFERENCE_LOCK = 727_3;

/**
 * The attachments as stored: a clean file name, the type its extension stands for, and only if the
 * first bytes match that type (the form's schema checks the same; this guards every other caller).
 */
function checkedAttachments(files: AttachmentInput[]) {
  return files.map((file) => {
    const filename = cleanFilename(file.filename);
    const contentType = ATTACHMENT_TYPES[extensionOf(filename)];
    if (!contentType || !hasExpectedSignature(filename, file.bytes)) throw new DomainError("errors.fileContent", { n: filename }, { field: "attachments" });
    return { filename, contentType, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) };
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === "23505") return true;
  }
  return false;
}

export type SubmitResult = { caseId: string; reference: string; created: true; trackingToken: string } | { caseId: string; reference: string; created: false; trackingToken: null };

export type CaseValues = Omit<CaseFormInput, "attachments" | "idempotencyKey" | "partyNumber"> & { partyNumber?: string | null };

export interface SubmitCaseInput {
  values: CaseValues;
  idempotencyKey: string;
  attachments: AttachmentInput[];
  /** The language of the receipt mail. */
  lang: Lang;
  now?: Date;
}

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
export async function submitCase(_actor: PublicSubmitter, input: SubmitCaseInput): Promise<SubmitResult> {
  const now = input.now ?? new Date();
  const year = osloYear(now);
  const v = input.values;
  const attachments = checkedAttachments(input.attachments);
  if (v.partyNumber && !(await isCurrentParty(v.partyNumber))) throw new DomainError("errors.party", {}, { field: "partyNumber" });
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
  const files = attachments.length
    ? sql`, files as (
        insert into ${caseAttachments} (case_id, filename, content_type, size, data)
        select c.id, f.filename, f.content_type, f.size, f.data from created c,
          (values ${sql.join(
            attachments.map((a) => sql`(${a.filename}::text, ${a.contentType}::text, ${a.bytes.byteLength}::int, ${a.bytes}::bytea)`),
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
        jsonb_build_object('reference', c.reference, 'status', 'submitted', 'attachments', ${attachments.length}::int)
      from created c
    )${files}
    select id, reference from created`;
  const lock = sql`select pg_advisory_xact_lock(${REFERENCE_LOCK}::int, ${year}::int)`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const [, result] = await transactionAtOnce([lock, statement]);
      const [created] = rowsOf<{ id: string; reference: string }>(result);
      if (created) {
        await noticeNewCase(created, v.urgency);
        return { caseId: created.id, reference: created.reference, created: true, trackingToken: token };
      }
      // The key was used before (a double submission): the first case, committed by now.
      const [first] = await db().select({ id: cases.id, reference: cases.reference }).from(cases).where(eq(cases.idempotencyKey, input.idempotencyKey));
      if (first) return { caseId: first.id, reference: first.reference, created: false, trackingToken: null };
    } catch (error) {
      // Should another writer have taken the same number or key after all: try again.
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
  throw new Error("case_submit_retries_exhausted");
}

/**
 * The secretariat is told of the new case after it is committed: the submission's statement holds
 * the year's numbering lock and does nothing else (above). Should telling fail, the case stands and
 * the failure is logged; the inbox shows the case either way.
 */
async function noticeNewCase(created: { id: string; reference: string }, urgency: SubmitCaseInput["values"]["urgency"]) {
  try {
    await db().transaction(async (tx) =>
      notifyUsers(tx, {
        kind: "case_submitted",
        userIds: await secretariatUserIds(tx),
        subject: `Ny sak ${created.reference}${urgency === "high" ? " (haster)" : ""}`,
        lines: [`Ei ny sak, ${created.reference}, er meld inn til helsefellesskapet og ventar på at sekretariatet tek imot ho.`],
        path: `/sekretariat/saker/${created.id}`,
        dedupeKey: `case_submitted:${created.id}`,
      }),
    );
  } catch (error) {
    log("error", "notice_failed", { kind: "case_submitted", caseId: created.id, ...errorFields(error) });
  }
}

// ---------------------------------------------------------------------------------------------
// Tracking

/** Statuses in which the submitter may still withdraw the case. */
export const WITHDRAWABLE = ["submitted", "received", "under_assessment", "routed"] as const satisfies readonly (typeof cases.$inferSelect)["status"][];

/**
 * A tracking token's case: the first token (cases.tracking_token_hash) or one issued later
 * (case_tracking_tokens, by /saker/spor or a question from the secretariat); all keep working.
 */
const tokenMatches = (hash: string) =>
  or(eq(cases.trackingTokenHash, hash), inArray(cases.id, db().select({ id: caseTrackingTokens.caseId }).from(caseTrackingTokens).where(eq(caseTrackingTokens.tokenHash, hash))));

/** The id of the case a tracking token belongs to, or null. */
export async function caseIdByToken(token: string): Promise<string | null> {
  const [row] = await db()
    .select({ id: cases.id })
    .from(cases)
    .where(tokenMatches(sha256(String(token ?? ""))));
  return row?.id ?? null;
}

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
    .where(tokenMatches(hash));
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
  /** The secretariat's open question to the submitter, answered on the page (one at a time). */
  openQuestion: { id: number; question: string; askedAt: string } | null;
}

/** What the submitter sees on the tracking page; an unknown token is a DomainError of kind notFound. */
export async function trackingView(actor: TokenHolder, input: { lang: Lang }): Promise<TrackingView> {
  const lang = input.lang;
  const row = await caseByToken(actor.token);
  if (!row) throw new DomainError("tracking.notFound", {}, { kind: "notFound" });
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
  const [open] = await db()
    .select({ id: caseInfoRequests.id, question: caseInfoRequests.question, askedAt: caseInfoRequests.askedAt })
    .from(caseInfoRequests)
    .where(and(eq(caseInfoRequests.caseId, row.id), isNull(caseInfoRequests.answeredAt)))
    .orderBy(desc(caseInfoRequests.askedAt))
    .limit(1);
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
    openQuestion: open ? { id: open.id, question: open.question, askedAt: open.askedAt.toISOString() } : null,
  };
}

/**
 * Withdraws the case if it is still withdrawable. An unknown token throws notFound; a case past
 * "routed" (on an agenda, decided, closed, withdrawn) throws conflict "tracking.withdrawNotAllowed".
 */
export async function withdrawCase(actor: TokenHolder, _input: Record<string, never> = {}): Promise<{ reference: string }> {
  const row = await caseByToken(actor.token);
  if (!row) throw new DomainError("tracking.notFound", {}, { kind: "notFound" });
  const result = await db().transaction(async (tx) => {
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
  if (result === "not_allowed") throw new DomainError("tracking.withdrawNotAllowed", {}, { kind: "conflict" });
  return { reference: row.reference };
}

/** A new private tracking link for a case: only its hash is stored, and the older links keep working. */
export async function issueTrackingLink(tx: Tx | Db, caseId: string, now = new Date()): Promise<string> {
  const token = newTrackingToken();
  await tx.insert(caseTrackingTokens).values({ tokenHash: sha256(token), caseId, createdAt: now });
  return trackingLink(token);
}

// ---------------------------------------------------------------------------------------------
// Lost tracking links (/saker/spor)

/** How far back /saker/spor looks for an address's cases. */
export const LOST_LINKS_YEARS = 3;
/** At most this many cases get a new link per request (the newest first). */
export const LOST_LINKS_MAX = 50;

/**
 * Mails `email` a new tracking link for each of its cases of the last LOST_LINKS_YEARS years that
 * are not anonymised, one mail per case (a mail holds one sealed link: docs/decisions/008). Only
 * the new tokens' hashes are stored (case_tracking_tokens); the old links keep working. Returns
 * nothing the caller could tell known and unknown addresses apart by: the same query and the same
 * transaction run whatever the address.
 */
export async function resendTrackingLinks(_actor: PublicSubmitter, input: { email: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - LOST_LINKS_YEARS);
  const email = input.email.trim().toLowerCase();
  await db().transaction(async (tx) => {
    const found = await tx
      .select({ id: cases.id, reference: cases.reference, title: cases.title, name: cases.submitterName, email: cases.submitterEmail })
      .from(cases)
      .where(and(sql`lower(${cases.submitterEmail}) = ${email}`, gte(cases.createdAt, since), isNull(cases.anonymisedAt)))
      .orderBy(desc(cases.createdAt))
      .limit(LOST_LINKS_MAX);
    const issued = found.map((c) => ({ c, token: newTrackingToken() }));
    if (issued.length) await tx.insert(caseTrackingTokens).values(issued.map(({ c, token }) => ({ tokenHash: sha256(token), caseId: c.id, createdAt: now })));
    for (const { c, token } of issued) {
      await enqueueMail(
        {
          kind: "case_tracking_link",
          to: c.email,
          subject: `Ny lenkje til saka ${c.reference}`,
          text: [
            `Hei ${c.name},`,
            "",
            `Du bad om ei ny lenkje til saka ${c.reference} som du melde inn til Helsefellesskap Møre og Romsdal.`,
            "Her følgjer du saka:",
            SECRET_LINK_PLACEHOLDER,
            "",
            "Lenkja er privat: del ho ikkje med andre. Lenkjer du har fått før, verkar framleis.",
            "Bad du ikkje om dette, kan du sjå bort frå e-posten.",
            "",
            "Helsing",
            "Felles samarbeidssekretariat, Helsefellesskap Møre og Romsdal",
            env().APP_URL,
          ].join("\n"),
          secretLink: trackingLink(token),
          dedupeKey: `case_tracking_link:${c.id}:${randomUUID()}`,
        },
        tx,
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The form's hidden key

export const newIdempotencyKey = () => randomUUID();
