/**
 * Admin views: the mail outbox (newest first,
 * with status, attempts and the last error). In demo mode without SMTP this is where mail is read;
 * in production the outbox shows metadata only: no bodies, recipients masked
 * (docs/decisions/008-outbox-without-tracking-links.md).
 */
import { desc, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { env } from "~/services/env.server";
import { maskTrackingLinks } from "~/services/mail.server";
import { refusal, type WorkflowUser } from "./case-workflow.server";

export const ADMIN_PAGE_SIZE = 25;
/** Mail attempts after which the worker gives up (mirrors the mail service). */
const MAX_ATTEMPTS = 8;

function requireAdmin(user: WorkflowUser) {
  if (user.role !== "admin") throw refusal("forbidden", "forbidden");
}

export type MailStatus = "sent" | "pending" | "failed";

/** "k***@example.no": enough to tell mails apart, not to read who wrote in. */
export function maskAddress(address: string): string {
  return address.replace(/[^\s@<>"]+@/g, (local) => `${local[0]}***@`);
}

export async function listOutbox(user: WorkflowUser, page: number) {
  requireAdmin(user);
  const demo = env().demoMode;
  const rows = await db()
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      textBody: outbox.textBody,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(ADMIN_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PAGE_SIZE);
  const total = rows[0]?.total ?? (await db().$count(outbox));
  return {
    rows: rows.map(({ total: _t, textBody, ...r }) => ({
      ...r,
      // Bodies (with any clear tracking link masked) only in demo mode, where mail is read here.
      textBody: demo ? maskTrackingLinks(textBody) : null,
      toAddress: demo ? r.toAddress : maskAddress(r.toAddress),
      lastError: demo || !r.lastError ? r.lastError : maskAddress(r.lastError),
      status: (r.sentAt ? "sent" : r.lastError ? "failed" : "pending") as MailStatus,
      givenUp: !r.sentAt && r.attempts >= MAX_ATTEMPTS,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
  };
}

export const pageParam = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};
