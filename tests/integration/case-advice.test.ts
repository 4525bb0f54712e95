/**
 * Guideline point 3 in software (issue 14): the tilråding of the SSU leader and deputy, routing and
 * rejecting only after one (or with a recorded reason), the rejection mail saying what happened,
 * questions to the submitter answered on the tracking page, the notices of each hand-over, and
 * /saker/spor for submitters who lost their link.
 */
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { auditLog, caseAdvice, caseInfoRequests, cases, caseTrackingTokens, noticePreferences, outbox, users } from "../../db/schema";
import { answerInfoRequest, askSubmitter, recordAdvice } from "~/models/case-advice.server";
import { getCaseForUser, receiveCase, rejectCase, routeCase, sendToAssessment } from "~/models/case-workflow.server";
import { newTrackingToken, sha256 } from "~/models/submissions.server";
import { anonymiseClosedCases } from "~/models/retention.server";
import { openSecret } from "~/services/mail.server";
import { resetEnvForTests } from "~/services/env.server";
import { DomainError } from "~/services/domain-error";
import { action as caseAction, loader as caseLoader } from "~/routes/sekretariat.saker.$id._index";
import { action as trackingAction, loader as trackingLoader } from "~/routes/saker.spor.$token";
import { action as lostLinksAction } from "~/routes/saker.spor._index";
import { seedDemoCases } from "../../db/demo/cases";
import { useTestDatabase } from "../support/db";
import { createAppHandler } from "../support/remix-app";
import { args, cookieFor, formRequest, getRequest, run } from "../support/http";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { first, present } from "../support/one";

useTestDatabase();

const E = "cases-secretariat:errors.";

async function refused(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the operation to be refused");
}

/** A case under assessment, with its row. */
async function underAssessment(overrides: Parameters<typeof insertCase>[0] = {}) {
  const { user: sec } = await userFor("sekretariat@demo.no");
  const c = await insertCase(overrides);
  await receiveCase(sec, { caseId: c.id, expectedVersion: 1 });
  await sendToAssessment(sec, { caseId: c.id, expectedVersion: 2 });
  return { c, sec };
}

const mailsLike = (key: string) => db().select().from(outbox).where(like(outbox.dedupeKey, key));
const secretariatEmails = async () =>
  (
    await db()
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.role, "secretariat"), eq(users.active, true)))
  )
    .map((u) => u.email)
    .sort();

/** The tracking token of the link a mail carries (sealed in the outbox). */
function tokenOf(mail: { secret: string | null }) {
  const link = present(openSecret(present(mail.secret ?? undefined, "a sealed link")) ?? undefined, "an openable link");
  return present(/\/saker\/spor\/([A-Za-z0-9_-]+)$/.exec(link)?.[1], "the token in the link");
}

