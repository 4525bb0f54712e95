/**
 * People: the admin's user administration (list, create with an invitation, edit, deactivate and
 * reactivate, resend the invitation), single-use set-password links (an invitation: 72 h, a
 * password reset: 1 h) and the forgotten-password request. Operations take `(actor, input)`
 * (docs/decisions/009-one-feature-contract.md), check permission themselves and throw DomainError
 * with codes of the namespace "people". Every change writes an audit row in its transaction.
 *
 * A link carries a random 256-bit token; `user_tokens` keeps only its SHA-256, and the mail in the
 * outbox holds the link sealed (SECRET_LINK_PLACEHOLDER, docs/decisions/008-outbox-without-tracking-links.md).
 */
import { and, asc, desc, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "../../db/client";
import { outbox, parties, sessions, userParties, userRole, users, userTokens } from "../../db/schema";
import { i18nFor } from "~/i18n";
import { writeAudit, type Actor as AuditActor } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { env } from "~/services/env.server";
import { enqueueMail, sealSecret, SECRET_LINK_PLACEHOLDER } from "~/services/mail.server";
import { hashPassword } from "~/services/password.server";
import { actorOf, type SessionUser } from "./actor";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules";
import "~/i18n/people"; // the codes this module throws are keys of this namespace
import { isUuid, PARTY_NUMBER } from "~/services/ids";

export const USERS_PAGE_SIZE = 25;
export const INVITE_HOURS = 72;
export const RESET_HOURS = 1;
export const MAX_PARTIES = 30;
export type TokenPurpose = "invite" | "reset";

const forbidden = () => new DomainError("people:errors.forbidden", {}, { kind: "forbidden" });
const notFound = () => new DomainError("people:errors.notFound", {}, { kind: "notFound" });

function requireAdmin(actor: Pick<SessionUser, "role">) {
  if (actor.role !== "admin") throw forbidden();
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const baseUrl = () => env().APP_URL.replace(/\/$/, "");

// ---------------------------------------------------------------------------------------------
// Schemas (messages: keys of the namespace "people")

const chars = (v: string) => [...v].length;

export const userFieldsSchema = z.object({
  name: z
    .string({ required_error: "errors.nameRequired" })
    .trim()
    .min(1, "errors.nameRequired")
    .max(200, "errors.nameTooLong")
    // eslint-disable-next-line no-control-regex -- control characters are the point
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "errors.nameInvalid"),
  email: z.string({ required_error: "errors.emailRequired" }).trim().toLowerCase().min(1, "errors.emailRequired").max(254, "errors.emailInvalid").email("errors.emailInvalid"),
  role: z.enum(userRole.enumValues, { errorMap: () => ({ message: "errors.roleInvalid" }) }),
  parties: z
    .array(z.string().trim().regex(PARTY_NUMBER, "errors.partyInvalid"), { invalid_type_error: "errors.partyInvalid" })
    .max(MAX_PARTIES, "errors.partyInvalid")
    .default([])
    .transform((v) => [...new Set(v)].sort()),
});
export type UserFields = z.output<typeof userFieldsSchema>;

const tooShort = "errors.passwordTooShort";
export const setPasswordSchema = z
  .object({
    password: z
      .string({ required_error: tooShort })
      .refine((v) => chars(v) >= PASSWORD_MIN, tooShort)
      .refine((v) => chars(v) <= PASSWORD_MAX, "errors.passwordTooLong"),
    repeat: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.repeat) ctx.addIssue({ code: "custom", path: ["repeat"], message: "errors.passwordMismatch" });
  });
export const PASSWORD_FIELDS = ["password", "repeat"];

