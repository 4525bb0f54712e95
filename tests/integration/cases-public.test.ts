import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { db } from "../../db/client";
import { agendaItems, auditLog, bodies, caseAttachments, cases, meetings, outbox, users } from "../../db/schema";
import { setWithheldFields, type SetWithheldResult } from "~/models/public-cases.server";
import { PUBLIC_SUBMITTER, sha256, submitCase } from "~/models/submissions.server";
import { receiptCookie } from "~/http/submission.server";
import { action as submitAction, loader as formLoader } from "~/routes/saker.ny";
import { loader as receiptLoader } from "~/routes/saker.ny_.kvittering";
import { action as trackingAction, loader as trackingLoader } from "~/routes/saker.spor.$token";
import { loader as listLoader } from "~/routes/saker._index";
import { loader as caseLoader } from "~/routes/saker.$reference";
import { SECRET_LINK_PLACEHOLDER, sendPendingMail } from "~/services/mail.server";
import { useTestDatabase } from "../support/db";
import { args, BASE, formRequest, getRequest, run } from "../support/http";
import { startSmtpServer } from "../support/smtp";
import { at, first } from "../support/one";

useTestDatabase();

/** A valid fødselsnummer, computed here (never a real person's on purpose: 01.01.80, individual 123). */
function validFnr(): string {
  for (let i = 123; ; i++) {
    const nine = `010180${i}`;
    const d = [...nine].map(Number);
    let k1 = 11 - (d.reduce((s, x, j) => s + x * at([3, 7, 6, 1, 8, 9, 4, 5, 2], j), 0) % 11);
    if (k1 === 11) k1 = 0;
    if (k1 === 10) continue;
    let k2 = 11 - ([...d, k1].reduce((s, x, j) => s + x * at([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], j), 0) % 11);
    if (k2 === 11) k2 = 0;
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
}

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

function validFields(overrides: Record<string, string> = {}): Record<string, string> & { idempotencyKey: string } {
  return {
    idempotencyKey: crypto.randomUUID(),
    title: "Betre koordinering av individuell plan mellom nivåa",
    submitterName: "Kari Melder",
    submitterOrg: "Fagleg samarbeidsutval for rehabilitering",
    submitterEmail: "kari.melder@example.no",
    submitterPhone: "+47 912 34 567",
    submitterDate: "2024-02-20",
    submitterRef: "2024/17",
    background: "Utvalet ønskjer ei brei satsing på koordinering, jf. samarbeidsavtalen delavtale 2.",
    urgency: "high",
    problem: "Svikt i koordinering mellom kommune og sjukehus.",
    patientGroups: "Alle med behov for samansette tenester.",
    serviceProviders: "Helse- og velferdstenester.",
    changeNeeds: "Felles digitale verktøy.",
    triedBefore: "Eige FSU tidlegare.",
    proposal: "Eit felles prosjekt i helsefellesskapet.",
    economy: "Prosjektet må finansierast.",
    referencesText: "Forskrift om habilitering og rehabilitering.",
    agreementPoints: "Delavtale 2",
    partyNumber: "1506",
    ...overrides,
  };
}

function multipartRequest(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = [], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("attachments", new File([f.bytes as BlobPart], f.name, { type: f.type ?? "application/octet-stream" }));
  return new Request(`${BASE}/saker/ny`, { method: "POST", body: form, headers: { Origin: BASE, ...headers } });
}

const countCases = async () =>
  first(
    await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(cases),
  ).n;

async function submit(request: Request) {
  return run(() => submitAction(args(request)));
}

/** Submits and returns the reference and the tracking token from the receipt cookie. */
async function submitOk(fields: Record<string, string> = validFields()) {
  const res = await submit(multipartRequest(fields));
  expect(res.status).toBe(303);
  expect(res.headers.get("Location")).toBe("/saker/ny/kvittering");
  const cookie = first(res.headers.get("Set-Cookie")!.split(";"));
  const flash = (await receiptCookie().parse(cookie)) as { reference: string; token: string | null };
  return { ...flash, cookie };
}

/** A mail's plain-text part, read by a real MIME parser (the mail has a text and an HTML part). */
async function decodeMail(raw: string): Promise<string> {
  return (await simpleParser(raw)).text ?? "";
}

describe(`public case submission (${process.env.TEST_DB})`, () => {
  it("renders the form with a fresh idempotency key, today's date and the current parties", async () => {
    const res = await run(() => formLoader(args(getRequest("/saker/ny"))));
    const data = await res.json();
    expect(data.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const names = data.parties.map((p: { name: string }) => p.name);
    expect(names[0]).toMatch(/Helse Møre og Romsdal/);
    expect(names).toContain("Molde");
    expect(names).not.toContain("Nesset"); // merged into Molde in 2020
  });

  it("creates a case as 'submitted' with reference, receipt mail, audit row and attachment, and shows the receipt once", async () => {
    const before = await countCases();
    const fields = validFields({ status: "closed", bodyId: "1", reference: "HFMR-1999-9999" }); // tampered extras are ignored
    const res = await submit(multipartRequest(fields, [{ name: "notat.pdf", bytes: PDF, type: "application/pdf" }]));
    expect(res.status).toBe(303);
    expect(await countCases()).toBe(before + 1);
    const row = first(await db().select().from(cases).where(eq(cases.idempotencyKey, fields.idempotencyKey)));
    expect(row.status).toBe("submitted");
    expect(row.bodyId).toBeNull();
    expect(row.reference).toMatch(/^HFMR-\d{4}-\d{4}$/);
    expect(row.reference).toBe(`HFMR-${row.year}-${String(row.seq).padStart(4, "0")}`);
    expect(row.urgency).toBe("high");
    expect(row.partyNumber).toBe("1506");

    const cookie = first(res.headers.get("Set-Cookie")!.split(";"));
    expect(res.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    const flash = await receiptCookie().parse(cookie);
    expect(flash.reference).toBe(row.reference);
    expect(row.trackingTokenHash).toBe(sha256(flash.token));
    expect(flash.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const files = await db().select().from(caseAttachments).where(eq(caseAttachments.caseId, row.id));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: "notat.pdf", contentType: "application/pdf", size: PDF.byteLength });
    expect(Buffer.from(at(files, 0).data).subarray(0, 5).toString()).toBe("%PDF-");

    const mail = first(
      await db()
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `case_receipt:${row.id}`)),
    );
    expect(mail.kind).toBe("case_receipt");
    expect(mail.toAddress).toBe("kari.melder@example.no");
    expect(mail.textBody).toContain(row.reference);
    // The link is sealed until the mail is sent (issue 11, finding 8; tests/integration/outbox-privacy.test.ts).
    expect(mail.textBody).toContain(SECRET_LINK_PLACEHOLDER);
    expect(mail.textBody).not.toContain(flash.token!);

    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "case"), eq(auditLog.entityId, row.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "case.submitted", actorLabel: "innsendar", actorUserId: null });
    expect(JSON.stringify(at(audit, 0).after)).not.toMatch(/Kari|example\.no|912/);

    const receipt = await run(() => receiptLoader(args(getRequest("/saker/ny/kvittering", { cookie }))));
    expect(receipt.headers.get("Cache-Control")).toBe("no-store");
    const shown = await receipt.json();
    expect(shown.receipt.reference).toBe(row.reference);
    expect(shown.receipt.trackingUrl).toBe(`http://localhost:3000/saker/spor/${flash.token}`);
    // Shown once: the cookie now holds the reference alone.
    const again = await run(() => receiptLoader(args(getRequest("/saker/ny/kvittering", { cookie: receipt.headers.get("Set-Cookie")!.split(";")[0] }))));
    expect((await again.json()).receipt).toEqual({ reference: row.reference, trackingUrl: null });
  });

  it("refuses missing required fields with 400, an error next to each and no row", async () => {
    const before = await countCases();
    const res = await submit(multipartRequest({ idempotencyKey: crypto.randomUUID(), title: "", submitterName: " ", submitterEmail: "ikkje-epost", submitterDate: "2024-02-20" }));
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.status).toBe("error");
    expect(result.error.title).toEqual(["errors.required"]);
    expect(result.error.submitterName).toEqual(["errors.required"]);
    expect(result.error.background).toEqual(["errors.required"]);
    expect(result.error.submitterEmail).toEqual(["errors.email"]);
    expect(await countCases()).toBe(before);
  });

  it("refuses a valid fødselsnummer in free text, says where, and never echoes or stores it", async () => {
    const fnr = validFnr();
    const spaced = `${fnr.slice(0, 6)} ${fnr.slice(6)}`;
    const before = await countCases();
    const res = await submit(multipartRequest(validFields({ problem: `Pasient ${fnr} fekk ikkje plan.`, proposal: `Sjå ${spaced}.` })));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(fnr);
    expect(text).not.toContain(fnr.slice(6));
    const { result } = JSON.parse(text);
    expect(result.error.problem).toEqual(["errors.nationalId"]);
    expect(result.error.proposal).toEqual(["errors.nationalId"]);
    expect(result.initialValue.problem).toBe("Pasient *********** fekk ikkje plan.");
    // Reported at once, also while other fields are still missing.
    const partial = await submit(multipartRequest({ idempotencyKey: crypto.randomUUID(), patientGroups: `Døme: ${fnr}` }));
    expect(partial.status).toBe(400);
    const partialText = await partial.text();
    expect(partialText).not.toContain(fnr);
    expect(JSON.parse(partialText).result.error.patientGroups).toEqual(["errors.nationalId"]);
    expect(JSON.parse(partialText).result.error.title).toEqual(["errors.required"]);
    expect(await countCases()).toBe(before);
    const stored = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(sql`${outbox.textBody} like ${"%" + fnr + "%"}`);
    expect(at(stored, 0).n).toBe(0);
  });

  it("accepts a form whose file input was left empty (as a browser sends it)", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(validFields())) form.append(k, v);
    form.append("attachments", new File([], "", { type: "application/octet-stream" }));
    const res = await submit(new Request(`${BASE}/saker/ny`, { method: "POST", body: form, headers: { Origin: BASE } }));
    expect(res.status).toBe(303);
  });

  it("accepts an 11-digit number that fails the check digits", async () => {
    const fnr = validFnr();
    const wrong = fnr.slice(0, 10) + String((Number(fnr[10]) + 1) % 10);
    const { reference } = await submitOk(validFields({ problem: `Telefon/ordrenummer ${wrong}` }));
    expect(reference).toMatch(/^HFMR-/);
  });

  it("answers a 10 MB text with a 4xx and a clear message, multipart or urlencoded, and stores nothing", async () => {
    const before = await countCases();
    const huge = "a".repeat(10 * 1024 * 1024);
    const multi = await submit(multipartRequest(validFields({ background: huge })));
    expect(multi.status).toBe(400);
    const body = await multi.text();
    expect(body.length).toBeLessThan(100_000); // the text is not echoed back
    expect(JSON.parse(body).result.error.background).toEqual(["errors.tooLong:10000"]);

    const url = await submit(formRequest("/saker/ny", validFields({ problem: huge })));
    expect(url.status).toBe(400);
    expect((await url.json()).result.error.problem).toEqual(["errors.tooLong:10000"]);

    const tooBig = await submit(
      new Request(`${BASE}/saker/ny`, {
        method: "POST",
        body: "x".repeat(33 * 1024 * 1024),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(33 * 1024 * 1024) },
      }),
    );
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).result.error[""]).toEqual(["errors.requestTooLarge"]);
    expect(await countCases()).toBe(before);
  });

  it("refuses an .exe, a .pdf whose bytes are an exe, too many and too large files, with 400 and no row", async () => {
    const before = await countCases();
    const exe = await submit(multipartRequest(validFields(), [{ name: "program.exe", bytes: EXE }]));
    expect(exe.status).toBe(400);
    expect((await exe.json()).result.error.attachments).toEqual(["errors.fileType"]);

    const fake = await submit(multipartRequest(validFields(), [{ name: "rapport.pdf", bytes: EXE, type: "application/pdf" }]));
    expect(fake.status).toBe(400);
    expect((await fake.json()).result.error.attachments).toEqual(["errors.fileContent:rapport.pdf"]);

    const many = await submit(
      multipartRequest(
        validFields(),
        Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, bytes: PDF })),
      ),
    );
    expect(many.status).toBe(400);
    expect((await many.json()).result.error.attachments).toEqual(["errors.fileCount:5"]);

    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const large = await submit(multipartRequest(validFields(), [{ name: "stor.pdf", bytes: big }]));
    expect(large.status).toBe(400);
    const largeResult = (await large.json()).result;
    expect(largeResult.error.attachments).toEqual(["errors.fileTooLarge:10"]);
    expect(largeResult.initialValue.title).toBe(validFields().title); // the rest of the form survives
    expect(await countCases()).toBe(before);
  });

  it("stores one case for a double submission, sequential or concurrent", async () => {
    const fields = validFields();
    const first = await submitOk(fields);
    const second = await submitOk(fields);
    expect(second.reference).toBe(first.reference);
    expect(second.token).toBeNull();
    expect((await db().select().from(cases).where(eq(cases.idempotencyKey, fields.idempotencyKey))).length).toBe(1);

    const concurrent = validFields();
    const before = await countCases();
    const results = await Promise.all([submit(multipartRequest(concurrent)), submit(multipartRequest(concurrent)), submit(multipartRequest(concurrent))]);
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(await countCases()).toBe(before + 1);
    const refs = await Promise.all(results.map(async (r) => (await receiptCookie().parse(at(r.headers.get("Set-Cookie")!.split(";"), 0))).reference));
    expect(new Set(refs).size).toBe(1);
    expect((await db().select().from(outbox).where(eq(outbox.kind, "case_receipt"))).length).toBe(await countCases());
  });

  it("numbers different concurrent submissions without gaps or duplicates", async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => submitOk(validFields())));
    const seqs = results.map((r) => Number(r.reference.slice(-4))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(4);
    expect(at(seqs, 3) - at(seqs, 0)).toBe(3);
  });

  it("stores nothing when the case cannot be written, and the next submissions get the next numbers", async () => {
    const counts = async () => ({
      cases: await countCases(),
      mails: first(
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(outbox)
          .where(eq(outbox.kind, "case_receipt")),
      ).n,
      // The secretariat's notice of each new case (issue 14), one per active secretariat member.
      notices: first(
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(outbox)
          .where(eq(outbox.kind, "notice_case_submitted")),
      ).n,
      audit: first(
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(auditLog),
      ).n,
    });
    const before = await counts();
    const last =
      first(
        await db()
          .select({ seq: sql<number>`max(${cases.seq})::int` })
          .from(cases)
          .where(eq(cases.year, new Date().getFullYear())),
      ).seq ?? 0;
    const { idempotencyKey, ...fields } = validFields();
    // A party that does not exist (the form checks it first; here it slipped through): a foreign key violation.
    const values = { ...fields, urgency: "normal", partyNumber: "0000" } as Parameters<typeof submitCase>[1]["values"];
    await expect(submitCase(PUBLIC_SUBMITTER, { values, idempotencyKey, attachments: [], lang: "nn" })).rejects.toThrow();
    expect(await counts()).toEqual(before);
    // More submissions than the test pool has connections: none of them finds a connection left in a transaction.
    const results = await Promise.all(Array.from({ length: 6 }, () => submitOk(validFields())));
    const seqs = results.map((r) => Number(r.reference.slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 6 }, (_, i) => last + 1 + i));
    const secretariat = first(
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, "secretariat"), eq(users.active, true))),
    ).n;
    expect(secretariat).toBeGreaterThan(0);
    expect(await counts()).toEqual({ cases: before.cases + 6, mails: before.mails + 6, notices: before.notices + 6 * secretariat, audit: before.audit + 6 });
  });

  it("delivers the receipt e-mail with the reference and the tracking link to a real SMTP server", async () => {
    const smtp = await startSmtpServer();
    try {
      await sendPendingMail({ smtpUrl: smtp.url, limit: 100 });
      const fields = validFields({ submitterEmail: "smtp-test@example.no" });
      const { reference, token } = await submitOk(fields);
      await sendPendingMail({ smtpUrl: smtp.url });
      const mail = smtp.received.find((m) => m.to.includes("smtp-test@example.no"));
      expect(mail).toBeDefined();
      const text = await decodeMail(mail!.raw);
      expect(text).toContain(reference);
      expect(text).toContain(`http://localhost:3000/saker/spor/${token}`);
    } finally {
      await smtp.close();
    }
  });

  // Issue 11, finding 15: a file name with `=`, `;` or `"` made the whole form unreadable and it came
  // back empty. Any name a browser can send is read; a refused file keeps every typed answer.
  it("reads the submission whatever the attachment's name: every ASCII punctuation and unicode (property)", async () => {
    const PUNCTUATION = [..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "];
    const char = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PUNCTUATION) },
      { weight: 2, arbitrary: fc.constantFrom(..."aæøåZ09") },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
    );
    const stem = fc
      .tuple(fc.constantFrom("=", ";", '"', '";', '="', '; name="x"'), fc.array(char, { minLength: 1, maxLength: 30 }))
      .map(([must, chars]) => chars.join("") + must + chars.reverse().join(""));
    const named = new Set<string>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(stem, fc.boolean(), async (name, accepted) => {
        runs++;
        const fields = validFields({ title: `Vedlegg ${runs}` });
        const filename = `${name}.${accepted ? "pdf" : "exe"}`;
        const res = await submit(multipartRequest(fields, [{ name: filename, bytes: PDF, type: "application/pdf" }]));
        if (accepted) {
          expect(res.status, filename).toBe(303);
          const row = first(await db().select({ id: cases.id, title: cases.title, problem: cases.problem }).from(cases).where(eq(cases.idempotencyKey, fields.idempotencyKey)));
          expect(row).toMatchObject({ title: fields.title, problem: fields.problem });
          const files = await db().select({ filename: caseAttachments.filename }).from(caseAttachments).where(eq(caseAttachments.caseId, row.id));
          expect(files).toHaveLength(1);
          expect(at(files, 0).filename.endsWith(".pdf")).toBe(true);
          named.add(at(files, 0).filename);
        } else {
          // The file alone is refused; every typed answer comes back for the form.
          expect(res.status, filename).toBe(400);
          const { result } = await res.json();
          expect(result.error.attachments).toEqual(["errors.fileType"]);
          for (const [k, v] of Object.entries(fields)) expect(result.initialValue[k], k).toBe(v);
        }
      }),
      { numRuns: 60 },
    );
    console.log(`attachment names: ${runs} generated (every ASCII punctuation and unicode), ${named.size} stored, all forms read`);
  });

  it("keeps every typed answer when a file is too large", async () => {
    const fields = validFields();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const res = await submit(multipartRequest(fields, [{ name: 'stor;"x"=1.pdf', bytes: big, type: "application/pdf" }]));
    expect(res.status).toBe(400);
    const { result } = await res.json();
    expect(result.error.attachments).toEqual(["errors.fileTooLarge:10"]);
    for (const [k, v] of Object.entries(fields)) expect(result.initialValue[k], k).toBe(v);
  });

  it("writes the receipt in the submitter's language", async () => {
    const fields = validFields();
    const res = await submit(multipartRequest(fields, [], { "Accept-Language": "en-GB,en;q=0.9" }));
    expect(res.status).toBe(303);
    const row = first(await db().select({ id: cases.id }).from(cases).where(eq(cases.idempotencyKey, fields.idempotencyKey)));
    const mail = first(
      await db()
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `case_receipt:${row.id}`)),
    );
    expect(mail.subject).toMatch(/^Receipt: your case HFMR-/);
  });
});

