import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { enqueueMail, sendPendingMail } from "~/services/mail.server";
import { useTestDatabase } from "../support/db";
import { useSmtpServer } from "../support/smtp";
import { at } from "../support/one";

useTestDatabase({ demo: false });
const smtpServer = useSmtpServer({ failFirst: 1 });

describe(`mail outbox (${process.env.TEST_DB})`, () => {
  it("keeps mail through an SMTP failure and sends it once on retry", async () => {
    await enqueueMail({ kind: "test", to: "melder@example.no", subject: "Kvittering", text: "Hei", dedupeKey: "test-1" });
    await enqueueMail({ kind: "test", to: "melder@example.no", subject: "Kvittering", text: "Hei", dedupeKey: "test-1" });
    expect(await db().select().from(outbox)).toHaveLength(1);

    const first = await sendPendingMail({ smtpUrl: smtpServer.current.url });
    expect(first).toEqual({ sent: 0, failed: 1 });
    const row = at(await db().select().from(outbox).where(eq(outbox.dedupeKey, "test-1")), 0);
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);

    // Not due yet: backoff holds it back.
    expect(await sendPendingMail({ smtpUrl: smtpServer.current.url })).toEqual({ sent: 0, failed: 0 });
    const later = new Date(Date.now() + 10 * 60_000);
    expect(await sendPendingMail({ smtpUrl: smtpServer.current.url, now: later })).toEqual({ sent: 1, failed: 0 });
    expect(smtpServer.current.received).toHaveLength(1);
    expect(at(smtpServer.current.received, 0).to).toEqual(["melder@example.no"]);
    expect(at(smtpServer.current.received, 0).raw).toContain("Subject: Kvittering");
    expect(await sendPendingMail({ smtpUrl: smtpServer.current.url, now: later })).toEqual({ sent: 0, failed: 0 });
  });

  it("keeps mail in the outbox when no SMTP is configured", async () => {
    await enqueueMail({ kind: "test", to: "a@example.no", subject: "S", text: "T" });
    expect(await sendPendingMail({ smtpUrl: "" })).toEqual({ sent: 0, failed: 0 });
  });
});