export const USER_SORTS = ["name", "email", "role", "lastSignIn"] as const;
export const userListSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  role: z.enum(userRole.enumValues).nullable().catch(null),
  status: z.enum(["active", "deactivated"]).nullable().catch(null),
  sort: z.enum(USER_SORTS).catch("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type UserListInput = z.output<typeof userListSchema>;

// ---------------------------------------------------------------------------------------------
// The list

const partiesOf = sql<{ number: string; name: string }[]>`coalesce((
  select json_agg(json_build_object('number', p.number, 'name', p.name) order by p.name)
  from ${userParties} up join ${parties} p on p.number = up.party_number where up.user_id = ${users.id}), '[]'::json)`;

/** Users with search (name or e-mail), role and status filters, a sort and paging. */
export async function listUsers(actor: SessionUser, input: UserListInput) {
  requireAdmin(actor);
  const where: (SQL | undefined)[] = [];
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.name, like), ilike(users.email, like)));
  }
  if (input.role) where.push(eq(users.role, input.role));
  if (input.status) where.push(eq(users.active, input.status === "active"));
  const order =
    input.sort === "email"
      ? [asc(users.email)]
      : input.sort === "role"
        ? [asc(users.role), asc(users.name), asc(users.id)]
        : input.sort === "lastSignIn"
          ? [sql`${users.lastSignInAt} desc nulls last`, asc(users.name), asc(users.id)]
          : [asc(users.name), asc(users.id)];
  const rows = await db()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      lastSignInAt: users.lastSignInAt,
      parties: partiesOf,
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(users)
    .where(and(...where))
    .orderBy(...order)
    .limit(USERS_PAGE_SIZE)
    .offset((input.page - 1) * USERS_PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  return {
    rows: rows.map(({ total: _t, lastSignInAt, ...r }) => ({ ...r, lastSignInAt: lastSignInAt?.toISOString() ?? null })),
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
  };
}

/** The parties a user can be affiliated with: those valid today (municipalities and the trust). */
export async function selectableParties() {
  return db().select({ number: parties.number, name: parties.name }).from(parties).where(isNull(parties.validTo)).orderBy(asc(parties.kind), asc(parties.name));
}

// ---------------------------------------------------------------------------------------------
// One user

export async function userDetails(actor: SessionUser, id: string) {
  requireAdmin(actor);
  if (!isUuid(id)) throw notFound();
  const [row] = await db()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      lastSignInAt: users.lastSignInAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      parties: partiesOf,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!row) throw notFound();
  const [invite] = await db()
    .select({ createdAt: userTokens.createdAt, expiresAt: userTokens.expiresAt, usedAt: userTokens.usedAt })
    .from(userTokens)
    .where(and(eq(userTokens.userId, id), eq(userTokens.purpose, "invite")))
    .orderBy(desc(userTokens.createdAt))
    .limit(1);
  return {
    ...row,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    invite: invite ? { createdAt: invite.createdAt.toISOString(), expiresAt: invite.expiresAt.toISOString(), used: invite.usedAt != null } : null,
  };
}

async function checkParties(tx: Tx, numbers: string[]) {
  if (numbers.length === 0) return;
  const found = await tx.select({ number: parties.number }).from(parties).where(inArray(parties.number, numbers));
  if (found.length !== numbers.length) throw new DomainError("people:errors.partyInvalid", {}, { field: "parties" });
}

async function checkEmailFree(tx: Tx, email: string, exceptId?: string) {
  const [other] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (other && other.id !== exceptId) throw new DomainError("people:errors.emailTaken", {}, { kind: "conflict", field: "email" });
}

/**
 * The last-admin rule: locks every active admin's row (FOR UPDATE, in a fixed order) so that two
 * admins demoting or deactivating each other at the same moment cannot both succeed.
 */
async function requireAnotherAdmin(tx: Tx, leaving: string) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for("update");
  if (!admins.some((a) => a.id !== leaving)) throw new DomainError("people:errors.lastAdmin", {}, { kind: "conflict" });
}

/** A new single-use link for a user: the clear token (for the mail or the CLI) and its expiry. */
async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose, now: Date) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + (purpose === "invite" ? INVITE_HOURS : RESET_HOURS) * 3600_000);
  // A new link replaces the older open ones of the same purpose.
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  await tx.insert(userTokens).values({ userId, purpose, tokenHash: hashToken(token), expiresAt, createdAt: now });
  return { token, url: `${baseUrl()}/passord/${token}`, expiresAt };
}

async function queueInvite(tx: Tx, user: { email: string; name: string }, url: string) {
  const t = i18nFor("nn").getFixedT("nn", "people");
  await enqueueMail(
    {
      kind: "user_invite",
      to: user.email,
      subject: t("mail.inviteSubject"),
      text: t("mail.inviteText", { name: user.name, link: SECRET_LINK_PLACEHOLDER, hours: INVITE_HOURS, url: baseUrl() }),
      secretLink: url,
    },
    tx,
  );
}

/**
 * Creates a user (e-mail unique: a taken one is a conflict on the field) with their parties, and
 * queues an invitation with a link to set a password (72 h). Returns the new id.
 */
