/**
 * The case workflow of the guideline (seed 002): who may move a case from which status to which,
 * with optimistic concurrency, an audit entry for every change and the mails the guideline asks
 * for (a rejection's justification goes to the submitter, point 4).
 *
 *   submitted → received → under_assessment → routed(body) → on_agenda → handled → closed
 *   any of submitted/received/under_assessment/routed → rejected (written justification)
 *   handled → routed(another body)  ("forward", e.g. FSU → SSU; history stays in the audit log)
 *
 * on_agenda and handled are reached through the meetings model (putting a case on an agenda,
 * recording a decision); it calls `applyCaseTransition` inside its own transaction.
 *
 * Guideline point 3: the secretariat decides where a case goes together with the SSU leader and
 * deputy. A manual `route` or `reject` therefore needs a recorded tilråding (case_advice, see
 * app/models/case-advice.server.ts) or a recorded reason to go on without one (`waiverReason`);
 * the audit entry names which (adviceId or waiverReason), and the rejection mail says which.
 */
import type { KeysUnder } from "~/i18n";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { openBodyOn } from "./bodies-sql.server";
import { db, type Db, type Tx } from "../../db/client";
import { assertRow } from "../../db/rows";
import { agendaItems, auditLog, bodies, caseAdvice, caseAttachments, caseInfoRequests, caseNotes, cases, caseStatus, meetings, users, type Localized } from "../../db/schema";
import { writeAudit, type Actor } from "~/services/audit.server";
import { DomainError, type DomainErrorKind, type DomainErrorParams } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { enqueueMail, SECRET_LINK_PLACEHOLDER } from "~/services/mail.server";
import { issueTrackingLink } from "./submissions.server";
import { bodySecretaryUserIds, notifyUsers, ssuLeadershipUserIds } from "./notices.server";
import { osloClock, osloDate } from "~/services/oslo-time";
import { actorOf, type SessionUser } from "~/models/actor";
import { isBodyOpen, isMemberOfBody, isSecretariat, isSsuLeadership } from "./access";
import { setWithheldFields, WITHHOLDABLE_FIELDS } from "./public-cases.server";
import { assertFreeTextFields } from "./text-rules.server";
import { isId, isUuid } from "~/services/ids";
import "~/i18n/cases-secretariat"; // the codes this module throws are keys of this namespace

export type CaseStatus = (typeof caseStatus.enumValues)[number];
export const CASE_STATUSES: readonly CaseStatus[] = caseStatus.enumValues;
export const isCaseStatus = (v: unknown): v is CaseStatus => typeof v === "string" && (CASE_STATUSES as readonly string[]).includes(v);

/** The user as the workflow needs it (a SessionUser fits). */
export type WorkflowUser = Pick<SessionUser, "id" | "name" | "role" | "memberships">;

/** The message keys of the workflow's refusals (app/i18n/cases-secretariat.ts, block `errors`). */
export const ERRORS = "cases-secretariat:errors." as const;
/** A code of the `errors` block of cases-secretariat. */
export type WorkflowErrorCode = KeysUnder<"cases-secretariat", "errors.">;

/** A refusal of the workflow: a DomainError whose code is a key of the `errors` block. */
export const refusal = (code: WorkflowErrorCode, kind: DomainErrorKind, params: DomainErrorParams = {}, field?: string) =>
  new DomainError(`${ERRORS}${code}`, params, { kind, field });

/** Transitions the secretariat performs by hand (forms on the case page). */
export const MANUAL_ACTIONS = ["receive", "assess", "route", "reject", "forward", "close"] as const;
export type ManualAction = (typeof MANUAL_ACTIONS)[number];
/** Transitions done by the meetings model. */
export type MeetingAction = "schedule" | "unschedule" | "decide";
export type CaseAction = ManualAction | MeetingAction;
export const isManualAction = (v: unknown): v is ManualAction => typeof v === "string" && (MANUAL_ACTIONS as readonly string[]).includes(v);