describe(`tilråding (${process.env.TEST_DB})`, () => {
  it("the SSU leader and deputy — and only they — record a tilråding on a case under assessment", async () => {
    const { c } = await underAssessment();
    const ssuBody = await bodyId("ssu");
    const input = { caseId: c.id, recommendation: "route" as const, bodyId: ssuBody, justification: "Tverrgåande: SSU." };
    for (const email of ["sekretariat@demo.no", "fsu-rehab@demo.no", "ke-molde@demo.no", "admin@demo.no"]) {
      const { user } = await userFor(email);
      expect((await refused(recordAdvice(user, input))).kind, email).toBe("forbidden");
    }
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    const { user: deputy } = await userFor("ssu-nestleiar@demo.no");
    const a1 = await recordAdvice(leader, input);
    const a2 = await recordAdvice(deputy, { caseId: c.id, recommendation: "ask_info", justification: "Uklart kva tenester det gjeld." });
    expect([a1.authorRole, a2.authorRole]).toEqual(["leader", "deputy_leader"]);
    // A justification is required and follows the free-text rules; routing names a body.
    expect((await refused(recordAdvice(leader, { ...input, justification: "  " }))).code).toBe(`${E}justificationRequired`);
    expect((await refused(recordAdvice(leader, { ...input, justification: "Pasient 010190-10046 gjeld." }))).code).toBe("errors.nationalId");
    expect((await refused(recordAdvice(leader, { ...input, bodyId: null }))).code).toBe(`${E}bodyRequired`);

    // Shown on the case page: who, when, what (the latest first).
    const page = await getCaseForUser(leader, c.id);
    expect(page.advice.map((a) => [a.authorLabel, a.recommendation])).toEqual([
      [deputy.name, "ask_info"],
      [leader.name, "route"],
    ]);
    expect(page.permissions.canAdvise).toBe(true);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.advice")));
    expect(audit.map((a) => a.after)).toEqual([
      expect.objectContaining({ adviceId: a1.id, recommendation: "route", bodyId: ssuBody }),
      expect.objectContaining({ adviceId: a2.id, recommendation: "ask_info" }),
    ]);

    // Once routed, no more advice.
    const { user: sec } = await userFor("sekretariat@demo.no");
    await routeCase(sec, { caseId: c.id, expectedVersion: 3, bodyId: ssuBody });
    expect((await refused(recordAdvice(leader, input))).code).toBe(`${E}adviceNotOpen`);
    expect((await getCaseForUser(leader, c.id)).permissions.canAdvise).toBe(false);
  });

  it("the case page takes the advice intent from the SSU leadership only (403 for the others), and shows it", async () => {
    const { c } = await underAssessment();
    const ssuBody = String(await bodyId("ssu"));
    const post = async (email: string, fields: Record<string, string>) =>
      run(async () => caseAction(args(formRequest(`/sekretariat/saker/${c.id}`, fields, { cookie: await cookieFor(email) }), { id: c.id })));
    const advice = { intent: "advice", recommendation: "route", bodyId: ssuBody, justification: "SSU." };
    for (const email of ["sekretariat@demo.no", "fsu-rehab@demo.no", "ke-molde@demo.no"]) expect((await post(email, advice)).status, email).toBe(403);
    const missing = await post("ssu-nestleiar@demo.no", { intent: "advice", recommendation: "reject", justification: "" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).result.error).toEqual({ justification: [`${E}justificationRequired`] });
    const ok = await post("ssu-nestleiar@demo.no", advice);
    expect(ok.status).toBe(302);
    const page = await (await run(async () => caseLoader(args(getRequest(`/sekretariat/saker/${c.id}`, { cookie: await cookieFor("sekretariat@demo.no") }), { id: c.id })))).json();
    expect(page.advice).toEqual([
      expect.objectContaining({ authorLabel: "SSU-nestleiar (demo)", authorRole: "deputy_leader", recommendation: "route", bodyShortName: "SSU", justification: "SSU." }),
    ]);
    expect(await db().select().from(caseAdvice).where(eq(caseAdvice.caseId, c.id))).toHaveLength(1);
  });

  it("notices: sent for assessment → the SSU leader and deputy; a tilråding → the secretariat; each exactly once", async () => {
    const { c } = await underAssessment();
    const assessment = await mailsLike(`case_assessment:${c.id}:%`);
    expect(assessment.map((m) => m.toAddress).sort()).toEqual(["ssu-leiar@demo.no", "ssu-nestleiar@demo.no"]);
    expect(assessment.every((m) => m.kind === "notice_case_assessment" && m.subject.includes(c.reference))).toBe(true);
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    const advice = await recordAdvice(leader, { caseId: c.id, recommendation: "reject", justification: "Ikkje samhandling." });
    const notices = await mailsLike(`case_advice:${advice.id}:%`);
    expect(notices.map((m) => m.toAddress).sort()).toEqual(await secretariatEmails());
    expect(new Set(notices.map((m) => m.toAddress)).size).toBe(notices.length);
    expect(notices.every((m) => m.kind === "notice_case_advice")).toBe(true);
    // No free text of the case in the notices.
    expect(notices.every((m) => !m.textBody.includes("Ikkje samhandling") && !m.textBody.includes(c.title))).toBe(true);
  });

  it("honours the preference: the deputy who turned assessment notices off gets none, the leader still does", async () => {
    const { user: deputy } = await userFor("ssu-nestleiar@demo.no");
    await db().insert(noticePreferences).values({ userId: deputy.id, kind: "case_assessment", mode: "off" });
    const { c } = await underAssessment();
    expect((await mailsLike(`case_assessment:${c.id}:%`)).map((m) => m.toAddress)).toEqual(["ssu-leiar@demo.no"]);
    await db().delete(noticePreferences).where(eq(noticePreferences.userId, deputy.id));
  });
});

