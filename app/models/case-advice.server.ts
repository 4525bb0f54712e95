/**
 * Guideline point 3 in software (issue 14): the SSU leader's or deputy's tilråding on a case under
 * assessment, and the secretariat's questions to the submitter, answered on the tracking page.
 *
 * - A tilråding (case_advice) recommends routing to a body, rejecting, or asking the submitter for
 *   more information, with a short justification. Only the SSU leader and deputy record one, and
 *   only while the case is under assessment; more than one may be recorded and the latest counts.
 *   The secretariat is notified (kind "case_advice").
 * - A question (case_info_requests) is asked by the secretariat; the submitter gets a mail with a
 *   fresh tracking link (only its hash is stored: case_tracking_tokens) and answers on
 *   /saker/spor/<token>. One open question at a time; an answered question cannot be answered
 *   again (conflict). The secretariat is notified of the answer (kind "case_answer").
 */
import { and, eq, isNull } from "drizzle-orm";
import { db } from "../../db/client";
import { assertRow } from "../../db/rows";
import { adviceRecommendation, caseAdvice, caseInfoRequests, cases } from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { enqueueMail, SECRET_LINK_PLACEHOLDER } from "~/services/mail.server";
import { env } from "~/services/env.server";
import { DomainError } from "~/services/domain-error";
import { actorOf } from "~/models/actor";
import { ASKABLE, canAdvise, lockCase, refusal, requireSecretariat, routableBody, type WorkflowUser } from "./case-workflow.server";
import { notifyUsers, secretariatUserIds } from "./notices.server";
import { caseIdByToken, issueTrackingLink, SUBMITTER_ACTOR, type TokenHolder } from "./submissions.server";
import { assertFreeTextFields } from "./text-rules.server";

export type AdviceRecommendation = (typeof adviceRecommendation.enumValues)[number];
export const ADVICE_RECOMMENDATIONS: readonly AdviceRecommendation[] = adviceRecommendation.enumValues;

export const JUSTIFICATION_MAX = 2000;
export const QUESTION_MAX = 2000;
export const ANSWER_MAX = 5000;

/** Trims, requires and bounds a free text; the rules of assertFreeTextFields apply. */
function checkedText(value: string | null | undefined, field: string, max: number, codes: { required: Parameters<typeof refusal>[0]; tooLong: Parameters<typeof refusal>[0] }) {
  const text = (value ?? "").trim();
  if (!text) throw refusal(codes.required, "invalid", {}, field);
  if (text.length > max) throw refusal(codes.tooLong, "invalid", {}, field);
  assertFreeTextFields({ [field]: text });
  return text;
}

export interface AdviceInput {
  caseId: string;
  recommendation: AdviceRecommendation;
  /** The body, when the recommendation is to route. */
  bodyId?: number | null;
  justification: string;
}

/** Records a tilråding: the SSU leader or deputy only, on a case under assessment. */
export async function recordAdvice(user: WorkflowUser, input: AdviceInput) {
  const justification = checkedText(input.justification, "justification", JUSTIFICATION_MAX, { required: "justificationRequired", tooLong: "justificationTooLong" });
  if (!ADVICE_RECOMMENDATIONS.includes(input.recommendation)) throw refusal("recommendationRequired", "invalid", {}, "recommendation");
  const role = user.memberships.find((m) => m.kind === "ssu" && (m.role === "leader" || m.role === "deputy_leader"))?.role;
  if (!role) throw refusal("forbidden", "forbidden");
  return db().transaction(async (tx) => {
    const row = await lockCase(tx, input.caseId, null);
    if (!canAdvise(user, row)) throw refusal("adviceNotOpen", "conflict", { status: row.status });
    const body = input.recommendation === "route" ? await routableBody(tx, input.bodyId) : null;
    const [advice] = await tx
      .insert(caseAdvice)
      .values({ caseId: row.id, authorId: user.id, authorLabel: user.name, authorRole: role, recommendation: input.recommendation, bodyId: body?.id ?? null, justification })
      .returning();
    assertRow(advice, "tilråding");
    await writeAudit(
      {
        actor: actorOf(user),
        action: "case.advice",
        entityType: "case",
        entityId: row.id,
        after: { adviceId: advice.id, recommendation: advice.recommendation, authorRole: role, ...(body ? { bodyId: body.id, bodyName: body.shortName } : {}) },
      },
      tx,
    );
    await notifyUsers(tx, {
      kind: "case_advice",
      userIds: await secretariatUserIds(tx),
      subject: `Tilråding i sak ${row.reference}`,
      lines: [`Leiinga i Strategisk samarbeidsutval har gitt ei tilråding i saka ${row.reference}.`, "Sjå tilrådinga og avgjer kvar saka skal handsamast."],
      path: `/sekretariat/saker/${row.id}`,
      dedupeKey: `case_advice:${advice.id}`,
    });
    return advice;
  });
}