export const TRANSITIONS: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus }> = {
  receive: { from: ["submitted"], to: "received" },
  assess: { from: ["received"], to: "under_assessment" },
  route: { from: ["received", "under_assessment", "routed"], to: "routed" },
  reject: { from: ["submitted", "received", "under_assessment", "routed"], to: "rejected" },
  forward: { from: ["handled"], to: "routed" },
  close: { from: ["handled"], to: "closed" },
  schedule: { from: ["routed"], to: "on_agenda" },
  unschedule: { from: ["on_agenda"], to: "routed" },
  decide: { from: ["on_agenda", "handled"], to: "handled" },
};

/** The manual actions that fit a case's current status (for the case page). */
export function actionsFor(status: CaseStatus): ManualAction[] {
  return MANUAL_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

// ---------------------------------------------------------------------------------------------
// Permissions (checked here, not only in the routes)

// Who may do what follows from users.role and the current memberships (app/models/access.ts).
export { isMemberOfBody, isSecretariat, isSsuLeadership };

const ROUTED_OR_LATER: CaseStatus[] = ["routed", "on_agenda", "handled", "closed"];

export function canReadCase(u: WorkflowUser | null | undefined, c: { status: CaseStatus; bodyId: number | null }) {
  if (!u) return false;
  if (isSecretariat(u)) return true;
  if (c.status === "under_assessment" && isSsuLeadership(u)) return true;
  return ROUTED_OR_LATER.includes(c.status) && isMemberOfBody(u, c.bodyId);
}

export function canComment(u: WorkflowUser | null | undefined, c: { status: CaseStatus }) {
  if (!u) return false;
  return isSecretariat(u) || (c.status === "under_assessment" && isSsuLeadership(u));
}

/** Tilråding (guideline point 3): the SSU leader or deputy, on a case under assessment. */
export function canAdvise(u: WorkflowUser | null | undefined, c: { status: CaseStatus }) {
  return Boolean(u) && c.status === "under_assessment" && isSsuLeadership(u);
}

/** Statuses in which the secretariat may ask the submitter for more information. */
export const ASKABLE: CaseStatus[] = ["submitted", "received", "under_assessment", "routed", "on_agenda"];

/** The case page shows the latest tilrådingar and questions (older ones are in the audit trail). */
const ADVICE_SHOWN = 20;
const INFO_REQUESTS_SHOWN = 20;

export function requireSecretariat(u: WorkflowUser) {
  if (!isSecretariat(u)) throw refusal("forbidden", "forbidden");
}

type CaseRow = typeof cases.$inferSelect;

/** Reads a case row for update and checks the version the form was rendered with. */
export async function lockCase(tx: Tx | Db, caseId: string, expectedVersion: number | null): Promise<CaseRow> {
  if (!isUuid(caseId)) throw refusal("notFound", "notFound");
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for("update");
  if (!row) throw refusal("notFound", "notFound");
  if (expectedVersion != null && row.version !== expectedVersion) {
    let name = "innsendar";
    if (row.updatedBy) {
      const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.updatedBy));
      if (u) name = u.name;
    }
    throw refusal("stale", "conflict", { name, time: osloClock(row.updatedAt) });
  }
  return row;
}

export { isUuid };

export async function routableBody(tx: Tx | Db, id: number | null | undefined) {
  if (!isId(id)) throw refusal("bodyRequired", "invalid", {}, "bodyId");
  const [body] = await tx
    .select()
    .from(bodies)
    .where(and(eq(bodies.id, id), ne(bodies.kind, "secretariat")));
  if (!body) throw refusal("unknownBody", "invalid", {}, "bodyId");
  // A closed body keeps its cases and takes no new ones.
  if (!isBodyOpen(body, osloDate())) throw refusal("bodyClosed", "conflict", { body: body.shortName }, "bodyId");
  return body;
}

export interface TransitionInput {
  action: CaseAction;
  bodyId?: number | null;
  reason?: string | null;
  /** route/reject without a tilråding: why the secretariat goes on without one (guideline point 3). */
  waiverReason?: string | null;
  /** Free-form context for the audit entry (e.g. meeting id, agenda item id). */
  meta?: Record<string, unknown>;
}

