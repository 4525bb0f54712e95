/**
 * Notices at the hand-overs (issue 14): each reaches the outbox once for the right people, not for
 * those who chose "off"; the digest groups a day's notices into one mail; the last secretariat
 * member who receives new-case notices cannot turn them off; the preferences page works as a plain
 * form post; sent mails carry a plain-text and an HTML part and `Auto-Submitted`.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { bodyMemberships, checklistAnswers, checklists, evaluationRounds, measures, goals, noticeDigestItems, noticePreferences, outbox, users } from "../../db/schema";
import { seedDemoPlanHistory } from "../../db/demo/plans";
import { submitCase, PUBLIC_SUBMITTER, trackingView } from "~/models/submissions.server";
import { submitChecklist } from "~/models/checklists.server";
import { addFollowUpTask, addOrientationItem, createMeeting, recordAgendaOutcome } from "~/models/meetings.server";
import { applyCaseTransition } from "~/models/case-workflow.server";
import { digestCutoff, noticeKindsFor, saveNoticeSettings, sendNoticeDigests, sendOverdueFollowUpNotices } from "~/models/notices.server";
import { openSecret, SECRET_LINK_PLACEHOLDER, sendPendingMail } from "~/services/mail.server";
import { DomainError } from "~/services/domain-error";
import { action as settingsAction, loader as settingsLoader } from "~/routes/mi-side.varsel";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { useTestDatabase } from "../support/db";
import { args, formRequest, getRequest, run } from "../support/http";
import { first, present } from "../support/one";
import { startSmtpServer } from "../support/smtp";
import { caseValues } from "../support/submissions";

useTestDatabase();

const mailsOf = (kind: string) =>
  db().select({ to: outbox.toAddress, subject: outbox.subject, text: outbox.textBody, dedupeKey: outbox.dedupeKey }).from(outbox).where(eq(outbox.kind, kind));

async function newSecretariatUser(email: string) {
  return first(await db().insert(users).values({ email, name: email, role: "secretariat" }).returning({ id: users.id })).id;
}

async function refusal(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const { code, kind, field } = error as DomainError;
  return { code, kind, field };
}

let secretariat: Awaited<ReturnType<typeof userFor>>;
beforeAll(async () => {
  secretariat = await userFor("sekretariat@demo.no");
});

/** Routing needs a tilråding or a recorded reason (guideline point 3); these tests are about the notices. */
const WAIVER = "Testar varsel: ruta utan tilråding.";