/** The secretariat asks the submitter a question; the submitter gets it by mail with a tracking link. */
export async function askSubmitter(user: WorkflowUser, input: { caseId: string; question: string }) {
  requireSecretariat(user);
  const question = checkedText(input.question, "question", QUESTION_MAX, { required: "questionRequired", tooLong: "questionTooLong" });
  return db().transaction(async (tx) => {
    const row = await lockCase(tx, input.caseId, null);
    if (!ASKABLE.includes(row.status) || row.anonymisedAt || !row.submitterEmail) throw refusal("askNotOpen", "conflict", {}, "question");
    // The case row is locked: no other question can be added to it meanwhile.
    const [open] = await tx
      .select({ id: caseInfoRequests.id })
      .from(caseInfoRequests)
      .where(and(eq(caseInfoRequests.caseId, row.id), isNull(caseInfoRequests.answeredAt)));
    if (open) throw refusal("questionOpen", "conflict", {}, "question");
    const [request] = await tx.insert(caseInfoRequests).values({ caseId: row.id, question, askedBy: user.id, askedByLabel: user.name }).returning();
    assertRow(request, "info request");
    // Only hashes of tracking tokens are stored, so the mail carries a new link; the old ones keep working.
    await enqueueMail(
      {
        kind: "case_info_request",
        to: row.submitterEmail,
        subject: `Spørsmål om saka ${row.reference}`,
        text: [
          `Hei ${row.submitterName},`,
          "",
          `Samarbeidssekretariatet i Helsefellesskap Møre og Romsdal treng meir informasjon om saka ${row.reference}:`,
          "",
          question,
          "",
          "Du kan svare på sida der du følgjer saka:",
          SECRET_LINK_PLACEHOLDER,
          "",
          "Helsing",
          "Felles samarbeidssekretariat, Helsefellesskap Møre og Romsdal",
          env().APP_URL,
        ].join("\n"),
        secretLink: await issueTrackingLink(tx, row.id),
        dedupeKey: `case_info_request:${row.id}:${request.id}`,
      },
      tx,
    );
    await writeAudit({ actor: actorOf(user), action: "case.info_request", entityType: "case", entityId: row.id, after: { requestId: request.id } }, tx);
    return request;
  });
}

/** The submitter answers the open question on the tracking page; answering twice is a conflict. */
export async function answerInfoRequest(actor: TokenHolder, input: { requestId: number; answer: string }) {
  const answer = (input.answer ?? "").trim();
  if (!answer) throw new DomainError("tracking.answerRequired", {}, { field: "answer" });
  if (answer.length > ANSWER_MAX) throw new DomainError("tracking.answerTooLong", {}, { field: "answer" });
  assertFreeTextFields({ answer });
  const caseId = await caseIdByToken(actor.token);
  if (!caseId) throw new DomainError("tracking.notFound", {}, { kind: "notFound" });
  return db().transaction(async (tx) => {
    const [answered] = await tx
      .update(caseInfoRequests)
      .set({ answer, answeredAt: new Date() })
      .where(and(eq(caseInfoRequests.id, input.requestId), eq(caseInfoRequests.caseId, caseId), isNull(caseInfoRequests.answeredAt)))
      .returning({ id: caseInfoRequests.id });
    if (!answered) throw new DomainError("tracking.alreadyAnswered", {}, { kind: "conflict", field: "answer" });
    const [c] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, caseId));
    assertRow(c, "answered case");
    await writeAudit({ actor: SUBMITTER_ACTOR, action: "case.info_answer", entityType: "case", entityId: caseId, after: { requestId: answered.id } }, tx);
    await notifyUsers(tx, {
      kind: "case_answer",
      userIds: await secretariatUserIds(tx),
      subject: `Svar frå innsendaren i sak ${c.reference}`,
      lines: [`Innsendaren har svart på spørsmålet frå sekretariatet i saka ${c.reference}.`],
      path: `/sekretariat/saker/${caseId}`,
      dedupeKey: `case_answer:${answered.id}`,
    });
    return answered;
  });
}
