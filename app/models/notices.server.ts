/**
 * Notices at the hand-overs of the work (issue 14): whoever's turn it is, is told. Each user
 * chooses per kind of notice: at once (one outbox mail per notice), a daily digest (one mail a day
 * listing the day's notices), or off — at /mi-side/varsel. Mails go through the outbox (sent once,
 * with a plain-text and an HTML part, `Auto-Submitted: auto-generated`), links absolute on APP_URL,
 * and no personal data beyond the case reference and the title of what waits.
 *
 * Who is told what:
 *   case_submitted       a new case                       → the secretariat
 *   case_assessment      a case sent for assessment       → the SSU leader and deputy
 *   case_advice          a tilråding recorded             → the secretariat
 *   case_answer          the submitter answered           → the secretariat
 *   case_routed          routed to / put on an agenda     → the body's secretary
 *   checklist_submitted  a checklist submitted            → its reporters (receipt) and the secretariat
 *   follow_up            a task assigned or overdue       → its owner
 * Mails to submitters (not users) go straight to the outbox (no preference to honour).
 *
 * The secretariat cannot switch new-case notices off all at once: the last secretariat member who
 * receives them cannot turn them off (checked under a lock on the secretariat's rows).
 */
import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { db, type Db, type Tx } from "../../db/client";
import { bodies, bodyMemberships, followUpTasks, noticeDigestItems, noticePreferences, users } from "../../db/schema";
import { NOTICE_KINDS, type NoticeKind, type NoticeMode } from "./notice-kinds";
import "~/i18n/notices"; // the codes this module throws are keys of this namespace
import { currentMembershipOn } from "./bodies-sql.server";
import { isSecretariat, isSsuLeadership, type AccessUser } from "./access";
import type { SessionUser } from "./actor";
import { writeAudit } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { startJob } from "~/services/jobs.server";
import { enqueueMail } from "~/services/mail.server";
import { osloDate, osloToUtc } from "~/services/oslo-time";
import { actorOf } from "./actor";

export type { NoticeKind, NoticeMode } from "./notice-kinds";

/** The digest is put together every morning at this Oslo clock time, from what came before it. */
export const DIGEST_TIME = "07:00";

const appUrl = () => env().APP_URL.replace(/\/$/, "");
const absolute = (path: string) => `${appUrl()}${path.startsWith("/") ? path : `/${path}`}`;

/** The kinds a user can receive, by role and current memberships (what /mi-side/varsel offers). */
export function noticeKindsFor(user: AccessUser): NoticeKind[] {
  const kinds = new Set<NoticeKind>();
  if (isSecretariat(user)) for (const k of ["case_submitted", "case_advice", "case_answer", "checklist_submitted", "follow_up"] as const) kinds.add(k);
  if (isSsuLeadership(user)) kinds.add("case_assessment");
  if (user.memberships.some((m) => m.role === "secretary")) kinds.add("case_routed");
  if (user.memberships.length > 0) kinds.add("follow_up");
  if (user.role === "reporter") kinds.add("checklist_submitted");
  return NOTICE_KINDS.filter((k) => kinds.has(k));
}

// ---------------------------------------------------------------------------------------------
// Recipients

