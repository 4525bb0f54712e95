/**
 * E-mail through the outbox table: `enqueueMail` writes a row (inside the caller's transaction),
 * and the worker sends pending rows with nodemailer over SMTP, with retries and backoff. Several
 * app instances can run the worker: rows are claimed with FOR UPDATE SKIP LOCKED, so each mail is
 * sent once. Without SMTP_URL (demo mode) mail stays in the outbox and admins read it at
 * /admin/e-post.
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db, Tx } from "../../db/client";
import { db as defaultDb } from "../../db/client";
import { outbox } from "../../db/schema";
import { env } from "./env.server";
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
}

export async function enqueueMail(mail: MailInput, tx: Db | Tx = defaultDb()) {
  await tx
    .insert(outbox)
    .values({ kind: mail.kind, toAddress: mail.to, subject: mail.subject, textBody: mail.text, dedupeKey: mail.dedupeKey ?? null, sendAfter: mail.sendAfter ?? new Date() })
    .onConflictDoNothing();
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
        await transport(smtpUrl).sendMail({ from: env().MAIL_FROM, to: mail.toAddress, subject: mail.subject, text: mail.textBody });
        await tx.update(outbox).set({ sentAt: new Date(), attempts: mail.attempts + 1, lastError: null }).where(eq(outbox.id, mail.id));
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
