/**
 * E-mail through the outbox table: `enqueueMail` writes a row (inside the caller's transaction),
 * and the worker sends pending rows with nodemailer over SMTP, with retries and backoff. Several
 * app instances can run the worker: rows are claimed with FOR UPDATE SKIP LOCKED, so each mail is
 * sent once. Without SMTP_URL (demo mode) mail stays in the outbox and admins read it at
 * /admin/e-post.
 *
 * A private link (the submitter's tracking link) is never stored readable
 * (docs/decisions/008-outbox-without-tracking-links.md): the body holds SECRET_LINK_PLACEHOLDER
 * and the `secret` column the link sealed with AES-256-GCM under a key derived from
 * SESSION_SECRET. The worker opens it only to hand the mail to SMTP, and clears it once sent.
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db, Tx } from "../../db/client";
import { db as defaultDb } from "../../db/client";
import { outbox } from "../../db/schema";
import { env } from "./env.server";
import { mailHtml } from "./mail-html.server";
import { errorFields, log } from "./log.server";
import { startJob } from "./jobs.server";

export interface MailInput {
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** Same key, same mail: a retried request does not queue it twice. */
  dedupeKey?: string;
  sendAfter?: Date;
  /** A private link that takes the place of SECRET_LINK_PLACEHOLDER in `text`, stored sealed only. */
  secretLink?: string;
}

export async function enqueueMail(mail: MailInput, tx: Db | Tx = defaultDb()) {
  await tx
    .insert(outbox)
    .values({
      kind: mail.kind,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      dedupeKey: mail.dedupeKey ?? null,
      sendAfter: mail.sendAfter ?? new Date(),
      secret: mail.secretLink ? sealSecret(mail.secretLink) : null,
    })
    .onConflictDoNothing();
}

// ---------------------------------------------------------------------------------------------
// Private links: sealed in the database, opened only to send

/** What a stored body (and the admin's view of it) holds where the private link goes. */
export const SECRET_LINK_PLACEHOLDER = "[privat lenkje]";

let sealKey: { secret: string; key: Buffer } | undefined;
function secretKey(): Buffer {
  const secret = env().sessionSecret;
  if (sealKey?.secret !== secret) {
    sealKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "hf-outbox", "outbox-secret-v1", 32)) };
  }
  return sealKey.key;
}

/** "v1.<iv>.<tag>.<ciphertext>" (base64url), AES-256-GCM. */
export function sealSecret(value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The sealed value, or null when it cannot be opened (another SESSION_SECRET, damaged). */
export function openSecret(sealed: string): string | null {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * Tracking links in clear text (mails queued before the links were sealed) replaced by the
 * placeholder: for the admin's view, and for the stored body once such a mail has been sent.
 */
export function maskTrackingLinks(text: string): string {
  return text.replace(/\S*\/saker\/spor\/[A-Za-z0-9_-]+/g, SECRET_LINK_PLACEHOLDER);
}

/**
 * The body as it is sent: the last placeholder (the mail's own; one typed into a title comes
 * earlier) replaced by the opened link. Without a readable secret the placeholder stays.
 */
export function renderBody(textBody: string, secret: string | null): string {
  if (!secret) return textBody;
  const link = openSecret(secret);
  const at = textBody.lastIndexOf(SECRET_LINK_PLACEHOLDER);
  if (link === null || at < 0) {
    log("warn", "mail_secret_unreadable", {});
    return textBody;
  }
  return textBody.slice(0, at) + link + textBody.slice(at + SECRET_LINK_PLACEHOLDER.length);
}

const MAX_ATTEMPTS = 8;
/** 1 min, 2 min, 4 min … capped at 1 hour. */
export const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** attempts, 3_600_000);

let transporter: Transporter | undefined;
let transporterUrl: string | undefined;
function transport(url: string): Transporter {
  if (!transporter || transporterUrl !== url) {
    transporter = nodemailer.createTransport(url);
    transporterUrl = url;
  }
  return transporter;
}

/**
 * Sends up to `limit` due mails. Returns how many were sent and how many failed. Each mail is
 * claimed and marked in its own short transaction so that a slow SMTP server blocks nothing else.
 */
export async function sendPendingMail(options: { smtpUrl?: string; limit?: number; now?: Date; database?: Db } = {}) {
  const smtpUrl = options.smtpUrl ?? env().SMTP_URL;
  const database = options.database ?? defaultDb();
  const result = { sent: 0, failed: 0 };
  if (!smtpUrl) return result;
  const limit = options.limit ?? 20;
  for (let i = 0; i < limit; i++) {
    const now = options.now ?? new Date();
    const done = await database.transaction(async (tx) => {
      const [mail] = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.sentAt), lte(outbox.sendAfter, now), sql`${outbox.attempts} < ${MAX_ATTEMPTS}`))
        .orderBy(asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!mail) return "empty" as const;
      try {
        const text = renderBody(mail.textBody, mail.secret);
        await transport(smtpUrl).sendMail({
          from: env().MAIL_FROM,
          to: mail.toAddress,
          subject: mail.subject,
          text,
          html: mailHtml(mail.subject, text),
          // Every mail of the service is sent by the machine (RFC 3834): no out-of-office replies.
          headers: { "Auto-Submitted": "auto-generated" },
        });
        // Sent: the sealed link goes, and a clear one in a mail queued before sealing too.
        await tx
          .update(outbox)
          .set({ sentAt: new Date(), attempts: mail.attempts + 1, lastError: null, secret: null, textBody: maskTrackingLinks(mail.textBody) })
          .where(eq(outbox.id, mail.id));
        return "sent" as const;
      } catch (error) {
        const attempts = mail.attempts + 1;
        await tx
          .update(outbox)
          .set({ attempts, lastError: (error as Error).message?.slice(0, 500) ?? "error", sendAfter: new Date(now.getTime() + backoffMs(attempts)) })
          .where(eq(outbox.id, mail.id));
        log("warn", "mail_send_failed", { outboxId: mail.id, attempts, ...errorFields(error) });
        return "failed" as const;
      }
    });
    if (done === "empty") break;
    result[done]++;
  }
  return result;
}

/** Starts the background sender (every 5 s) when SMTP is configured. */
export function startMailWorker(intervalMs = 5_000) {
  if (!env().SMTP_URL) return;
  startJob("mail", () => sendPendingMail(), { everyMs: intervalMs, onFailure: { level: "error", event: "mail_worker_error" } });
}