/**
 * Applies a transition inside the caller's transaction. Checks the from-state and, when given, the
 * version; writes the audit entry and any mail. Permissions are the caller's job.
 */
export async function applyCaseTransition(tx: Tx | Db, actor: Actor, caseId: string, expectedVersion: number | null, input: TransitionInput): Promise<CaseRow> {
  const rule = TRANSITIONS[input.action];
  if (!rule) throw refusal("unknownAction", "invalid");
  const row = await lockCase(tx, caseId, expectedVersion);
  if (!rule.from.includes(row.status)) {
    throw refusal("invalidTransition", "conflict", { status: row.status });
  }
  const patch: Partial<CaseRow> = { status: rule.to };
  let bodyName: string | undefined;
  if (input.action === "route" || input.action === "forward") {
    const body = await routableBody(tx, input.bodyId);
    if (input.action === "forward" && body.id === row.bodyId) {
      throw refusal("sameBody", "invalid", {}, "bodyId");
    }
    patch.bodyId = body.id;
    bodyName = body.shortName;
  }
  let reason: string | undefined;
  if (input.action === "reject") {
    reason = (input.reason ?? "").trim();
    if (!reason) throw refusal("reasonRequired", "invalid", {}, "reason");
    if (reason.length > 10_000) throw refusal("reasonTooLong", "invalid", {}, "reason");
    assertFreeTextFields({ reason });
    patch.rejectionReason = reason;
  }
  const advised = input.action === "route" || input.action === "reject" ? await adviceOrWaiver(tx, row.id, input.waiverReason) : null;
  if (rule.to === "closed" || rule.to === "rejected") patch.closedAt = new Date();
  const now = new Date();
  const [updated] = await tx
    .update(cases)
    .set({ ...patch, version: row.version + 1, updatedBy: actor.id, updatedAt: now })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning();
  if (!updated) throw refusal("stale", "conflict");
  await writeAudit(
    {
      actor,
      action: `case.${input.action}`,
      entityType: "case",
      entityId: row.id,
      before: { status: row.status, bodyId: row.bodyId, version: row.version },
      after: {
        status: updated.status,
        bodyId: updated.bodyId,
        version: updated.version,
        ...(bodyName ? { bodyName } : {}),
        ...(reason ? { reason } : {}),
        ...(advised?.advice ? { adviceId: advised.advice.id } : {}),
        ...(advised?.waiverReason ? { waiverReason: advised.waiverReason } : {}),
        ...(input.meta ?? {}),
      },
    },
    tx,
  );
  if (input.action === "route" || input.action === "forward" || input.action === "schedule") await noticeRoutedOrScheduled(tx, updated, input.action);
  if (input.action === "reject" && reason) {
    await enqueueMail(
      {
        kind: "case_rejected",
        to: updated.submitterEmail,
        subject: `Saka ${updated.reference} blir ikkje handsama i Helsefellesskapet`,
        text: [
          `Hei ${updated.submitterName},`,
          "",
          `Takk for saka «${updated.title}» (${updated.reference}) som du melde inn til Helsefellesskap Møre og Romsdal.`,
          ...rejectionConsultation(advised),
          "",
          reason,
          "",
          "Du kan framleis sjå saka via sporingslenkja i kvitteringa du fekk då du melde ho inn.",
          "",
          "Helsing",
          "Felles samarbeidssekretariat, Helsefellesskap Møre og Romsdal",
          env().APP_URL,
        ].join("\n"),
        dedupeKey: `case_rejected:${updated.id}`,
      },
      tx,
    );
  }
  if (input.action === "assess") {
    await notifyUsers(tx, {
      kind: "case_assessment",
      userIds: await ssuLeadershipUserIds(tx, osloDate()),
      subject: `Ny sak ${updated.reference} til vurdering`,
      lines: [
        `Saka ${updated.reference} er send til vurdering hos leiar og nestleiar i Strategisk samarbeidsutval.`,
        "Les saka og gi ei tilråding om kvar ho skal handsamast (retningslina punkt 3).",
      ],
      path: `/sekretariat/saker/${updated.id}`,
      dedupeKey: `case_assessment:${updated.id}:${updated.version}`,
    });
  }
  return updated;
}