describe(`routing and rejecting need a tilråding or a reason (${process.env.TEST_DB})`, () => {
  it("refuses route and reject without either, with the error on the reason's field; nothing changes", async () => {
    const { c, sec } = await underAssessment();
    const ssuBody = await bodyId("ssu");
    const route = await refused(routeCase(sec, { caseId: c.id, expectedVersion: 3, bodyId: ssuBody }));
    expect([route.code, route.kind, route.field]).toEqual([`${E}adviceRequired`, "invalid", "waiverReason"]);
    const reject = await refused(rejectCase(sec, { caseId: c.id, expectedVersion: 3, reason: "Nei.", waiverReason: "   " }));
    expect([reject.code, reject.field]).toEqual([`${E}adviceRequired`, "waiverReason"]);
    expect((await refused(routeCase(sec, { caseId: c.id, expectedVersion: 3, bodyId: ssuBody, waiverReason: "x".repeat(2001) }))).code).toBe(`${E}waiverTooLong`);
    const row = first(await db().select().from(cases).where(eq(cases.id, c.id)));
    expect([row.status, row.version]).toEqual(["under_assessment", 3]);
    expect(await mailsLike(`case_rejected:${c.id}`)).toHaveLength(0);
  });

  it("routes with a reason (audited) and with a tilråding (its id audited); forward needs neither", async () => {
    const ssuBody = await bodyId("ssu");
    const fsuBody = await bodyId("fsu-rehabilitering");
    const { c: waived, sec } = await underAssessment();
    await routeCase(sec, { caseId: waived.id, expectedVersion: 3, bodyId: ssuBody, waiverReason: "Hastar: møte i morgon." });
    const { c: advised } = await underAssessment();
    const { user: leader } = await userFor("ssu-leiar@demo.no");
    const advice = await recordAdvice(leader, { caseId: advised.id, recommendation: "route", bodyId: fsuBody, justification: "Fagleg tema." });
    await routeCase(sec, { caseId: advised.id, expectedVersion: 3, bodyId: fsuBody });
    const routeAudit = async (caseId: string) =>
      first(
        await db()
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entityId, caseId), eq(auditLog.action, "case.route"))),
      ).after;
    expect(await routeAudit(waived.id)).toMatchObject({ status: "routed", waiverReason: "Hastar: møte i morgon." });
    expect(await routeAudit(waived.id)).not.toHaveProperty("adviceId");
    expect(await routeAudit(advised.id)).toMatchObject({ status: "routed", adviceId: advice.id });
    expect(await routeAudit(advised.id)).not.toHaveProperty("waiverReason");
    // A handled case forwarded to another body: no tilråding asked for.
    await db().update(cases).set({ status: "handled" }).where(eq(cases.id, waived.id));
    const { forwardCase } = await import("~/models/case-workflow.server");
    const forwarded = await forwardCase(sec, { caseId: waived.id, expectedVersion: 4, bodyId: fsuBody });
    expect(forwarded.status).toBe("routed");
  });

  it("the rejection mail says the SSU leadership was consulted (who, when) — or that it was not, with the reason", async () => {
    const { c: consulted, sec } = await underAssessment({ submitterEmail: "konsultert@example.no" });
    const { user: deputy } = await userFor("ssu-nestleiar@demo.no");
    const advice = await recordAdvice(deputy, { caseId: consulted.id, recommendation: "reject", justification: "Kommunalt ansvar." });
    await db()
      .update(caseAdvice)
      .set({ createdAt: new Date("2026-03-12T09:00:00Z") })
      .where(eq(caseAdvice.id, advice.id));
    await rejectCase(sec, { caseId: consulted.id, expectedVersion: 3, reason: "Legevakt er eit kommunalt ansvar." });
    const mail1 = first(await mailsLike(`case_rejected:${consulted.id}`));
    expect(mail1.toAddress).toBe("konsultert@example.no");
    expect(mail1.textBody).toContain("Leiaren av samarbeidssekretariatet har vurdert saka saman med leiinga i Strategisk samarbeidsutval:");
    expect(mail1.textBody).toContain("tilrådinga vart gitt av nestleiaren i Strategisk samarbeidsutval den 12.03.2026.");
    expect(mail1.textBody).toContain("Grunngjeving:\n\nLegevakt er eit kommunalt ansvar.");
    expect(mail1.textBody).not.toContain("utan tilråding");

    const { c: waived } = await underAssessment({ submitterEmail: "utan@example.no" });
    await rejectCase(sec, { caseId: waived.id, expectedVersion: 3, reason: "Gjeld drifta i HF.", waiverReason: "Leiarane i SSU var ikkje tilgjengelege." });
    const mail2 = first(await mailsLike(`case_rejected:${waived.id}`));
    expect(mail2.textBody).toContain("Samarbeidssekretariatet har avgjort saka utan tilråding frå leiar og nestleiar i Strategisk samarbeidsutval.");
    expect(mail2.textBody).toContain("Grunnen til at sekretariatet gjekk vidare utan tilråding: Leiarane i SSU var ikkje tilgjengelege.");
    expect(mail2.textBody).toContain("Grunngjeving:\n\nGjeld drifta i HF.");
    expect(mail2.textBody).not.toContain("saman med leiinga");
    const audit = first(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, waived.id), eq(auditLog.action, "case.reject"))),
    );
    expect(audit.after).toMatchObject({ status: "rejected", waiverReason: "Leiarane i SSU var ikkje tilgjengelege." });
  });
});