export async function createUser(actor: SessionUser, input: UserFields, now = new Date()): Promise<{ id: string }> {
  requireAdmin(actor);
  return createUserAs(actorOf(actor), input, { mail: true, now }).then(({ id }) => ({ id }));
}

/**
 * Creates a user as `auditActor` (an admin, or the `user:create` script) with an invitation link;
 * `mail: false` leaves the link to the caller (the script prints it).
 */
export async function createUserAs(auditActor: AuditActor, input: UserFields, options: { mail: boolean; now?: Date }) {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    await checkEmailFree(tx, input.email);
    await checkParties(tx, input.parties);
    const [created] = await tx.insert(users).values({ email: input.email, name: input.name, role: input.role }).onConflictDoNothing().returning({ id: users.id });
    if (!created) throw new DomainError("people:errors.emailTaken", {}, { kind: "conflict", field: "email" });
    if (input.parties.length) await tx.insert(userParties).values(input.parties.map((partyNumber) => ({ userId: created.id, partyNumber })));
    const link = await issueToken(tx, created.id, "invite", now);
    if (options.mail) await queueInvite(tx, input, link.url);
    await writeAudit(
      { actor: auditActor, action: "user.created", entityType: "user", entityId: created.id, after: { role: input.role, parties: input.parties, invited: true } },
      tx,
    );
    return { id: created.id, link };
  });
}

/** Edits name, e-mail, role and parties. Demoting the last active admin is refused. */
export async function updateUser(actor: SessionUser, input: UserFields & { id: string }): Promise<void> {
  requireAdmin(actor);
  if (!isUuid(input.id)) throw notFound();
  await db().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, input.id)).for("update");
    if (!before) throw notFound();
    if (before.role !== input.role && input.id === actor.id) throw new DomainError("people:errors.roleSelf", {}, { field: "role" });
    if (before.role === "admin" && input.role !== "admin" && before.active) await requireAnotherAdmin(tx, input.id);
    await checkEmailFree(tx, input.email, input.id);
    await checkParties(tx, input.parties);
    const oldParties = (await tx.select({ n: userParties.partyNumber }).from(userParties).where(eq(userParties.userId, input.id))).map((p) => p.n).sort();
    await tx.update(users).set({ name: input.name, email: input.email, role: input.role }).where(eq(users.id, input.id));
    await tx.delete(userParties).where(eq(userParties.userId, input.id));
    if (input.parties.length) await tx.insert(userParties).values(input.parties.map((partyNumber) => ({ userId: input.id, partyNumber })));
    // The audit keeps what changed; names and addresses are personal data and stay out of it.
    await writeAudit(
      {
        actor: actorOf(actor),
        action: "user.updated",
        entityType: "user",
        entityId: input.id,
        before: { role: before.role, parties: oldParties, nameChanged: false, emailChanged: false },
        after: { role: input.role, parties: input.parties, nameChanged: before.name !== input.name, emailChanged: before.email !== input.email },
      },
      tx,
    );
  });
}

/**
 * Deactivates (every session revoked at once, in the same transaction) or reactivates a user.
 * The admin's own account and the last active admin cannot be deactivated. Nothing is deleted.
 */
export async function setUserActive(actor: SessionUser, input: { id: string; active: boolean }): Promise<{ sessionsRevoked: number }> {
  requireAdmin(actor);
  if (!isUuid(input.id)) throw notFound();
  return db().transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, input.id)).for("update");
    if (!before) throw notFound();
    if (before.active === input.active) return { sessionsRevoked: 0 };
    if (!input.active && input.id === actor.id) throw new DomainError("people:errors.deactivateSelf", {}, { kind: "conflict" });
    if (!input.active && before.role === "admin") await requireAnotherAdmin(tx, input.id);
    await tx.update(users).set({ active: input.active }).where(eq(users.id, input.id));
    const revoked = input.active
      ? []
      : await tx
          .update(sessions)
          .set({ revokedAt: sql`now()` })
          .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)))
          .returning({ id: sessions.id });
    await writeAudit(
      {
        actor: actorOf(actor),
        action: input.active ? "user.reactivated" : "user.deactivated",
        entityType: "user",
        entityId: input.id,
        before: { active: before.active },
        after: { active: input.active, sessionsRevoked: revoked.length },
      },
      tx,
    );
    return { sessionsRevoked: revoked.length };
  });
}