const WAIVER_MAX = 2000;

/** The SSU role of a tilråding's author, as the rejection mail names it. */
const ADVICE_ROLE_LABEL: Record<string, string> = { leader: "leiaren", deputy_leader: "nestleiaren" };

/**
 * Guideline point 3: the latest tilråding of the case, or else the secretariat's recorded reason
 * for going on without one; neither is refused with an error on the reason's field.
 */
async function adviceOrWaiver(tx: Tx | Db, caseId: string, waiverReason: string | null | undefined) {
  const [advice] = await tx
    .select({ id: caseAdvice.id, authorRole: caseAdvice.authorRole, createdAt: caseAdvice.createdAt })
    .from(caseAdvice)
    .where(eq(caseAdvice.caseId, caseId))
    .orderBy(desc(caseAdvice.createdAt), desc(caseAdvice.id))
    .limit(1);
  if (advice) return { advice, waiverReason: null };
  const waiver = (waiverReason ?? "").trim();
  if (!waiver) throw refusal("adviceRequired", "invalid", {}, "waiverReason");
  if (waiver.length > WAIVER_MAX) throw refusal("waiverTooLong", "invalid", {}, "waiverReason");
  assertFreeTextFields({ waiverReason: waiver });
  return { advice: null, waiverReason: waiver };
}

/** What the rejection mail says about the consultation: what actually happened. */
function rejectionConsultation(advised: Awaited<ReturnType<typeof adviceOrWaiver>> | null): string[] {
  if (advised?.advice) {
    const role = ADVICE_ROLE_LABEL[advised.advice.authorRole] ?? "leiinga";
    const [y, m, d] = osloDate(advised.advice.createdAt).split("-");
    return [
      "Leiaren av samarbeidssekretariatet har vurdert saka saman med leiinga i Strategisk samarbeidsutval:",
      `tilrådinga vart gitt av ${role} i Strategisk samarbeidsutval den ${d}.${m}.${y}.`,
      "Saka skal ikkje handsamast i helsefellesskapet. Grunngjeving:",
    ];
  }
  return [
    "Samarbeidssekretariatet har avgjort saka utan tilråding frå leiar og nestleiar i Strategisk samarbeidsutval.",
    `Grunnen til at sekretariatet gjekk vidare utan tilråding: ${advised?.waiverReason ?? ""}`,
    "",
    "Saka skal ikkje handsamast i helsefellesskapet. Grunngjeving:",
  ];
}

/**
 * A case sent to a body or put on its agenda (in the transition's transaction): the body's
 * secretary is told (a notice), and so is the submitter — a status mail with a new private
 * tracking link (only token hashes are stored, so the mail cannot carry the first one).
 */