describe(`notices (${process.env.TEST_DB})`, () => {
  it("tells every active secretariat member of a new case once, and nobody who turned it off", async () => {
    const second = await newSecretariatUser("sekretar2@example.no");
    const inactive = await newSecretariatUser("sluttar@example.no");
    await db().update(users).set({ active: false }).where(eq(users.id, inactive));
    const key = crypto.randomUUID();
    const input = { values: caseValues({ urgency: "high" }), idempotencyKey: key, attachments: [], lang: "nn" as const };
    const created = await submitCase(PUBLIC_SUBMITTER, input);
    await submitCase(PUBLIC_SUBMITTER, input); // a double submission: the same case, no second notice
    const mails = (await mailsOf("notice_case_submitted")).filter((m) => m.text.includes(created.reference));
    expect(mails.map((m) => m.to).sort()).toEqual(["sekretar2@example.no", "sekretariat@demo.no"]);
    expect(first(mails).subject).toBe(`Ny sak ${created.reference} (haster)`);
    expect(first(mails).text).toContain(`/sekretariat/saker/${created.caseId}`);
    expect(first(mails).text).toMatch(/^Opne: https?:\/\/\S+\/sekretariat\/saker\//m);
    // No personal data of the submitter in the notice.
    expect(first(mails).text).not.toContain(input.values.submitterName);
    expect(first(mails).text).not.toContain(input.values.submitterEmail);

    // The second member turns them off: the next case reaches the first only.
    await db().insert(noticePreferences).values({ userId: second, kind: "case_submitted", mode: "off" });
    const next = await submitCase(PUBLIC_SUBMITTER, { ...input, idempotencyKey: crypto.randomUUID() });
    const nextMails = (await mailsOf("notice_case_submitted")).filter((m) => m.text.includes(next.reference));
    expect(nextMails.map((m) => m.to)).toEqual(["sekretariat@demo.no"]);
    await db().delete(users).where(eq(users.id, second));
    await db().delete(users).where(eq(users.id, inactive));
  });

  it("keeps at least one secretariat member on new-case notices", async () => {
    const alone = await refusal(saveNoticeSettings(secretariat.user, { modes: { case_submitted: "off" } }));
    expect(alone).toEqual({ code: "notices:errors.lastReceiver", kind: "conflict", field: "case_submitted" });
    const other = await newSecretariatUser("kollega@example.no");
    const saved = await saveNoticeSettings(secretariat.user, { modes: { case_submitted: "off", case_advice: "digest" } });
    expect(saved.find((s) => s.kind === "case_submitted")?.mode).toBe("off");
    expect(saved.find((s) => s.kind === "case_advice")?.mode).toBe("digest");
    // Now the colleague is the last one.
    const colleague = { ...secretariat.user, id: other, name: "Kollega" };
    expect(await refusal(saveNoticeSettings(colleague, { modes: { case_submitted: "off" } }))).toMatchObject({ code: "notices:errors.lastReceiver" });
    await saveNoticeSettings(secretariat.user, { modes: { case_submitted: "instant", case_advice: "instant" } });
    await db().delete(users).where(eq(users.id, other));
  });

  it("offers each role its kinds only", () => {
    const none = { role: "committee_member" as const, memberships: [] };
    expect(noticeKindsFor(none)).toEqual([]);
    expect(noticeKindsFor({ role: "reporter", memberships: [] })).toEqual(["checklist_submitted"]);
    expect(noticeKindsFor({ role: "committee_member", memberships: [{ bodyId: 1, slug: "ssu", kind: "ssu", role: "deputy_leader" }] })).toEqual(["case_assessment", "follow_up"]);
    expect(noticeKindsFor({ role: "committee_member", memberships: [{ bodyId: 2, slug: "fsu", kind: "fsu", role: "secretary" }] })).toEqual(["case_routed", "follow_up"]);
    expect(noticeKindsFor(secretariat.user)).toEqual(["case_submitted", "case_advice", "case_answer", "checklist_submitted", "follow_up"]);
  });

  it("saves the choices from a plain form post (no JavaScript) and answers a bad choice with 400 next to the field", async () => {
    const page = await run(() => settingsLoader(args(getRequest("/mi-side/varsel", { cookie: secretariat.cookie }))));
    expect(page.status).toBe(200);
    const ok = await run(() =>
      settingsAction(args(formRequest("/mi-side/varsel", { case_submitted: "instant", case_advice: "digest", follow_up: "off" }, { cookie: secretariat.cookie }))),
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe("/mi-side/varsel?lagra=1");
    const rows = await db().select().from(noticePreferences).where(eq(noticePreferences.userId, secretariat.user.id));
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.mode]))).toMatchObject({ case_submitted: "instant", case_advice: "digest", follow_up: "off" });
    const bad = await run(() => settingsAction(args(formRequest("/mi-side/varsel", { case_advice: "kvar time" }, { cookie: secretariat.cookie }))));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { result: { error: Record<string, string[]> } };
    expect(body.result.error.case_advice).toEqual(["errors.modeInvalid"]);
    const last = await run(() => settingsAction(args(formRequest("/mi-side/varsel", { case_submitted: "off" }, { cookie: secretariat.cookie }))));
    expect(last.status).toBe(409);
    const signedOut = await run(() => settingsLoader(args(getRequest("/mi-side/varsel"))));
    expect(signedOut.status).toBe(302);
    await db().delete(noticePreferences).where(eq(noticePreferences.userId, secretariat.user.id));
  });

  it("gathers a day's digest notices into one mail per user after 07:00, once", async () => {
    await saveNoticeSettings(secretariat.user, { modes: { case_submitted: "digest" } });
    const a = await submitCase(PUBLIC_SUBMITTER, { values: caseValues(), idempotencyKey: crypto.randomUUID(), attachments: [], lang: "nn" });
    const b = await submitCase(PUBLIC_SUBMITTER, { values: caseValues(), idempotencyKey: crypto.randomUUID(), attachments: [], lang: "nn" });
    const direct = (await mailsOf("notice_case_submitted")).filter((m) => m.text.includes(a.reference) || m.text.includes(b.reference));
    expect(direct).toEqual([]);
    const waiting = await db().select().from(noticeDigestItems).where(eq(noticeDigestItems.userId, secretariat.user.id));
    expect(waiting.map((w) => w.subject).sort()).toEqual([`Ny sak ${a.reference}`, `Ny sak ${b.reference}`].sort());

    // The items were made now; the digest of tomorrow morning takes them, not one before 07:00.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const beforeSeven = new Date(digestCutoff(tomorrow).getTime() - 60_000);
    expect(await sendNoticeDigests(beforeSeven)).toBe(0);
    const atEight = new Date(digestCutoff(tomorrow).getTime() + 3600_000);
    expect(await sendNoticeDigests(atEight)).toBe(1);
    expect(await sendNoticeDigests(atEight)).toBe(0);
    const digests = (await mailsOf("notice_digest")).filter((m) => m.to === "sekretariat@demo.no");
    expect(digests).toHaveLength(1);
    expect(first(digests).subject).toBe("Dagleg samandrag: 2 varsel frå helsefellesskapet");
    expect(first(digests).text).toContain(a.reference);
    expect(first(digests).text).toContain(b.reference);
    expect(await db().select().from(noticeDigestItems).where(eq(noticeDigestItems.userId, secretariat.user.id))).toEqual([]);
    await db().delete(noticePreferences).where(eq(noticePreferences.userId, secretariat.user.id));
  });

  it("sends the reporters a receipt with a summary and tells the secretariat when a checklist is submitted", async () => {
    await seedDemoPlanHistory(db());
    const molde = await userFor("ke-molde@demo.no");
    const c = first(
      await db()
        .select({ id: checklists.id, planId: evaluationRounds.planId })
        .from(checklists)
        .innerJoin(evaluationRounds, eq(evaluationRounds.id, checklists.roundId))
        .where(and(eq(evaluationRounds.title, "Sluttevaluering 2023/24"), eq(checklists.partyNumber, "1506"))),
    );
    const planMeasures = await db().select({ id: measures.id }).from(measures).innerJoin(goals, eq(goals.id, measures.goalId)).where(eq(goals.planId, c.planId));
    await db().delete(checklistAnswers).where(eq(checklistAnswers.checklistId, c.id));
    await db()
      .insert(checklistAnswers)
      .values(planMeasures.map((m, i) => ({ checklistId: c.id, measureId: m.id, status: i === 0 ? ("i_gang" as const) : ("gjennomfort" as const) })));
    await submitChecklist(molde.user, { checklistId: c.id });
    const mails = (await mailsOf("notice_checklist_submitted")).filter((m) => m.text.includes(`/sjekkliste/${c.id}`));
    expect(mails.map((m) => m.to).sort()).toEqual(["ke-molde@demo.no", "sekretariat@demo.no"]);
    const receipt = first(mails.filter((m) => m.to === "ke-molde@demo.no"));
    expect(receipt.subject).toMatch(/^Kvittering: sjekklista for Molde/);
    expect(receipt.text).toContain(`I gang: 1, Gjennomført: ${planMeasures.length - 1}`);
  });

  it("tells a task's owner once when it is given and once when it is overdue", async () => {
    const m = await createMeeting(secretariat.user, { slug: "ssu", date: "2031-05-05", time: "10:00", location: "Molde" });
    const o = await addOrientationItem(secretariat.user, { meetingId: m.id, expectedVersion: 1, title: "Orientering" });
    await recordAgendaOutcome(secretariat.user, { meetingId: m.id, expectedVersion: 2, itemId: o.id, handling: "", decision: "Teke til orientering." });
    const leader = first(await db().select({ id: users.id }).from(users).where(eq(users.email, "ssu-leiar@demo.no")));
    const reporter = first(await db().select({ id: users.id }).from(users).where(eq(users.email, "ke-molde@demo.no")));
    // Only the body's members and the secretariat can own a task of its meeting.
    expect(await refusal(addFollowUpTask(secretariat.user, { meetingId: m.id, expectedVersion: 3, itemId: o.id, what: "Ring", ownerId: reporter.id }))).toMatchObject({
      field: "ownerId",
      kind: "invalid",
    });
    const task = await addFollowUpTask(secretariat.user, {
      meetingId: m.id,
      expectedVersion: 3,
      itemId: o.id,
      what: "Skriv notat til FSU",
      ownerId: leader.id,
      dueDate: "2031-06-01",
    });
    expect(task.responsible).toBe("SSU-leiar (demo)"); // the owner's name when none was written
    expect(task.responsibleUserId).toBe(leader.id);
    const given = (await mailsOf("notice_follow_up")).filter((x) => x.dedupeKey?.startsWith(`follow_up_assigned:${task.id}:`));
    expect(given.map((x) => x.to)).toEqual(["ssu-leiar@demo.no"]);
    expect(first(given).text).toContain("Skriv notat til FSU");
    expect(first(given).text).toContain("Frist: 2031-06-01");

    expect(await sendOverdueFollowUpNotices(new Date("2031-06-01T10:00:00Z"))).toBe(0); // due today is not overdue
    expect(await sendOverdueFollowUpNotices(new Date("2031-06-02T10:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await sendOverdueFollowUpNotices(new Date("2031-06-03T10:00:00Z"))).toBe(0);
    const overdue = (await mailsOf("notice_follow_up")).filter((x) => x.dedupeKey?.startsWith(`follow_up_overdue:${task.id}:`));
    expect(overdue.map((x) => x.to)).toEqual(["ssu-leiar@demo.no"]);
  });

  it("tells the body's secretary when a case is routed to the body and when it is put on the agenda", async () => {
    const fsu = await bodyId("fsu-rehabilitering");
    const leader = first(await db().select({ id: users.id }).from(users).where(eq(users.email, "ssu-nestleiar@demo.no")));
    const membership = first(await db().insert(bodyMemberships).values({ userId: leader.id, bodyId: fsu, role: "secretary" }).returning());
    const c = await insertCase({ status: "received" });
    const actor = { id: secretariat.user.id, label: secretariat.user.name };
    const routed = await db().transaction((tx) => applyCaseTransition(tx, actor, c.id, c.version, { action: "route", bodyId: fsu, waiverReason: WAIVER }));
    await db().transaction((tx) => applyCaseTransition(tx, actor, c.id, routed.version, { action: "schedule" }));
    const mails = (await mailsOf("notice_case_routed")).filter((m) => m.text.includes(c.reference));
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      ["ssu-nestleiar@demo.no", `Sak ${c.reference} er send til FSU rehabilitering`],
      ["ssu-nestleiar@demo.no", `Sak ${c.reference} er sett på sakslista i FSU rehabilitering`],
    ]);
    await db().delete(bodyMemberships).where(eq(bodyMemberships.id, membership.id));

    // The submitter gets a status mail each time, with a new private link that opens the case.
    const status = await db()
      .select({ subject: outbox.subject, text: outbox.textBody, secret: outbox.secret })
      .from(outbox)
      .where(and(eq(outbox.kind, "case_status"), eq(outbox.toAddress, c.submitterEmail)))
      .orderBy(asc(outbox.id));
    expect(status.map((m) => m.subject)).toEqual([`Saka ${c.reference} er send til FSU rehabilitering`, `Saka ${c.reference} står på sakslista i FSU rehabilitering`]);
    for (const m of status) {
      expect(m.text).toContain(SECRET_LINK_PLACEHOLDER);
      const link = openSecret(m.secret ?? "") ?? "";
      expect(m.text).not.toContain(link);
      const token = present(/\/saker\/spor\/([A-Za-z0-9_-]{43})$/.exec(link)?.[1], "a tracking token");
      expect((await trackingView({ kind: "tracking", token }, { lang: "nn" })).reference).toBe(c.reference);
    }
  });

  it("sends a plain-text and an HTML part with Auto-Submitted and clickable links", async () => {
    const smtp = await startSmtpServer();
    try {
      await db()
        .update(outbox)
        .set({ sentAt: new Date() })
        .where(sql`${outbox.sentAt} is null`);
      const c = await insertCase({ status: "received" });
      const fsu = await bodyId("fsu-rehabilitering");
      const deputy = first(await db().select({ id: users.id }).from(users).where(eq(users.email, "ssu-nestleiar@demo.no")));
      await db().insert(bodyMemberships).values({ userId: deputy.id, bodyId: fsu, role: "secretary" });
      await db().transaction((tx) => applyCaseTransition(tx, { id: secretariat.user.id, label: "s" }, c.id, c.version, { action: "route", bodyId: fsu, waiverReason: WAIVER }));
      // The secretary's notice and the submitter's status mail.
      expect(await sendPendingMail({ smtpUrl: smtp.url })).toEqual({ sent: 2, failed: 0 });
      const parsed = await simpleParser(first(smtp.received.filter((m) => m.to.includes("ssu-nestleiar@demo.no"))).raw);
      expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
      expect(parsed.text).toContain(`/sekretariat/saker/${c.id}`);
      expect(parsed.html).toContain(`<html lang="nn">`);
      expect(parsed.html).toMatch(new RegExp(`<a href="https?://[^"]+/sekretariat/saker/${c.id}">`));
      expect(parsed.html).toMatch(/<a href="https?:\/\/[^"]+\/mi-side\/varsel">/);
    } finally {
      await smtp.close();
    }
  });
});
