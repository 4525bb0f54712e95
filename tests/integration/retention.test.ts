/**
 * Retention: the submitter's contact data is anonymised RETENTION_MONTHS after a case finished
 * (closed, rejected, withdrawn); the case stays. Tested with a fake clock.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { auditLog, caseAttachments, cases, outbox } from "../../db/schema";
import { anonymiseClosedCases, retentionCutoff, startRetentionJob } from "~/models/retention.server";
import { stopJob } from "~/services/jobs.server";
import { enqueueMail } from "~/services/mail.server";
import { PUBLIC_SUBMITTER, submitCase } from "~/models/submissions.server";
import { useTestDatabase } from "../support/db";
import { caseValues } from "../support/submissions";
import { first } from "../support/one";

useTestDatabase();
afterEach(async () => {
  await stopJob("retention");
  vi.useRealTimers();
});

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

async function newCase(label: string, at: Date) {
  const result = await submitCase(PUBLIC_SUBMITTER, {
    values: caseValues({
      title: `Sak ${label}`,
      submitterName: `Kari ${label}`,
      submitterOrg: "Molde kommune",
      submitterEmail: `kari.${label}@example.no`,
      submitterPhone: "+47 912 34 567",
      submitterRef: "2024/1",
    }),
    idempotencyKey: crypto.randomUUID(),
    attachments: [{ filename: "notat.pdf", contentType: "application/pdf", bytes: PDF }],
    lang: "nn",
    now: at,
  });
  return result.caseId;
}

async function finish(id: string, status: "closed" | "rejected" | "withdrawn" | "routed", at: Date) {
  await db()
    .update(cases)
    .set({ status, closedAt: status === "closed" || status === "rejected" ? at : null, updatedAt: at })
    .where(eq(cases.id, id));
}

const row = async (id: string) => first(await db().select().from(cases).where(eq(cases.id, id)));

describe("anonymiseClosedCases", () => {
  it("computes the cut-off in calendar months", () => {
    expect(retentionCutoff(new Date("2026-03-31T12:00:00Z"), 24).toISOString()).toBe("2024-03-31T12:00:00.000Z");
    expect(retentionCutoff(new Date("2026-01-15T00:00:00Z"), 1).toISOString()).toBe("2025-12-15T00:00:00.000Z");
  });

  it("anonymises contact data of cases finished more than RETENTION_MONTHS ago, keeps the case, and audits", async () => {
    const t0 = new Date("2023-01-10T09:00:00Z");
    const closedOld = await newCase("closed-old", t0);
    const rejectedOld = await newCase("rejected-old", t0);
    const withdrawnOld = await newCase("withdrawn-old", t0);
    const closedRecent = await newCase("closed-recent", t0);
    const openOld = await newCase("open-old", t0);
    await finish(closedOld, "closed", new Date("2023-03-01T10:00:00Z"));
    await finish(rejectedOld, "rejected", new Date("2023-04-01T10:00:00Z"));
    await finish(withdrawnOld, "withdrawn", new Date("2023-05-01T10:00:00Z"));
    await finish(closedRecent, "closed", new Date("2024-12-01T10:00:00Z"));
    await finish(openOld, "routed", new Date("2023-02-01T10:00:00Z"));
    // The receipt mails went out.
    await db()
      .update(outbox)
      .set({ sentAt: t0 })
      .where(sql`${outbox.dedupeKey} like 'case_receipt:%'`);
    const before = await row(closedOld);

    // The fake clock: 2025-04-15, 24 months → cut-off 2023-04-15.
    const now = new Date("2025-04-15T03:00:00Z");
    expect(await anonymiseClosedCases({ now, months: 24 })).toBe(2);
    for (const id of [closedOld, rejectedOld]) {
      const c = await row(id);
      expect(c).toMatchObject({ submitterName: "anonymisert", submitterOrg: "", submitterEmail: "", submitterPhone: "" });
      expect(c.anonymisedAt?.toISOString()).toBe(now.toISOString());
      // The case stays for the archive: texts, reference, status, attachments.
      expect(c).toMatchObject({ title: expect.stringMatching(/^Sak /), background: "Bakgrunn", submitterRef: "2024/1" });
      expect((await db().select({ id: caseAttachments.id }).from(caseAttachments).where(eq(caseAttachments.caseId, id))).length).toBe(1);
      const mail = first(
        await db()
          .select()
          .from(outbox)
          .where(eq(outbox.dedupeKey, `case_receipt:${id}`)),
      );
      expect(mail.toAddress).toBe("anonymisert");
      const audit = first(
        await db()
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, "case.anonymised"), eq(auditLog.entityId, id))),
      );
      expect(audit.actorLabel).toBe("system");
      expect(JSON.stringify(audit.after)).not.toContain("kari");
    }
    expect((await row(closedOld)).reference).toBe(before.reference);
    for (const id of [withdrawnOld, closedRecent, openOld]) {
      const c = await row(id);
      expect(c.anonymisedAt).toBeNull();
      expect(c.submitterEmail).toMatch(/@example\.no$/);
    }

    // A month later the withdrawn one (2023-05-01) is due; the others are not touched twice.
    const auditsBefore = first(
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(eq(auditLog.action, "case.anonymised")),
    ).n;
    expect(await anonymiseClosedCases({ now: new Date("2025-05-15T03:00:00Z"), months: 24 })).toBe(1);
    expect((await row(withdrawnOld)).submitterName).toBe("anonymisert");
    const auditsAfter = first(
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(eq(auditLog.action, "case.anonymised")),
    ).n;
    expect(auditsAfter).toBe(auditsBefore + 1);
    // A shorter retention time reaches the recently closed case; open cases never.
    expect(await anonymiseClosedCases({ now: new Date("2025-05-15T03:00:00Z"), months: 3 })).toBe(1);
    expect((await row(openOld)).anonymisedAt).toBeNull();
  });

  it("scrubs name, organisation, e-mail and phone from the bodies of every mail about the case (issue 11, finding 8)", async () => {
    const id = await newCase("mailbody", new Date("2021-01-10T09:00:00Z"));
    // A rejection and a decision mail as the workflow writes them (greeting by name), one sent, one pending.
    const body = ["Hei Kari mailbody,", "", "Kontakt: kari.mailbody@example.no, +47 912 34 567, Molde kommune.", "Helsing"].join("\n");
    await enqueueMail({ kind: "case_rejected", to: "kari.mailbody@example.no", subject: "Saka", text: body, dedupeKey: `case_rejected:${id}` });
    await enqueueMail({ kind: "case_decision", to: "kari.mailbody@example.no", subject: "Vedtak", text: body.toUpperCase(), dedupeKey: `case_decision:${id}:7` });
    await db()
      .update(outbox)
      .set({ sentAt: new Date("2021-02-01T00:00:00Z") })
      .where(sql`${outbox.dedupeKey} in (${`case_rejected:${id}`}, ${`case_receipt:${id}`})`);
    await finish(id, "rejected", new Date("2021-02-01T10:00:00Z"));
    expect(await anonymiseClosedCases({ now: new Date("2025-05-15T03:00:00Z"), months: 24 })).toBeGreaterThanOrEqual(1);
    const mails = await db()
      .select()
      .from(outbox)
      .where(sql`${outbox.dedupeKey} like ${`case_%:${id}%`}`);
    // The submitter's mails, and the secretariat's notice of the new case (issue 14; it names no one).
    expect(mails.map((m) => m.kind).sort()).toEqual(["case_decision", "case_receipt", "case_rejected", "notice_case_submitted"]);
    for (const m of mails) {
      for (const personal of ["kari mailbody", "kari.mailbody@example.no", "+47 912 34 567", "molde kommune"]) expect(m.textBody.toLowerCase()).not.toContain(personal);
      expect(m.secret).toBeNull();
    }
    expect(mails.find((m) => m.kind === "case_rejected")!.textBody).toContain("Hei anonymisert,");
  });

  it("runs as a daily job from start-up (fake timers and clock)", async () => {
    const id = await newCase("job", new Date("2020-01-10T09:00:00Z"));
    await finish(id, "closed", new Date("2020-02-01T10:00:00Z"));
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    startRetentionJob(24 * 3600 * 1000, 60_000);
    // The first run is a minute after start-up: the clock then reads 00:01.
    vi.advanceTimersByTime(60_000);
    vi.useRealTimers();
    await vi.waitFor(async () => expect((await row(id)).anonymisedAt?.toISOString()).toBe("2026-01-01T00:01:00.000Z"), { timeout: 10_000 });
    const all = await db()
      .select({ status: cases.status })
      .from(cases)
      .where(inArray(cases.id, [id]));
    expect(all).toEqual([{ status: "closed" }]);
  });

  it("lets a run in progress finish when stopped (shutdown closes the database only after)", async () => {
    const id = await newCase("stop", new Date("2020-01-10T09:00:00Z"));
    await finish(id, "closed", new Date("2020-02-01T10:00:00Z"));
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval"] });
    startRetentionJob(24 * 3600 * 1000, 0);
    vi.advanceTimersByTime(0); // the first run has started
    vi.useRealTimers();
    await stopJob("retention");
    expect((await row(id)).anonymisedAt).not.toBeNull();
  });
});