async function noticeRoutedOrScheduled(tx: Tx | Db, c: CaseRow, action: "route" | "forward" | "schedule") {
  if (c.bodyId == null) return;
  const [body] = await tx.select({ shortName: bodies.shortName, name: bodies.name }).from(bodies).where(eq(bodies.id, c.bodyId));
  const shortName = body?.shortName ?? "";
  const scheduled = action === "schedule";
  await notifyUsers(tx, {
    kind: "case_routed",
    userIds: await bodySecretaryUserIds(tx, c.bodyId, osloDate()),
    subject: scheduled ? `Sak ${c.reference} er sett på sakslista i ${shortName}` : `Sak ${c.reference} er send til ${shortName}`,
    lines: [
      scheduled
        ? `Saka ${c.reference} er sett på sakslista til eit møte i ${shortName}.`
        : `Saka ${c.reference} er send til ${shortName} og ventar på å bli sett på sakslista til eit møte.`,
    ],
    path: `/sekretariat/saker/${c.id}`,
    dedupeKey: `case_routed:${action}:${c.id}:${c.version}`,
  });
  if (c.anonymisedAt || !c.submitterEmail) return;
  const bodyName = body?.name.nn ?? shortName;
  await enqueueMail(
    {
      kind: "case_status",
      to: c.submitterEmail,
      subject: scheduled ? `Saka ${c.reference} står på sakslista i ${shortName}` : `Saka ${c.reference} er send til ${shortName}`,
      text: [
        `Hei ${c.submitterName},`,
        "",
        scheduled
          ? `Saka ${c.reference} som du melde inn, står no på sakslista til eit møte i ${bodyName}.`
          : `Saka ${c.reference} som du melde inn, er send til ${bodyName}, som skal handsame ho i eit møte.`,
        "Du får melding når saka er handsama. Her følgjer du saka:",
        SECRET_LINK_PLACEHOLDER,
        "",
        "Lenkja er privat: del ho ikkje med andre.",
        "",
        "Helsing",
        "Felles samarbeidssekretariat, Helsefellesskap Møre og Romsdal",
        env().APP_URL,
      ].join("\n"),
      secretLink: await issueTrackingLink(tx, c.id),
      dedupeKey: `case_status:${action}:${c.id}:${c.version}`,
    },
    tx,
  );
}

/** A secretariat transition from the case page: permission, version, state, audit, mail. */
export async function transitionCase(user: WorkflowUser, input: TransitionInput & { caseId: string; expectedVersion: number }): Promise<CaseRow> {
  requireSecretariat(user);
  if (!isManualAction(input.action)) throw refusal("unknownAction", "invalid");
  if (!isId(input.expectedVersion)) throw refusal("versionRequired", "invalid");
  return db().transaction((tx) => applyCaseTransition(tx, actorOf(user), input.caseId, input.expectedVersion, input));
}

export type Versioned = { caseId: string; expectedVersion: number };
export const receiveCase = (u: WorkflowUser, i: Versioned) => transitionCase(u, { ...i, action: "receive" });
export const sendToAssessment = (u: WorkflowUser, i: Versioned) => transitionCase(u, { ...i, action: "assess" });
export const routeCase = (u: WorkflowUser, i: Versioned & { bodyId: number; waiverReason?: string | null }) => transitionCase(u, { ...i, action: "route" });
export const rejectCase = (u: WorkflowUser, i: Versioned & { reason: string; waiverReason?: string | null }) => transitionCase(u, { ...i, action: "reject" });
export const forwardCase = (u: WorkflowUser, i: Versioned & { bodyId: number }) => transitionCase(u, { ...i, action: "forward" });

/** Assigns the case to a secretariat user (or nobody). */
export async function assignCase(user: WorkflowUser, input: Versioned & { assigneeId: string | null }) {
  requireSecretariat(user);
  return db().transaction(async (tx) => {
    const row = await lockCase(tx, input.caseId, input.expectedVersion);
    let assigneeName: string | null = null;
    if (input.assigneeId) {
      if (!isUuid(input.assigneeId)) throw refusal("unknownAssignee", "invalid", {}, "assigneeId");
      const [a] = await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.id, input.assigneeId), eq(users.role, "secretariat"), eq(users.active, true)));
      if (!a) throw refusal("unknownAssignee", "invalid", {}, "assigneeId");
      assigneeName = a.name;
    }
    const [updated] = await tx
      .update(cases)
      .set({ assignedUserId: input.assigneeId, version: row.version + 1, updatedBy: user.id, updatedAt: new Date() })
      .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
      .returning();
    assertRow(updated, "assigned case");
    await writeAudit(
      {
        actor: actorOf(user),
        action: "case.assign",
        entityType: "case",
        entityId: row.id,
        before: { assignedUserId: row.assignedUserId },
        after: { assignedUserId: input.assigneeId, assigneeName },
      },
      tx,
    );
    return updated;
  });
}