describe(`tracking page (${process.env.TEST_DB})`, () => {
  it("shows status, a timeline and private headers; an unknown token is a 404", async () => {
    const { token, reference } = await submitOk();
    const res = await run(() => trackingLoader(args(getRequest(`/saker/spor/${token}`), { token: token! })));
    expect(res.status).toBe(200);
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { view } = await res.json();
    expect(view.reference).toBe(reference);
    expect(view.status).toBe("submitted");
    expect(view.canWithdraw).toBe(true);
    expect(view.timeline).toEqual([{ at: expect.any(String), status: "submitted" }]);
    expect(JSON.stringify(view)).not.toMatch(/kari|example\.no/i);

    for (const bad of ["x", "A".repeat(43), token!.slice(0, 42) + (token!.endsWith("A") ? "B" : "A")]) {
      const missing = await run(() => trackingLoader(args(getRequest(`/saker/spor/${bad}`), { token: bad })));
      expect(missing.status).toBe(404);
    }
  });

  it("withdraws after confirmation, and refuses once the case is on an agenda", async () => {
    const { token } = await submitOk();
    const path = `/saker/spor/${token}`;
    const unconfirmed = await run(() => trackingAction(args(formRequest(path, { intent: "withdraw" }), { token: token! })));
    expect(unconfirmed.status).toBe(400);
    expect((await unconfirmed.json()).error).toBe("tracking.withdrawConfirmRequired");

    const ok = await run(() => trackingAction(args(formRequest(path, { intent: "withdraw", confirm: "yes" }), { token: token! })));
    expect(ok.status).toBe(303);
    const row = first(
      await db()
        .select()
        .from(cases)
        .where(eq(cases.trackingTokenHash, sha256(token!))),
    );
    expect(row.status).toBe("withdrawn");
    expect(row.version).toBe(2);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "case.withdrawn")));
    expect(audit).toHaveLength(1);
    const { view } = await (await run(() => trackingLoader(args(getRequest(path), { token: token! })))).json();
    expect(view.status).toBe("withdrawn");
    expect(view.canWithdraw).toBe(false);
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual(["submitted", "withdrawn"]);

    const again = await run(() => trackingAction(args(formRequest(path, { intent: "withdraw", confirm: "yes" }), { token: token! })));
    expect(again.status).toBe(409);

    const other = await submitOk();
    await db()
      .update(cases)
      .set({ status: "on_agenda" })
      .where(eq(cases.trackingTokenHash, sha256(other.token!)));
    const refused = await run(() => trackingAction(args(formRequest(`/saker/spor/${other.token}`, { intent: "withdraw", confirm: "yes" }), { token: other.token! })));
    expect(refused.status).toBe(409);
    const still = first(
      await db()
        .select({ status: cases.status })
        .from(cases)
        .where(eq(cases.trackingTokenHash, sha256(other.token!))),
    );
    expect(still.status).toBe("on_agenda");
  });

  it("shows a rejection's justification, and published decisions with the body's case number and the minutes link", async () => {
    const rejected = await submitOk();
    await db().update(cases).set({ status: "rejected", rejectionReason: "Saka høyrer til kommunen sjølv." }).where(eq(cases.reference, rejected.reference));
    const r = (await (await run(() => trackingLoader(args(getRequest("/"), { token: rejected.token! })))).json()).view;
    expect(r.rejectionReason).toBe("Saka høyrer til kommunen sjølv.");
    expect(r.canWithdraw).toBe(false);

    const handled = await submitOk();
    const ssu = first(await db().select().from(bodies).where(eq(bodies.slug, "ssu")));
    const c = first(await db().update(cases).set({ status: "handled", bodyId: ssu.id }).where(eq(cases.reference, handled.reference)).returning());
    const m = first(
      await db()
        .insert(meetings)
        .values({ bodyId: ssu.id, startsAt: new Date("2024-09-11T08:00:00Z"), minutesStatus: "draft" })
        .returning(),
    );
    await db().insert(agendaItems).values({
      meetingId: m.id,
      bodyId: ssu.id,
      position: 1,
      kind: "case",
      caseId: c.id,
      title: c.title,
      bodyCaseYear: 2024,
      bodyCaseSeq: 30,
      handling: "Saka vart drøfta.",
      decision: "SSU inviterer Statsforvaltaren til dialog.",
      outcome: "decided",
    });
    const draft = (await (await run(() => trackingLoader(args(getRequest("/"), { token: handled.token! })))).json()).view;
    expect(draft.decisions).toEqual([]); // not before the minutes are published
    await db().update(meetings).set({ minutesStatus: "published" }).where(eq(meetings.id, m.id));
    const view = (await (await run(() => trackingLoader(args(getRequest("/"), { token: handled.token! })))).json()).view;
    expect(view.body.name).toMatch(/Strategisk samarbeidsutval/);
    expect(view.decisions).toEqual([
      expect.objectContaining({
        caseNumber: "30/24",
        handling: "Saka vart drøfta.",
        decision: "SSU inviterer Statsforvaltaren til dialog.",
        minutesUrl: `/utval/ssu/moter/${m.id}/referat`,
      }),
    ]);
  });
});

