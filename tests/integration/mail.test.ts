import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { enqueueMail, sendPendingMail } from "~/services/mail.server";
import { useTestDatabase } from "../support/db";
import { startSmtpServer } from "../support/smtp";

useTestDatabase({ demo: false });
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer({ failFirst: 1 });
});
afterAll(async () => smtp.close());

describe(`mail outbox (${process.env.TEST_DB})`, () => {
  it("keeps mail through an SMTP failure and sends it once on retry", async () => {
    await enqueueMail({ kind: "test", to: "melder@example.no", subject: "Kvittering", text: "Hei", dedupeKey: "test-1" });
    await enqueueMail({ kind: "test", to: "melder@example.no", subject: "Kvittering", text: "Hei", dedupeKey: "test-1" });
    expect(await db().select().from(outbox)).toHaveLength(1);

    const first = await sendPendingMail({ smtpUrl: smtp.url });
    expect(first).toEqual({ sent: 0, failed: 1 });
    const [row] = await db().select().from(outbox).where(eq(outbox.dedupeKey, "test-1"));
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);

    // Not due yet: backoff holds it back.
    expect(await sendPendingMail({ smtpUrl: smtp.url })).toEqual({ sent: 0, failed: 0 });
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await sendPendingMail({ smtpUrl: smtp.url, now: later })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["melder@example.no"]);
    expect(smtp.received[0].raw).toContain("Subject: Kvittering");
    expect(await sendPendingMail({ smtpUrl: smtp.url, now: later })).toEqual({ sent: 0, failed: 0 });
  });

  it("keeps mail in the outbox when no SMTP is configured", async () => {
    await enqueueMail({ kind: "test", to: "a@example.no", subject: "S", text: "T" });
    expect(await sendPendingMail({ smtpUrl: "" })).toEqual({ sent: 0, failed: 0 });
  });
});