describe(`asking the submitter for more information (${process.env.TEST_DB})`, () => {
  it("question by mail with a new link → the tracking page shows it → the answer (JS off) → on the case page, audited, notice; twice → 409", async () => {
    const oldToken = newTrackingToken();
    const { c } = await underAssessment({ submitterEmail: "sporsmal@example.no", trackingTokenHash: sha256(oldToken) });
    const secCookie = await cookieFor("sekretariat@demo.no");
    const postCase = (cookie: string, fields: Record<string, string>) => run(() => caseAction(args(formRequest(`/sekretariat/saker/${c.id}`, fields, { cookie }), { id: c.id })));
    // Only the secretariat asks.
    expect((await postCase(await cookieFor("ssu-leiar@demo.no"), { intent: "ask", question: "Kva kommunar?" })).status).toBe(403);
    expect((await postCase(secCookie, { intent: "ask", question: "" })).status).toBe(400);
    expect((await postCase(secCookie, { intent: "ask", question: "Kva kommunar gjeld saka?" })).status).toBe(302);
    // One open question at a time.
    const again = await postCase(secCookie, { intent: "ask", question: "Og kva meir?" });
    expect(again.status).toBe(409);
    expect((await again.json()).result.error).toEqual({ question: [`${E}questionOpen`] });

    const mail = first(await mailsLike(`case_info_request:${c.id}:%`));
    expect(mail.toAddress).toBe("sporsmal@example.no");
    expect(mail.textBody).toContain("Kva kommunar gjeld saka?");
    expect(mail.textBody).not.toMatch(/\/saker\/spor\/[A-Za-z0-9_-]{20,}/); // the link is sealed, never in the body
    const token = tokenOf(mail);
    expect(token).not.toBe(oldToken);

    // The tracking page (new link and old link) shows the open question.
    const view = async (t: string) => (await (await run(() => trackingLoader(args(getRequest(`/saker/spor/${t}`), { token: t })))).json()).view;
    const shown = await view(token);
    expect(shown.openQuestion).toMatchObject({ question: "Kva kommunar gjeld saka?" });
    expect((await view(oldToken)).openQuestion).toMatchObject({ question: "Kva kommunar gjeld saka?" });

    // The form without JavaScript: a plain urlencoded post; errors next to the field.
    const postAnswer = (fields: Record<string, string>) => run(() => trackingAction(args(formRequest(`/saker/spor/${token}`, fields), { token })));
    const empty = await postAnswer({ intent: "answer", requestId: String(shown.openQuestion.id), answer: " " });
    expect(empty.status).toBe(400);
    expect((await empty.json()).result.error).toEqual({ answer: ["tracking.answerRequired"] });
    const tooLong = await postAnswer({ intent: "answer", requestId: String(shown.openQuestion.id), answer: "x".repeat(5001) });
    expect((await tooLong.json()).result.error).toEqual({ answer: ["tracking.answerTooLong"] });
    const ok = await postAnswer({ intent: "answer", requestId: String(shown.openQuestion.id), answer: "Molde og Ålesund." });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe(`/saker/spor/${token}?svar=1`);
    const twice = await postAnswer({ intent: "answer", requestId: String(shown.openQuestion.id), answer: "Og Volda." });
    expect(twice.status).toBe(409);
    expect((await twice.json()).error).toBe("tracking.alreadyAnswered");
    expect((await view(token)).openQuestion).toBeNull();

    const stored = first(await db().select().from(caseInfoRequests).where(eq(caseInfoRequests.caseId, c.id)));
    expect(stored.answer).toBe("Molde og Ålesund.");
    const page = await (await run(() => caseLoader(args(getRequest(`/sekretariat/saker/${c.id}`, { cookie: secCookie }), { id: c.id })))).json();
    expect(page.infoRequests).toEqual([expect.objectContaining({ question: "Kva kommunar gjeld saka?", answer: "Molde og Ålesund." })]);
    expect(page.permissions.canAsk).toBe(true);
    const actions = (await db().select().from(auditLog).where(eq(auditLog.entityId, c.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["case.info_request", "case.info_answer"]));
    const answerNotices = await mailsLike(`case_answer:${stored.id}:%`);
    expect(answerNotices.map((m) => m.toAddress).sort()).toEqual(await secretariatEmails());
    expect(answerNotices.every((m) => m.kind === "notice_case_answer" && !m.textBody.includes("Molde og Ålesund"))).toBe(true);
    // The timeline of the tracking page lists statuses only: the question adds no row.
    expect((await view(token)).timeline.map((e: { status: string }) => e.status)).toEqual(["received", "under_assessment"]);
  });

  it("a wrong token is a 404; the answer needs a question of this case", async () => {
    const { c, sec } = await underAssessment();
    const other = await underAssessment();
    const request = await askSubmitter(sec, { caseId: c.id, question: "Kva meiner du?" });
    const token = newTrackingToken();
    await db()
      .insert(caseTrackingTokens)
      .values({ tokenHash: sha256(token), caseId: other.c.id });
    expect((await refused(answerInfoRequest({ kind: "tracking", token }, { requestId: request.id, answer: "Svar" }))).kind).toBe("conflict");
    expect((await refused(answerInfoRequest({ kind: "tracking", token: "finst-ikkje" }, { requestId: request.id, answer: "Svar" }))).kind).toBe("notFound");
    const res = await run(() =>
      trackingAction(args(formRequest("/saker/spor/finst-ikkje", { intent: "answer", requestId: String(request.id), answer: "Svar" }), { token: "finst-ikkje" })),
    );
    expect(res.status).toBe(404);
  });
});

describe(`/saker/spor: new links for a lost one (${process.env.TEST_DB})`, () => {
  const post = (email: string, ip = "10.0.0.1") => run(() => lostLinksAction({ request: formRequest("/saker/spor", { email }), params: {}, context: { clientIp: ip } }));

  it("answers the same for a known and an unknown address; mails the known one a new link per case of the last 3 years; old links keep working", async () => {
    const oldToken = newTrackingToken();
    const recent = await insertCase({ submitterEmail: "Mista@Example.no", trackingTokenHash: sha256(oldToken), createdAt: new Date() });
    const second = await insertCase({ submitterEmail: "mista@example.no", createdAt: new Date() });
    const old = await insertCase({ submitterEmail: "mista@example.no", createdAt: new Date("2020-01-01T00:00:00Z") });
    const known = await post("mista@example.no", "10.0.0.2");
    const unknown = await post("ingen@example.no", "10.0.0.3");
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.get("Location")).toBe(unknown.headers.get("Location"));
    expect(await known.text()).toBe(await unknown.text());

    const mails = await db().select().from(outbox).where(eq(outbox.kind, "case_tracking_link"));
    expect(mails.map((m) => (m.dedupeKey ?? "").split(":")[1]).sort()).toEqual([recent.id, second.id].sort());
    expect(mails.every((m) => m.toAddress.toLowerCase() === "mista@example.no")).toBe(true);
    expect(mails.some((m) => (m.dedupeKey ?? "").includes(old.id))).toBe(false);
    const newToken = tokenOf(
      present(
        mails.find((m) => (m.dedupeKey ?? "").includes(recent.id)),
        "the mail of the recent case",
      ),
    );
    const view = async (t: string) => run(() => trackingLoader(args(getRequest(`/saker/spor/${t}`), { token: t })));
    expect((await (await view(newToken)).json()).view.reference).toBe(recent.reference);
    expect((await (await view(oldToken)).json()).view.reference).toBe(recent.reference);
    expect((await view(newToken + "x")).status).toBe(404);
    // Only hashes are stored.
    const stored = await db().select().from(caseTrackingTokens).where(eq(caseTrackingTokens.caseId, recent.id));
    expect(stored.map((s) => s.tokenHash)).toEqual([sha256(newToken)]);
  });

  it("is rate limited per address and per client (429 with Retry-After)", async () => {
    // At the start of an hour's window, so that it cannot roll over mid-test.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-03-03T10:00:00Z"));
    try {
      for (let i = 0; i < 3; i++) expect((await post("mange@example.no", `10.1.0.${i}`)).status).toBe(303);
      const limited = await post("mange@example.no", "10.1.0.9");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect((await limited.json()).result.error).toEqual({ "": ["lostLinks.rateLimited"] });
      // Another address from a fresh client still goes through.
      expect((await post("annan@example.no", "10.1.1.1")).status).toBe(303);

      // Per client: RATE_LIMIT_PUBLIC_FORM requests an hour, whatever the addresses.
      process.env.RATE_LIMIT_PUBLIC_FORM = "2";
      resetEnvForTests();
      expect((await post("a1@example.no", "10.2.0.1")).status).toBe(303);
      expect((await post("a2@example.no", "10.2.0.1")).status).toBe(303);
      expect((await post("a3@example.no", "10.2.0.1")).status).toBe(429);
      expect((await post("a3@example.no", "10.2.0.2")).status).toBe(303);
    } finally {
      delete process.env.RATE_LIMIT_PUBLIC_FORM;
      resetEnvForTests();
      vi.useRealTimers();
    }
  });

  it("refuses a malformed address with 400 next to the field", async () => {
    const res = await post("ikkje-ei-adresse");
    expect(res.status).toBe(400);
    expect((await res.json()).result.error).toEqual({ email: ["errors.email"] });
  });

  it("the retention job deletes the extra links with the case's contact data", async () => {
    const c = await insertCase({ status: "rejected", closedAt: new Date("2020-01-01T00:00:00Z"), createdAt: new Date("2019-12-01T00:00:00Z") });
    await db()
      .insert(caseTrackingTokens)
      .values({ tokenHash: sha256(newTrackingToken()), caseId: c.id });
    await anonymiseClosedCases({ now: new Date(), months: 24 });
    expect(await db().select().from(caseTrackingTokens).where(eq(caseTrackingTokens.caseId, c.id))).toHaveLength(0);
    const audit = first(
      await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.anonymised"))),
    );
    expect(audit.after).toMatchObject({ trackingLinks: 1 });
  });
});

