/**
 * Issue 11, finding 8: the outbox never holds a usable tracking link. The receipt's link is stored
 * sealed (docs/decisions/008-outbox-without-tracking-links.md), rendered only when the mail goes to
 * SMTP, and the admin's outbox view shows no bodies in production.
 */
import { sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { outbox } from "../../db/schema";
import { loader as adminMailLoader } from "~/routes/admin.e-post";
import { action as submitAction } from "~/routes/saker.ny";
import { trackingView } from "~/models/submissions.server";
import { receiptCookie } from "~/http/submission.server";
import { resetEnvForTests } from "~/services/env.server";
import { enqueueMail, SECRET_LINK_PLACEHOLDER, sendPendingMail } from "~/services/mail.server";
import { useTestDatabase } from "../support/db";
import { BASE, cookieFor, getRequest, run } from "../support/http";
import { useSmtpServer } from "../support/smtp";
import { at, present } from "../support/one";

useTestDatabase();
const smtp = useSmtpServer();

afterEach(() => {
  delete process.env.DATABASE_URL;
  resetEnvForTests();
});

/** Every column of every outbox row as text: what anyone with the database (or a backup) reads. */
async function wholeOutbox(): Promise<string> {
  const rows = await db().execute(sql`select coalesce(string_agg(o::text, E'\n'), '') as all from outbox o`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { all: string }[];
  return at(list, 0).all;
}

/** The plain-text part of a received mail, read by a real MIME parser (mailparser). */
async function mailText(raw: string): Promise<string> {
  return (await simpleParser(raw)).text ?? "";
}

async function submitForm(title: string, email: string) {
  const form = new FormData();
  const fields = {
    title,
    submitterName: "Kari Melder",
    submitterEmail: email,
    submitterDate: "2024-02-20",
    background: "Delavtale 2.",
    urgency: "normal",
    idempotencyKey: crypto.randomUUID(),
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await run(() =>
    submitAction({ request: new Request(`${BASE}/saker/ny`, { method: "POST", body: form, headers: { Origin: BASE } }), params: {}, context: { clientIp: "192.0.2.80" } }),
  );
  expect(res.status).toBe(303);
  const receipt = (await receiptCookie().parse(res.headers.get("Set-Cookie"))) as { reference: string; token: string };
  expect(receipt.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return receipt;
}

describe("the outbox holds no usable tracking link (finding 8)", () => {
  it("stores the receipt without the token, and the mail that reaches SMTP has a working link", async () => {
    const receipts = [await submitForm("Betre samhandling", "kari.a@example.no"), await submitForm(`Tittel med ${SECRET_LINK_PLACEHOLDER}`, "kari.b@example.no")];
    const stored = await wholeOutbox();
    expect(stored).toContain("case_receipt");
    for (const r of receipts) expect(stored).not.toContain(r.token);
    expect(stored).not.toContain("/saker/spor/");

    // The two receipts, and the secretariat's notice of each new case (issue 14).
    expect(await sendPendingMail({ smtpUrl: smtp.current.url })).toEqual({ sent: 4, failed: 0 });
    expect(smtp.current.received.filter((m) => m.to.includes("sekretariat@demo.no"))).toHaveLength(2);
    for (const [i, r] of receipts.entries()) {
      const mail = smtp.current.received.find((m) => m.to.includes(i === 0 ? "kari.a@example.no" : "kari.b@example.no"))!;
      const text = await mailText(mail.raw);
      const link = /(\S+\/saker\/spor\/([A-Za-z0-9_-]+))/.exec(text);
      expect(link?.[2]).toBe(r.token);
      // The link works: it opens this case's tracking view.
      const view = await trackingView({ kind: "tracking", token: present(link?.[2], "the tracking token") }, { lang: "nn" });
      expect(view?.reference).toBe(r.reference);
    }
    // A placeholder typed into a title stays text; the mail's own placeholder became the link.
    expect(await mailText(smtp.current.received.find((m) => m.to.includes("kari.b@example.no"))!.raw)).toContain(`Tittel med ${SECRET_LINK_PLACEHOLDER}`);

    // Sent: nothing sealed left either.
    const after = await wholeOutbox();
    for (const r of receipts) expect(after).not.toContain(r.token);
    expect((await db().select({ secret: outbox.secret }).from(outbox)).every((m) => m.secret === null)).toBe(true);
  });

  it("masks a clear link in a mail queued before sealing, in the admin view and once sent", async () => {
    const legacy = `Følg saka:\nhttp://localhost:3000/saker/spor/${"x".repeat(43)}\n`;
    await enqueueMail({ kind: "case_receipt", to: "gamal@example.no", subject: "Kvittering", text: legacy, dedupeKey: "legacy-1" });
    const admin = await cookieFor("admin@demo.no");
    const demoView = await (await run(() => adminMailLoader({ request: getRequest("/admin/e-post", { cookie: admin }), params: {}, context: {} }))).text();
    expect(demoView).toContain("Følg saka:");
    expect(demoView).not.toContain("x".repeat(43));
    await sendPendingMail({ smtpUrl: smtp.current.url });
    expect(await wholeOutbox()).not.toContain("x".repeat(43));
  });

  it("shows metadata only in production: no bodies, recipients masked", async () => {
    await submitForm("Sak for admin", "kari.prod@example.no");
    const admin = await cookieFor("admin@demo.no");
    const view = async () => (await run(() => adminMailLoader({ request: getRequest("/admin/e-post", { cookie: admin }), params: {}, context: {} }))).json();
    // Demo mode: the bodies are there to read (with the placeholder, never the link).
    const demo = (await view()) as { rows: { textBody: string | null; toAddress: string }[] };
    expect(demo.rows.some((r) => r.textBody?.includes("Sak for admin"))).toBe(true);
    expect(demo.rows.some((r) => r.textBody?.includes(SECRET_LINK_PLACEHOLDER))).toBe(true);
    // Production (a real database configured, not demo mode).
    process.env.DATABASE_URL = "postgres://prod@127.0.0.1:5432/helsefellesskap";
    resetEnvForTests();
    const prod = (await view()) as { rows: { textBody: string | null; toAddress: string; subject: string }[] };
    expect(prod.rows.length).toBeGreaterThan(0);
    expect(prod.rows.every((r) => r.textBody === null)).toBe(true);
    expect(JSON.stringify(prod)).not.toContain("Sak for admin");
    expect(JSON.stringify(prod)).not.toContain("kari.prod@example.no");
    expect(prod.rows.map((r) => r.toAddress)).toContain("k***@example.no");
  });
});