/** Active users with the secretariat role. */
export async function secretariatUserIds(tx: Tx | Db): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "secretariat"), eq(users.active, true)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** Active users who hold `roles` in bodies matching `where` on `onDate`. */
async function membersWithRoles(tx: Tx | Db, where: ReturnType<typeof eq>, roles: ("leader" | "deputy_leader" | "secretary")[], onDate: string) {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(bodyMemberships)
    .innerJoin(bodies, eq(bodies.id, bodyMemberships.bodyId))
    .innerJoin(users, eq(users.id, bodyMemberships.userId))
    .where(and(where, inArray(bodyMemberships.role, roles), currentMembershipOn(onDate), eq(users.active, true)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** The SSU's current leader and deputy leader (guideline point 3). */
export const ssuLeadershipUserIds = (tx: Tx | Db, onDate: string) => membersWithRoles(tx, eq(bodies.kind, "ssu"), ["leader", "deputy_leader"], onDate);

/** The body's current secretary (or secretaries). */
export const bodySecretaryUserIds = (tx: Tx | Db, bodyId: number, onDate: string) => membersWithRoles(tx, eq(bodies.id, bodyId), ["secretary"], onDate);

// ---------------------------------------------------------------------------------------------
// Sending

export interface Notice {
  kind: NoticeKind;
  userIds: readonly string[];
  /** Nynorsk; the case reference or the thing's title, no personal data beyond need. */
  subject: string;
  /** Paragraphs of the mail, nynorsk. */
  lines: readonly string[];
  /** The app path the notice points at; made absolute on APP_URL. */
  path: string;
  /** The same key is one notice: each user gets it once (their id is appended). */
  dedupeKey: string;
}

function noticeText(notice: Notice, url: string) {
  return [
    ...notice.lines.flatMap((l) => [l, ""]),
    `Opne: ${url}`,
    "",
    "Helsing",
    "Helsefellesskap Møre og Romsdal",
    "",
    `Du får denne e-posten fordi du har ei rolle i helsefellesskapet. Vel kva du vil bli varsla om, og korleis: ${absolute("/mi-side/varsel")}`,
  ].join("\n");
}

/**
 * Tells each user (once per dedupe key) as they have chosen for the kind: a mail at once, a line
 * in the next morning's digest, or nothing. Inactive users are skipped; the caller chooses whom
 * to name (the preferences page offers each role its own kinds: noticeKindsFor).
 */
export async function notifyUsers(tx: Tx | Db, notice: Notice): Promise<void> {
  const ids = [...new Set(notice.userIds)];
  if (ids.length === 0) return;
  const recipients = await tx
    .select({ id: users.id, email: users.email, mode: noticePreferences.mode })
    .from(users)
    .leftJoin(noticePreferences, and(eq(noticePreferences.userId, users.id), eq(noticePreferences.kind, notice.kind)))
    .where(and(inArray(users.id, ids), eq(users.active, true)))
    .orderBy(asc(users.id));
  const url = absolute(notice.path);
  for (const r of recipients) {
    const mode = r.mode ?? "instant";
    const dedupeKey = `${notice.dedupeKey}:${r.id}`;
    if (mode === "instant") {
      await enqueueMail({ kind: `notice_${notice.kind}`, to: r.email, subject: notice.subject, text: noticeText(notice, url), dedupeKey }, tx);
    } else if (mode === "digest") {
      await tx.insert(noticeDigestItems).values({ userId: r.id, kind: notice.kind, subject: notice.subject, url, dedupeKey }).onConflictDoNothing();
    }
  }
}

/** The instant of this morning's digest (DIGEST_TIME, Oslo) for `now`. */
export const digestCutoff = (now: Date) => osloToUtc(osloDate(now), DIGEST_TIME);

/**
 * The daily digest: once DIGEST_TIME has passed, each user's notices from before it become one
 * mail (dedupe key per user and day: a second run the same day adds nothing) and leave the queue
 * in the same transaction. Returns how many digests were queued.
 */
export async function sendNoticeDigests(now = new Date(), database: Db = db()): Promise<number> {
  const cutoff = digestCutoff(now);
  if (now < cutoff) return 0;
  const day = osloDate(now);
  return database.transaction(async (tx) => {
    const items = await tx
      .select({
        id: noticeDigestItems.id,
        userId: noticeDigestItems.userId,
        subject: noticeDigestItems.subject,
        url: noticeDigestItems.url,
        email: users.email,
        active: users.active,
      })
      .from(noticeDigestItems)
      .innerJoin(users, eq(users.id, noticeDigestItems.userId))
      .where(lt(noticeDigestItems.createdAt, cutoff))
      .orderBy(asc(noticeDigestItems.userId), asc(noticeDigestItems.createdAt), asc(noticeDigestItems.id))
      .for("update", { of: noticeDigestItems, skipLocked: true });
    const byUser = new Map<string, typeof items>();
    for (const item of items) byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
    let queued = 0;
    for (const [userId, list] of byUser) {
      const first = list[0];
      if (first?.active) {
        await enqueueMail(
          {
            kind: "notice_digest",
            to: first.email,
            subject: list.length === 1 ? "Dagleg samandrag: 1 varsel frå helsefellesskapet" : `Dagleg samandrag: ${list.length} varsel frå helsefellesskapet`,
            text: [
              "Dette har skjedd i helsefellesskapet sidan førre samandrag:",
              "",
              ...list.flatMap((item) => [`- ${item.subject}`, `  ${item.url}`]),
              "",
              "Helsing",
              "Helsefellesskap Møre og Romsdal",
              "",
              `Du får eitt samandrag om dagen fordi du har valt det. Endre varsel: ${absolute("/mi-side/varsel")}`,
            ].join("\n"),
            dedupeKey: `notice_digest:${userId}:${day}`,
          },
          tx,
        );
        queued++;
      }
      await tx.delete(noticeDigestItems).where(
        inArray(
          noticeDigestItems.id,
          list.map((i) => i.id),
        ),
      );
    }
    return queued;
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-up tasks past their due date: the owner is told once.

/** Tells the owners of open tasks past their due date (each task once). Returns how many. */
export async function sendOverdueFollowUpNotices(now = new Date(), database: Db = db()): Promise<number> {
  const today = osloDate(now);
  return database.transaction(async (tx) => {
    const due = await tx
      .select({ id: followUpTasks.id, what: followUpTasks.what, dueDate: followUpTasks.dueDate, userId: followUpTasks.responsibleUserId })
      .from(followUpTasks)
      .where(and(ne(followUpTasks.status, "done"), lt(followUpTasks.dueDate, today), isNull(followUpTasks.overdueNoticeAt), sql`${followUpTasks.responsibleUserId} is not null`))
      .orderBy(asc(followUpTasks.id))
      .limit(500)
      .for("update", { skipLocked: true });
    for (const task of due) {
      if (!task.userId) continue;
      await notifyUsers(tx, {
        kind: "follow_up",
        userIds: [task.userId],
        subject: "Ei oppfølgingsoppgåve har gått over fristen",
        lines: [`Oppgåva «${task.what}» hadde frist ${task.dueDate ?? ""} og er ikkje ferdig.`],
        path: "/mi-side",
        dedupeKey: `follow_up_overdue:${task.id}`,
      });
      await tx.update(followUpTasks).set({ overdueNoticeAt: now }).where(eq(followUpTasks.id, task.id));
    }
    return due.length;
  });
}

/** The digest and overdue checks run hourly; each does nothing until its time (idempotent). */
export function startNoticeJobs(intervalMs = 3_600_000) {
  startJob("notice_digest", () => sendNoticeDigests(), { everyMs: intervalMs, onFailure: { level: "error", event: "notice_digest_error" } });
  startJob("follow_up_overdue", () => sendOverdueFollowUpNotices(), { everyMs: intervalMs, onFailure: { level: "error", event: "follow_up_overdue_error" } });
}

// ---------------------------------------------------------------------------------------------
// Preferences (/mi-side/varsel)

export interface NoticeSetting {
  kind: NoticeKind;
  mode: NoticeMode;
}

/** The kinds this user can receive, each with the chosen mode (at once when never chosen). */
export async function noticeSettings(actor: SessionUser): Promise<NoticeSetting[]> {
  const kinds = noticeKindsFor(actor);
  if (kinds.length === 0) return [];
  const rows = await db().select({ kind: noticePreferences.kind, mode: noticePreferences.mode }).from(noticePreferences).where(eq(noticePreferences.userId, actor.id));
  const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
  return kinds.map((kind) => ({ kind, mode: chosen.get(kind) ?? "instant" }));
}

/**
 * Saves the user's choices for the kinds they can receive (others are ignored). A secretariat
 * member who is the last to receive new-case notices cannot turn them off: field error on that kind.
 */
export async function saveNoticeSettings(actor: SessionUser, input: { modes: Partial<Record<NoticeKind, NoticeMode>> }): Promise<NoticeSetting[]> {
  const kinds = noticeKindsFor(actor);
  const changes = kinds.flatMap((kind) => {
    const mode = input.modes[kind];
    return mode ? [{ kind, mode }] : [];
  });
  if (changes.length === 0) return noticeSettings(actor);
  await db().transaction(async (tx) => {
    if (changes.some((c) => c.kind === "case_submitted" && c.mode === "off")) {
      // Serialise with any other secretariat member doing the same: lock the secretariat's rows.
      await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "secretariat"), eq(users.active, true)))
        .orderBy(asc(users.id))
        .for("update");
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .leftJoin(noticePreferences, and(eq(noticePreferences.userId, users.id), eq(noticePreferences.kind, "case_submitted")))
        .where(and(eq(users.role, "secretariat"), eq(users.active, true), ne(users.id, actor.id), or(isNull(noticePreferences.mode), ne(noticePreferences.mode, "off"))));
      if (!others || others.n === 0) throw new DomainError("notices:errors.lastReceiver", {}, { kind: "conflict", field: "case_submitted" });
    }
    const now = new Date();
    for (const c of changes) {
      await tx
        .insert(noticePreferences)
        .values({ userId: actor.id, kind: c.kind, mode: c.mode, updatedAt: now })
        .onConflictDoUpdate({ target: [noticePreferences.userId, noticePreferences.kind], set: { mode: c.mode, updatedAt: now } });
    }
    await writeAudit(
      { actor: actorOf(actor), action: "notices.settings", entityType: "user", entityId: actor.id, after: Object.fromEntries(changes.map((c) => [c.kind, c.mode])) },
      tx,
    );
  });
  return noticeSettings(actor);
}
