/**
 * Admin views: the users (email, name, role, party, active) and the mail outbox (newest first,
 * with status, attempts and the last error). In demo mode without SMTP this is where mail is read.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { outbox, parties, users } from "../../db/schema";
import { CaseWorkflowError, type WorkflowUser } from "./case-workflow.server";

export const ADMIN_PAGE_SIZE = 25;
/** Mail attempts after which the worker gives up (mirrors the mail service). */
const MAX_ATTEMPTS = 8;

function requireAdmin(user: WorkflowUser) {
  if (user.role !== "admin") throw new CaseWorkflowError(403, "forbidden", "Berre administratorar har tilgang.");
}

export async function listUsers(user: WorkflowUser, page: number) {
  requireAdmin(user);
  const rows = await db()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      partyNumber: users.partyNumber,
      partyName: parties.name,
      active: users.active,
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(users)
    .leftJoin(parties, eq(parties.number, users.partyNumber))
    .orderBy(asc(users.email))
    .limit(ADMIN_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PAGE_SIZE);
  const total = rows[0]?.total ?? (await db().$count(users));
  return { rows: rows.map(({ total: _t, ...r }) => r), total, page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}

export type MailStatus = "sent" | "pending" | "failed";

export async function listOutbox(user: WorkflowUser, page: number) {
  requireAdmin(user);
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
    rows: rows.map(({ total: _t, ...r }) => ({
      ...r,
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