describe(`public list and case page (${process.env.TEST_DB})`, () => {
  const SECRET = "Hemmelegtekst om forhandlingar med leverandøren";
  let withheldRef = "";
  let hiddenRef = "";
  beforeAll(async () => {
    // 25 received cases, one with a withheld field, and one still submitted (not public).
    const created = [];
    for (let i = 0; i < 25; i++) {
      created.push(await submitOk(validFields({ title: `Offentleg testsak nummer ${i + 1} om rehabilitering`, submitterEmail: `melder${i}@example.no` })));
    }
    await db()
      .update(cases)
      .set({ status: "received" })
      .where(sql`${cases.reference} in ${created.map((c) => c.reference)}`);
    const w = await submitOk(validFields({ title: "Sak med skjerma økonomi", economy: SECRET, submitterName: "Ola Nordmann", submitterPhone: "99887766" }));
    withheldRef = w.reference;
    const row = first(await db().update(cases).set({ status: "received" }).where(eq(cases.reference, withheldRef)).returning());
    const result = await setWithheldFields({ caseId: row.id, withheld: { economy: "offl. § 13 jf. fvl. § 13" }, actor: { id: null, label: "test" }, expectedVersion: row.version });
    expect(result).toEqual({ ok: true, version: row.version + 1 });
    hiddenRef = (await submitOk(validFields({ title: "Usynleg innsendt sak" }))).reference;
  });
  afterAll(() => {});

  it("lists public cases 20 per page with a count, never contact data, never submitted cases", async () => {
    const res = await run(() => listLoader(args(getRequest("/saker"))));
    const data = await res.json();
    expect(data.rows).toHaveLength(20);
    expect(data.total).toBeGreaterThanOrEqual(26);
    expect(data.pages).toBe(Math.ceil(data.total / 20));
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/@example\.no|Kari Melder|Ola Nordmann|99887766|912 34 567/);
    expect(json).not.toContain(hiddenRef);
    expect(json).not.toContain(SECRET);

    const page2 = await (await run(() => listLoader(args(getRequest("/saker?page=2"))))).json();
    expect(page2.page).toBe(2);
    expect(page2.rows.length).toBe(data.total - 20 > 20 ? 20 : data.total - 20);
    const refs1 = new Set(data.rows.map((r: { reference: string }) => r.reference));
    expect(page2.rows.some((r: { reference: string }) => refs1.has(r.reference))).toBe(false);

    const oldest = await (await run(() => listLoader(args(getRequest("/saker?sort=oldest&page=99"))))).json();
    expect(oldest.page).toBe(oldest.pages); // clamped to the last page
  });

  it("searches in Norwegian (stemmed), filters by status and year, and never matches withheld text", async () => {
    const hits = await (await run(() => listLoader(args(getRequest("/saker?q=testsakene%20rehabilitering"))))).json();
    expect(hits.total).toBe(25);
    expect(hits.params.sort).toBe("relevance");
    const one = await (await run(() => listLoader(args(getRequest(`/saker?q=${encodeURIComponent('"nummer 17"')}`))))).json();
    expect(one.rows.map((r: { title: string }) => r.title)).toEqual(["Offentleg testsak nummer 17 om rehabilitering"]);

    const secret = await (await run(() => listLoader(args(getRequest("/saker?q=forhandlingar"))))).json();
    expect(secret.total).toBe(0);
    const title = await (await run(() => listLoader(args(getRequest("/saker?q=skjerma%20økonomi"))))).json();
    expect(title.rows.map((r: { reference: string }) => r.reference)).toEqual([withheldRef]);
    expect(JSON.stringify(title)).not.toContain(SECRET);

    const hidden = await (await run(() => listLoader(args(getRequest("/saker?q=usynleg"))))).json();
    expect(hidden.total).toBe(0);

    const received = await (await run(() => listLoader(args(getRequest("/saker?status=handled"))))).json();
    expect(received.rows.every((r: { status: string }) => r.status === "handled")).toBe(true);
    const none = await (await run(() => listLoader(args(getRequest("/saker?year=2001"))))).json();
    expect(none.total).toBe(0);
  });

  it("shows a case page with the basis instead of withheld text; a submitted case is a 404", async () => {
    const res = await run(() => caseLoader(args(getRequest(`/saker/${withheldRef}`), { reference: withheldRef })));
    expect(res.status).toBe(200);
    const data = await res.json();
    const json = JSON.stringify(data);
    expect(json).not.toContain(SECRET);
    expect(json).not.toMatch(/@example\.no|Ola Nordmann|99887766/);
    const economy = data.case.fields.find((f: { name: string }) => f.name === "economy");
    expect(economy).toEqual({ name: "economy", text: null, withheld: "offl. § 13 jf. fvl. § 13" });
    expect(data.case.fields.find((f: { name: string }) => f.name === "problem").text).toContain("Svikt i koordinering");

    const hidden = await run(() => caseLoader(args(getRequest(`/saker/${hiddenRef}`), { reference: hiddenRef })));
    expect(hidden.status).toBe(404);
    const unknown = await run(() => caseLoader(args(getRequest("/saker/HFMR-1900-0001"), { reference: "HFMR-1900-0001" })));
    expect(unknown.status).toBe(404);
  });

  it("setWithheldFields refuses unknown fields, empty bases and stale versions", async () => {
    const row = first(await db().select().from(cases).where(eq(cases.reference, withheldRef)));
    const actor = { id: null, label: "test" };
    const bad = (await setWithheldFields({ caseId: row.id, withheld: { submitterEmail: "x", problem: " " }, actor, expectedVersion: row.version })) as Extract<
      SetWithheldResult,
      { error: "invalid" }
    >;
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors).toEqual({ submitterEmail: "unknown_field", problem: "basis_required" });
    const stale = await setWithheldFields({ caseId: row.id, withheld: {}, actor, expectedVersion: row.version - 1 });
    expect(stale).toMatchObject({ ok: false, error: "conflict", current: { version: row.version } });
    const cleared = await setWithheldFields({ caseId: row.id, withheld: {}, actor, expectedVersion: row.version });
    expect(cleared).toEqual({ ok: true, version: row.version + 1 });
    const found = await (await run(() => listLoader(args(getRequest("/saker?q=forhandlingar"))))).json();
    expect(found.rows.map((r: { reference: string }) => r.reference)).toEqual([withheldRef]);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "case.withheld_changed")));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain(SECRET);
  });
});

