/**
 * Retention (docs/security.md, GDPR art. 5(1)(e)): the submitter's contact data is anonymised
 * RETENTION_MONTHS (default 24) after a case was closed, rejected or withdrawn. The case itself
 * (title, texts, decisions, attachments) stays for the archive; only who sent it goes: name →
 * "anonymisert", organisation, e-mail and phone → "". The addresses of mails already sent about the
 * case go too, and in the bodies of every mail about the case the name, organisation, e-mail
 * address and phone number are replaced (a sealed link still waiting is dropped); tracking links issued after the first (case_tracking_tokens) are deleted. Each case is anonymised in its own transaction with an audit row `case.anonymised`.
 * A daily job started at start-up runs it; several instances may run it at once (row locks,
 * `skip locked`, and the `anonymised_at is null` condition make it idempotent).
 */
import { and, eq, inArray, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import { db } from "../../db/client";
import { cases, caseTrackingTokens, outbox } from "../../db/schema";
import { SYSTEM_ACTOR, writeAudit } from "~/services/audit.server";
import { env } from "~/services/env.server";
import { log } from "~/services/log.server";
import { startJob } from "~/services/jobs.server";

export const ANONYMISED_NAME = "anonymisert";
export const FINISHED_STATUSES = ["closed", "rejected", "withdrawn"] as const;

/** Mails about a case: their dedupe keys are "case_<kind>:<case id>[:…]". */
const aboutCase = (caseId: string) => or(like(outbox.dedupeKey, `case_%:${caseId}`), like(outbox.dedupeKey, `case_%:${caseId}:%`));

/**
 * `text` with every value (name, organisation, e-mail, phone) replaced by ANONYMISED_NAME, whatever
 * its case; the longest first, so that a name inside an e-mail address goes with the address.
 * Values shorter than two characters are left (they would garble the text, and identify no one).
 */
export function scrubText(text: string, values: (string | null | undefined)[]): string {
  const needles = [...new Set(values.map((v) => (v ?? "").trim()).filter((v) => v.length >= 2))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return text;
  const pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
  return text.replace(pattern, ANONYMISED_NAME);
}

/** `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/** Anonymises every finished case past the retention time. Returns how many cases it changed. */
export async function anonymiseClosedCases(input: { now?: Date; months?: number; batchSize?: number } = {}): Promise<number> {
  const now = input.now ?? new Date();
  const months = input.months ?? env().RETENTION_MONTHS;
  const batchSize = input.batchSize ?? 200;
  const cutoff = retentionCutoff(now, months);
  // When the case finished: closed_at (closed, rejected), else the last update (withdrawn).
  const finishedAt = sql`coalesce(${cases.closedAt}, ${cases.updatedAt})`;
  let total = 0;
  for (;;) {
    const done = await db().transaction(async (tx) => {
      const due = await tx
        .select({
          id: cases.id,
          email: cases.submitterEmail,
          name: cases.submitterName,
          org: cases.submitterOrg,
          phone: cases.submitterPhone,
          status: cases.status,
        })
        .from(cases)
        .where(and(inArray(cases.status, [...FINISHED_STATUSES]), isNull(cases.anonymisedAt), sql`${finishedAt} < ${cutoff.toISOString()}::timestamptz`))
        .orderBy(cases.id)
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const c of due) {
        await tx.update(cases).set({ submitterName: ANONYMISED_NAME, submitterOrg: "", submitterEmail: "", submitterPhone: "", anonymisedAt: now }).where(eq(cases.id, c.id));
        // Tracking links issued later (/saker/spor, questions to the submitter) go with the contact data.
        const links = await tx.delete(caseTrackingTokens).where(eq(caseTrackingTokens.caseId, c.id)).returning({ caseId: caseTrackingTokens.caseId });
        // Mails about this case that have been sent: the address goes as well (pending ones still go out).
        const scrubbed = c.email
          ? await tx
              .update(outbox)
              .set({ toAddress: ANONYMISED_NAME })
              .where(and(isNotNull(outbox.sentAt), sql`lower(${outbox.toAddress}) = lower(${c.email})`, aboutCase(c.id)))
              .returning({ id: outbox.id })
          : [];
        // The bodies of every mail about the case: whatever names the submitter goes.
        const mails = await tx.select({ id: outbox.id, textBody: outbox.textBody, secret: outbox.secret }).from(outbox).where(aboutCase(c.id));
        for (const mail of mails) {
          const textBody = scrubText(mail.textBody, [c.name, c.org, c.email, c.phone]);
          if (textBody !== mail.textBody || mail.secret) await tx.update(outbox).set({ textBody, secret: null }).where(eq(outbox.id, mail.id));
        }
        await writeAudit(
          {
            actor: SYSTEM_ACTOR,
            action: "case.anonymised",
            entityType: "case",
            entityId: c.id,
            // No personal data in the audit trail: which fields, not their values.
            after: {
              anonymisedAt: now.toISOString(),
              fields: ["submitterName", "submitterOrg", "submitterEmail", "submitterPhone"],
              mails: scrubbed.length,
              trackingLinks: links.length,
              retentionMonths: months,
            },
          },
          tx,
        );
      }
      return due.length;
    });
    total += done;
    if (done < batchSize) break;
  }
  if (total) log("info", "cases_anonymised", { count: total, months });
  return total;
}

/** Runs the retention job a minute after start-up and then once a day. */
export function startRetentionJob(intervalMs = 24 * 3600 * 1000, firstAfterMs = 60_000) {
  startJob("retention", (tickAt) => anonymiseClosedCases({ now: tickAt }), { everyMs: intervalMs, firstAfterMs, onFailure: { level: "warn", event: "retention_failed" } });
}