describe(`demo data (${process.env.TEST_DB})`, () => {
  it("every routed demo case carries the SSU leader's tilråding, named in its route audit; rejected ones a reason", async () => {
    await seedDemoCases(db());
    const demo = (status: "routed" | "rejected") => and(eq(cases.status, status), like(cases.idempotencyKey, "demo:%"));
    const routed = await db().select({ id: cases.id }).from(cases).where(demo("routed"));
    expect(routed.length).toBeGreaterThan(0);
    for (const c of routed) {
      const advice = first(await db().select().from(caseAdvice).where(eq(caseAdvice.caseId, c.id)));
      expect(advice).toMatchObject({ authorLabel: "SSU-leiar (demo)", authorRole: "leader", recommendation: "route" });
      const route = first(
        await db()
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.route"))),
      );
      expect(route.after).toMatchObject({ adviceId: advice.id });
    }
    const rejected = await db().select({ id: cases.id }).from(cases).where(demo("rejected"));
    expect(rejected.length).toBeGreaterThan(0);
    for (const c of rejected) {
      const reject = first(
        await db()
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "case.reject"))),
      );
      expect(reject.after).toHaveProperty("waiverReason");
    }
  });
});

describe(`the pages as HTML, without JavaScript (${process.env.TEST_DB})`, () => {
  const html = async (path: string, cookie?: string) => {
    const handler = await createAppHandler();
    const res = await handler(new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} }), { clientIp: "198.18.0.31" });
    return { status: res.status, body: await res.text() };
  };

  it("the tracking page shows the open question and a plain form to answer it; an unknown link's 404 points to /saker/spor", async () => {
    const token = newTrackingToken();
    const { c, sec } = await underAssessment({ trackingTokenHash: sha256(token) });
    await askSubmitter(sec, { caseId: c.id, question: "Kva kommunar gjeld saka?" });
    const page = await html(`/saker/spor/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Spørsmål frå sekretariatet");
    expect(page.body).toContain("Kva kommunar gjeld saka?");
    expect(page.body).toMatch(/<form method="post"[^>]*>/);
    expect(page.body).toMatch(/<label[^>]*for="tracking-answer-text"[^>]*>Svaret ditt/);
    expect(page.body).toMatch(/<textarea[^>]*id="tracking-answer-text"[^>]*name="answer"|<textarea[^>]*name="answer"[^>]*id="tracking-answer-text"/);
    expect(page.body).toContain('name="intent" value="answer"');
    const missing = await html("/saker/spor/finst-ikkje");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('href="/saker/spor"');
    const lost = await html("/saker/spor");
    expect(lost.status).toBe(200);
    expect(lost.body).toMatch(/<label[^>]*for="email"/);
  });

  it("the case page shows the SSU leader the tilråding form, and the secretariat the reason field when no tilråding exists", async () => {
    const { c } = await underAssessment();
    const leader = await html(`/sekretariat/saker/${c.id}`, await cookieFor("ssu-leiar@demo.no"));
    expect(leader.status).toBe(200);
    expect(leader.body).toContain("Lagre tilrådinga");
    expect(leader.body).toMatch(/<label[^>]*for="advice-justification"/);
    const secretariat = await html(`/sekretariat/saker/${c.id}`, await cookieFor("sekretariat@demo.no"));
    expect(secretariat.body).not.toContain("Lagre tilrådinga");
    expect(secretariat.body).toMatch(/<label[^>]*for="route-waiver"/);
    expect(secretariat.body).toContain("Send spørsmålet");
    const { user } = await userFor("ssu-leiar@demo.no");
    await recordAdvice(user, { caseId: c.id, recommendation: "reject", justification: "Utanfor mandatet." });
    const after = await html(`/sekretariat/saker/${c.id}`, await cookieFor("sekretariat@demo.no"));
    expect(after.body).not.toMatch(/for="route-waiver"/);
    expect(after.body).toContain("Utanfor mandatet.");
  });
});