describe(`demo cases (${process.env.TEST_DB})`, () => {
  it("seeds the demo cases once, marked as demo data, with the real case received and trackable", async () => {
    const { seedDemoCases, demoCases, demoTrackingToken, REAL_CASE_REFERENCE } = await import("../../db/demo/cases");
    await seedDemoCases(db());
    await seedDemoCases(db());
    const refs = demoCases().map((c) => c.reference);
    const rows = await db()
      .select()
      .from(cases)
      .where(sql`${cases.reference} in ${refs}`);
    expect(rows).toHaveLength(refs.length);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const real = rows.find((r) => r.reference === REAL_CASE_REFERENCE)!;
    expect(real).toMatchObject({ status: "received", submitterEmail: "fsu-rehab@demo.no", submitterDate: "2024-02-20", bodyId: null });
    expect(rows.filter((r) => r.reference !== REAL_CASE_REFERENCE).every((r) => r.title.includes("(demodata)"))).toBe(true);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["submitted", "received", "under_assessment", "routed", "rejected", "withdrawn"]));
    const { view } = await (await run(() => trackingLoader(args(getRequest("/"), { token: demoTrackingToken(REAL_CASE_REFERENCE) })))).json();
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual(["submitted", "received"]);
    // Public list: the demo cases from "received" on, with the withheld economy field hidden.
    const list = await (await run(() => listLoader(args(getRequest("/saker?year=2024&sort=oldest"))))).json();
    expect(list.rows.map((r: { reference: string }) => r.reference)).toContain(REAL_CASE_REFERENCE);
    expect(JSON.stringify(list)).not.toContain("@demo.no");
  });
});