/** An internal note or comment; never shown to the submitter. */
export async function addCaseNote(user: WorkflowUser, input: { caseId: string; body: string }) {
  const text = (input.body ?? "").trim();
  if (!text) throw refusal("noteRequired", "invalid", {}, "note");
  if (text.length > 10_000) throw refusal("noteTooLong", "invalid", {}, "note");
  assertFreeTextFields({ note: text });
  return db().transaction(async (tx) => {
    const row = await lockCase(tx, input.caseId, null);
    if (!canComment(user, row)) throw refusal("forbidden", "forbidden");
    const [note] = await tx.insert(caseNotes).values({ caseId: row.id, authorId: user.id, authorLabel: user.name, body: text }).returning();
    assertRow(note, "case note");
    await writeAudit({ actor: actorOf(user), action: "case.note", entityType: "case", entityId: row.id, after: { noteId: note.id } }, tx);
    return note;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The case page for internal users: everything, if the user may read it. */
export async function getCaseForUser(user: WorkflowUser, caseId: string) {
  if (!isUuid(caseId)) throw refusal("notFound", "notFound");
  const [row] = await db()
    .select({ c: cases, bodySlug: bodies.slug, bodyShortName: bodies.shortName, bodyName: bodies.name })
    .from(cases)
    .leftJoin(bodies, eq(bodies.id, cases.bodyId))
    .where(eq(cases.id, caseId));
  if (!row) throw refusal("notFound", "notFound");
  if (!canReadCase(user, row.c)) throw refusal("forbidden", "forbidden");
  const secretariat = isSecretariat(user);
  const [attachments, notes, timeline, items, bodyOptions, assignees, advice, infoRequests] = await Promise.all([
    db()
      .select({ id: caseAttachments.id, filename: caseAttachments.filename, contentType: caseAttachments.contentType, size: caseAttachments.size })
      .from(caseAttachments)
      .where(eq(caseAttachments.caseId, caseId))
      .orderBy(asc(caseAttachments.id)),
    db().select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).orderBy(asc(caseNotes.createdAt), asc(caseNotes.id)),
    db()
      .select({ id: auditLog.id, at: auditLog.at, actorLabel: auditLog.actorLabel, action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "case"), eq(auditLog.entityId, caseId)))
      .orderBy(desc(auditLog.at), desc(auditLog.id)),
    db()
      .select({
        id: agendaItems.id,
        meetingId: agendaItems.meetingId,
        bodyCaseYear: agendaItems.bodyCaseYear,
        bodyCaseSeq: agendaItems.bodyCaseSeq,
        outcome: agendaItems.outcome,
        handling: agendaItems.handling,
        decision: agendaItems.decision,
        startsAt: meetings.startsAt,
        minutesStatus: meetings.minutesStatus,
        bodySlug: bodies.slug,
        bodyShortName: bodies.shortName,
      })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .innerJoin(bodies, eq(bodies.id, agendaItems.bodyId))
      .where(eq(agendaItems.caseId, caseId))
      .orderBy(asc(meetings.startsAt), asc(agendaItems.id)),
    // The secretariat routes; the SSU leadership's tilråding may name a body.
    secretariat || canAdvise(user, row.c)
      ? db()
          .select({ id: bodies.id, shortName: bodies.shortName, kind: bodies.kind, name: bodies.name })
          .from(bodies)
          .where(and(openBodyOn(osloDate()), ne(bodies.kind, "secretariat")))
          .orderBy(asc(bodies.id))
      : Promise.resolve([] as { id: number; shortName: string; kind: string; name: Localized }[]),
    secretariat
      ? db()
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(and(eq(users.role, "secretariat"), eq(users.active, true)))
          .orderBy(asc(users.name))
      : Promise.resolve([] as { id: string; name: string }[]),
    db()
      .select({
        id: caseAdvice.id,
        authorLabel: caseAdvice.authorLabel,
        authorRole: caseAdvice.authorRole,
        recommendation: caseAdvice.recommendation,
        bodyShortName: bodies.shortName,
        justification: caseAdvice.justification,
        createdAt: caseAdvice.createdAt,
      })
      .from(caseAdvice)
      .leftJoin(bodies, eq(bodies.id, caseAdvice.bodyId))
      .where(eq(caseAdvice.caseId, caseId))
      .orderBy(desc(caseAdvice.createdAt), desc(caseAdvice.id))
      .limit(ADVICE_SHOWN),
    secretariat || isSsuLeadership(user)
      ? db()
          .select({
            id: caseInfoRequests.id,
            question: caseInfoRequests.question,
            askedByLabel: caseInfoRequests.askedByLabel,
            askedAt: caseInfoRequests.askedAt,
            answer: caseInfoRequests.answer,
            answeredAt: caseInfoRequests.answeredAt,
          })
          .from(caseInfoRequests)
          .where(eq(caseInfoRequests.caseId, caseId))
          .orderBy(desc(caseInfoRequests.askedAt), desc(caseInfoRequests.id))
          .limit(INFO_REQUESTS_SHOWN)
      : Promise.resolve([] as { id: number; question: string; askedByLabel: string; askedAt: Date; answer: string | null; answeredAt: Date | null }[]),
  ]);
  const { trackingTokenHash: _t, idempotencyKey: _i, ...safe } = row.c;
  // Access by work need (Normen): the submitter's name, e-mail and phone are for the secretariat
  // and the SSU leader and deputy, who triage; members of the handling body see the organisation.
  const seesContact = secretariat || isSsuLeadership(user);
  if (!seesContact) Object.assign(safe, { submitterName: "", submitterEmail: "", submitterPhone: "" });
  return {
    case: safe,
    body: row.bodySlug ? { slug: row.bodySlug, shortName: row.bodyShortName!, name: row.bodyName! } : null,
    attachments,
    notes,
    timeline,
    agendaItems: items,
    bodyOptions,
    assignees,
    advice,
    infoRequests,
    permissions: {
      secretariat,
      seesContact,
      canComment: canComment(user, row.c),
      actions: secretariat ? actionsFor(row.c.status) : [],
      canAssign: secretariat && !["closed", "rejected", "withdrawn"].includes(row.c.status),
      canAdvise: canAdvise(user, row.c),
      canAsk: secretariat && ASKABLE.includes(row.c.status) && !row.c.anonymisedAt && !infoRequests.some((r) => r.answeredAt == null),
    },
  };
}

/** An attachment for download (secretariat only). */
export async function getAttachmentForUser(user: WorkflowUser, caseId: string, attachmentId: number) {
  requireSecretariat(user);
  if (!isUuid(caseId) || !isId(attachmentId)) throw refusal("notFound", "notFound");
  const [a] = await db()
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, caseId)));
  if (!a) throw refusal("notFound", "notFound");
  return a;
}