/** Sends a new invitation (the older link stops working). Not for a deactivated user. */
export async function resendInvite(actor: SessionUser, input: { id: string }, now = new Date()): Promise<void> {
  requireAdmin(actor);
  if (!isUuid(input.id)) throw notFound();
  await db().transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email, name: users.name, active: users.active }).from(users).where(eq(users.id, input.id)).for("update");
    if (!user) throw notFound();
    if (!user.active) throw new DomainError("people:errors.inviteInactive", {}, { kind: "conflict" });
    const link = await issueToken(tx, input.id, "invite", now);
    await queueInvite(tx, user, link.url);
    await writeAudit({ actor: actorOf(actor), action: "user.invite_sent", entityType: "user", entityId: input.id }, tx);
  });
}

// ---------------------------------------------------------------------------------------------
// Set-password links

export type TokenState = { purpose: TokenPurpose; state: "valid" | "used" | "expired" };

/** What a link is: valid, used or expired (a deactivated user's: expired); unknown: notFound. */
export async function linkState(input: { token: string }, now = new Date()): Promise<TokenState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.token)) throw notFound();
  const [row] = await db()
    .select({ purpose: userTokens.purpose, usedAt: userTokens.usedAt, expiresAt: userTokens.expiresAt, active: users.active })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(eq(userTokens.tokenHash, hashToken(input.token)));
  if (!row) throw notFound();
  const state = row.usedAt ? "used" : row.expiresAt <= now || !row.active ? "expired" : "valid";
  return { purpose: row.purpose, state };
}

/**
 * Sets the password with a link: the link is claimed (used) in the same transaction, every open
 * link of the user goes with it, and every session of the user is revoked. A used or expired link:
 * DomainError kind "conflict" (code "people:link.used" / "people:link.expired").
 */
export async function setPasswordWithLink(input: { token: string; password: string }, now = new Date()): Promise<{ userId: string; purpose: TokenPurpose }> {
  const current = await linkState(input, now);
  if (current.state !== "valid") throw new DomainError(`people:link.${current.state}`, {}, { kind: "conflict" });
  const hash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const [claimed] = await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.tokenHash, hashToken(input.token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
      .returning({ userId: userTokens.userId, purpose: userTokens.purpose });
    if (!claimed) throw new DomainError("people:link.used", {}, { kind: "conflict" });
    const [user] = await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: now })
      .where(and(eq(users.id, claimed.userId), eq(users.active, true)))
      .returning({ id: users.id, name: users.name });
    if (!user) throw new DomainError("people:link.expired", {}, { kind: "conflict" });
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, user.id), isNull(userTokens.usedAt)));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await writeAudit(
      { actor: actorOf(user), action: "user.password_set", entityType: "user", entityId: user.id, after: { via: claimed.purpose, sessionsRevoked: revoked.length } },
      tx,
    );
    return { userId: user.id, purpose: claimed.purpose };
  });
}

/**
 * The forgotten-password request. The same work whether the address is known or not: a token is
 * made and sealed either way, and one transaction runs the same two INSERT … SELECT statements,
 * which write a link and a mail only where an active user has the address. Nothing is returned.
 */
export async function requestPasswordReset(input: { email: string }, now = new Date()): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 3600_000);
  const sealed = sealSecret(`${baseUrl()}/passord/${token}`);
  const t = i18nFor("nn").getFixedT("nn", "people");
  const subject = t("mail.resetSubject");
  const text = t("mail.resetText", { link: SECRET_LINK_PLACEHOLDER, url: baseUrl() });
  // Raw statements take timestamps as text (postgres.js does not serialise a Date in raw SQL).
  const at = now.toISOString();
  await db().transaction(async (tx) => {
    // Older open reset links of the address stop working.
    await tx.execute(sql`update ${userTokens} set used_at = ${at}::timestamptz where purpose = 'reset' and used_at is null
      and user_id in (select id from ${users} where email = ${email} and active)`);
    await tx.execute(sql`insert into ${userTokens} (user_id, purpose, token_hash, expires_at, created_at)
      select id, 'reset', ${hashToken(token)}, ${expiresAt.toISOString()}::timestamptz, ${at}::timestamptz from ${users} where email = ${email} and active`);
    await tx.execute(sql`insert into ${outbox} (kind, to_address, subject, text_body, send_after, secret)
      select 'password_reset', email, ${subject}, ${text}, ${at}::timestamptz, ${sealed} from ${users} where email = ${email} and active`);
  });
}