// ---------------------------------------------------------------------------------------------
// Withholding (skjerming)

export type WithheldInput = Versioned & { withheld: Partial<Record<(typeof WITHHOLDABLE_FIELDS)[number], string>> };

/**
 * The secretariat withholds text fields from the public pages, each with its legal basis (the
 * route's schema checks the bases; the public-cases model checks them again and writes). Errors
 * of a basis belong to the field `basis_<field>` of the case page's form.
 */
export async function withholdFields(user: WorkflowUser, input: WithheldInput) {
  requireSecretariat(user);
  if (!isUuid(input.caseId)) throw refusal("notFound", "notFound");
  const result = await setWithheldFields({
    caseId: input.caseId,
    withheld: input.withheld as Record<string, string>,
    actor: actorOf(user),
    expectedVersion: input.expectedVersion,
  });
  if (result.ok) return result;
  if (result.error === "not_found") throw refusal("notFound", "notFound");
  if (result.error === "conflict") {
    throw refusal("stale", "conflict", { name: result.current.updatedBy ?? "innsendar", time: osloClock(result.current.updatedAt) });
  }
  const [field, problem] = Object.entries(result.fieldErrors)[0] ?? ["", ""];
  const code = problem === "nationalId" || problem === "controlCharacters" ? (`errors.${problem}` as const) : (`${ERRORS}withheldBasis` as const);
  throw new DomainError(code, {}, { kind: "invalid", field: field ? `basis_${field}` : undefined });
}
