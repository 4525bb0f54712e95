/**
 * Bodies (utval) and their memberships, administered at /admin/utval: create, rename, describe and
 * close a body; add, edit and end memberships (role in the body, whom the member represents, term).
 * Ended memberships stay as rows (history). Admins change; the secretariat may read. Every change
 * is written to the audit log in the same transaction. Access that follows from membership is in
 * app/models/access.ts; the session loads the memberships current today.
 */
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { db, type Tx } from "../../db/client";
import { bodies, bodyMemberships, parties, users, type Localized } from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { DomainError } from "~/services/domain-error";
import { isId } from "~/services/ids";
import { osloDate } from "~/services/oslo-time";
import { slugify } from "~/services/slug";
import { isBodyOpen, isCurrentTerm, type BodyKind, type MembershipRole } from "./access";
import { actorOf, type SessionUser } from "./actor";
import { bodyError as E, type BodyErrorCode } from "./body-forms.server";
import { currentMembershipOn } from "./bodies-sql.server";
import { assertFreeTextFields } from "./text-rules.server";

export const BODIES_PAGE_SIZE = 25;
export const MEMBERS_PAGE_SIZE = 25;

export type BodyAdmin = Pick<SessionUser, "id" | "name" | "role">;

const refuse = (key: BodyErrorCode, kind: DomainError["kind"], params: Record<string, string | number> = {}, field?: string) => new DomainError(E(key), params, { kind, field });

function requireAdmin(actor: BodyAdmin) {
  if (actor.role !== "admin") throw refuse("forbidden", "forbidden");
}
function requireReader(actor: BodyAdmin) {
  if (actor.role !== "admin" && actor.role !== "secretariat") throw refuse("forbidden", "forbidden");
}

export interface BodyTexts {
  shortName: string;
  name_nn: string;
  name_nb: string;
  name_en: string;
  description_nn: string;
  description_nb: string;
  description_en: string;
}

/** nb and en fall back to nn where left empty. */
const localizedOf = (nn: string, nb: string, en: string): Localized => ({ nn, nb: nb || nn, en: en || nn });

function textsOf(input: BodyTexts) {
  assertFreeTextFields({ shortName: input.shortName, name_nn: input.name_nn, name_nb: input.name_nb, name_en: input.name_en }, { singleLine: true });
  assertFreeTextFields({ description_nn: input.description_nn, description_nb: input.description_nb, description_en: input.description_en });
  return {
    shortName: input.shortName,
    name: localizedOf(input.name_nn, input.name_nb, input.name_en),
    description: localizedOf(input.description_nn, input.description_nb, input.description_en),
  };
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** The bodies with kind, active period and number of current members; a page at a time. */
export async function listBodiesAdmin(actor: BodyAdmin, input: { page: number }, now = new Date()) {
  requireReader(actor);
  const today = osloDate(now);
  const page = Math.max(1, input.page);
  const members = db()
    .select({ bodyId: bodyMemberships.bodyId, n: count().as("n") })
    .from(bodyMemberships)
    .where(currentMembershipOn(today))
    .groupBy(bodyMemberships.bodyId)
    .as("members");
  const [rows, [total]] = await Promise.all([
    db()
      .select({
        id: bodies.id,
        slug: bodies.slug,
        kind: bodies.kind,
        shortName: bodies.shortName,
        name: bodies.name,
        establishedOn: bodies.establishedOn,
        closedOn: bodies.closedOn,
        memberCount: sql<number>`coalesce(${members.n}, 0)::int`,
      })
      .from(bodies)
      .leftJoin(members, eq(members.bodyId, bodies.id))
      .orderBy(asc(sql`${bodies.closedOn} is not null and ${bodies.closedOn} <= ${today}`), asc(bodies.id))
      .limit(BODIES_PAGE_SIZE)
      .offset((page - 1) * BODIES_PAGE_SIZE),
    db().select({ n: count() }).from(bodies),
  ]);
  const n = total?.n ?? 0;
  return {
    rows: rows.map((r) => ({ ...r, open: isBodyOpen(r, today) })),
    page,
    pageCount: Math.max(1, Math.ceil(n / BODIES_PAGE_SIZE)),
    total: n,
    canEdit: actor.role === "admin",
  };
}

export async function createBody(actor: BodyAdmin, input: BodyTexts & { kind: BodyKind; establishedOn: string }) {
  requireAdmin(actor);
  const texts = textsOf(input);
  const slug = slugify(input.shortName, { maxLength: 60 });
  if (!slug) throw refuse("shortNameRequired", "invalid", {}, "shortName");
  return db().transaction(async (tx) => {
    const [taken] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, slug));
    if (taken) throw refuse("slugTaken", "conflict", { slug }, "shortName");
    const [body] = await tx
      .insert(bodies)
      .values({ slug, kind: input.kind, establishedOn: input.establishedOn, ...texts })
      .onConflictDoNothing()
      .returning();
    if (!body) throw refuse("slugTaken", "conflict", { slug }, "shortName");
    await writeAudit(
      { actor: actorOf(actor), action: "body.create", entityType: "body", entityId: body.id, after: { slug, kind: body.kind, ...texts, establishedOn: body.establishedOn } },
      tx,
    );
    return body;
  });
}

async function lockBody(tx: Tx, slug: string) {
  const [body] = await tx.select().from(bodies).where(eq(bodies.slug, slug)).for("update");
  if (!body) throw refuse("notFound", "notFound");
  return body;
}

/** Rename and describe (the slug, part of shared links, stays). */
export async function updateBody(actor: BodyAdmin, input: BodyTexts & { slug: string }) {
  requireAdmin(actor);
  const texts = textsOf(input);
  return db().transaction(async (tx) => {
    const body = await lockBody(tx, input.slug);
    const [updated] = await tx.update(bodies).set(texts).where(eq(bodies.id, body.id)).returning();
    await writeAudit(
      {
        actor: actorOf(actor),
        action: "body.update",
        entityType: "body",
        entityId: body.id,
        before: { shortName: body.shortName, name: body.name, description: body.description },
        after: texts,
      },
      tx,
    );
    return updated;
  });
}

/** Closes a body from a day on: it keeps its meetings and cases and takes no new ones. */
export async function closeBody(actor: BodyAdmin, input: { slug: string; closedOn: string }) {
  requireAdmin(actor);
  return db().transaction(async (tx) => {
    const body = await lockBody(tx, input.slug);
    if (body.kind === "secretariat") throw refuse("cannotCloseSecretariat", "conflict");
    if (body.closedOn) throw refuse("alreadyClosed", "conflict", { date: body.closedOn });
    if (body.establishedOn && input.closedOn <= body.establishedOn) throw refuse("closeBeforeStart", "invalid", {}, "closedOn");
    const [updated] = await tx.update(bodies).set({ closedOn: input.closedOn }).where(eq(bodies.id, body.id)).returning();
    await writeAudit({ actor: actorOf(actor), action: "body.close", entityType: "body", entityId: body.id, before: { closedOn: null }, after: { closedOn: input.closedOn } }, tx);
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------
// Memberships

const memberCols = {
  id: bodyMemberships.id,
  userId: bodyMemberships.userId,
  userName: users.name,
  userEmail: users.email,
  role: bodyMemberships.role,
  representsParty: bodyMemberships.representsParty,
  partyName: parties.name,
  representsOrganisation: bodyMemberships.representsOrganisation,
  startsOn: bodyMemberships.startsOn,
  endsOn: bodyMemberships.endsOn,
  version: bodyMemberships.version,
};

/** A body with its current (and coming) memberships and, separately, the ended ones; each a page at a time. */
export async function getBodyAdmin(actor: BodyAdmin, input: { slug: string; page: number; endedPage: number }, now = new Date()) {
  requireReader(actor);
  const today = osloDate(now);
  const [body] = await db().select().from(bodies).where(eq(bodies.slug, input.slug));
  if (!body) throw refuse("notFound", "notFound");
  const ended = and(eq(bodyMemberships.bodyId, body.id), isNotNull(bodyMemberships.endsOn), lte(bodyMemberships.endsOn, today));
  const notEnded = and(eq(bodyMemberships.bodyId, body.id), or(isNull(bodyMemberships.endsOn), gt(bodyMemberships.endsOn, today)));
  const page = Math.max(1, input.page);
  const endedPage = Math.max(1, input.endedPage);
  const query = (where: ReturnType<typeof and>, order: ReturnType<typeof asc>[], p: number) =>
    db()
      .select(memberCols)
      .from(bodyMemberships)
      .innerJoin(users, eq(users.id, bodyMemberships.userId))
      .leftJoin(parties, eq(parties.number, bodyMemberships.representsParty))
      .where(where)
      .orderBy(...order)
      .limit(MEMBERS_PAGE_SIZE)
      .offset((p - 1) * MEMBERS_PAGE_SIZE);
  const [current, past, [nCurrent], [nPast], partyOptions] = await Promise.all([
    query(
      notEnded,
      [
        asc(sql`array_position(array['leader','deputy_leader','member','substitute','user_representative','observer','secretary']::text[], ${bodyMemberships.role}::text)`),
        asc(users.name),
        asc(bodyMemberships.id),
      ],
      page,
    ),
    query(ended, [desc(bodyMemberships.endsOn), asc(users.name), asc(bodyMemberships.id)], endedPage),
    db().select({ n: count() }).from(bodyMemberships).where(notEnded),
    db().select({ n: count() }).from(bodyMemberships).where(ended),
    db()
      .select({ number: parties.number, name: parties.name })
      .from(parties)
      .where(or(isNull(parties.validTo), gt(parties.validTo, today)))
      .orderBy(asc(parties.name)),
  ]);
  return {
    body: { ...body, open: isBodyOpen(body, today) },
    current: current.map((m) => ({ ...m, isCurrent: isCurrentTerm(m, today) })),
    ended: past,
    page,
    pageCount: Math.max(1, Math.ceil((nCurrent?.n ?? 0) / MEMBERS_PAGE_SIZE)),
    endedPage,
    endedPageCount: Math.max(1, Math.ceil((nPast?.n ?? 0) / MEMBERS_PAGE_SIZE)),
    partyOptions,
    today,
    canEdit: actor.role === "admin",
  };
}

export interface MembershipTerms {
  role: MembershipRole;
  startsOn: string;
  endsOn: string | null;
  representsParty: string | null;
  representsOrganisation: string;
}

async function checkTerms(tx: Tx, input: MembershipTerms) {
  if (input.endsOn != null && input.endsOn <= input.startsOn) throw refuse("endBeforeStart", "invalid", {}, "endsOn");
  if (input.representsParty && input.representsOrganisation) throw refuse("representsOne", "invalid", {}, "representsOrganisation");
  assertFreeTextFields({ representsOrganisation: input.representsOrganisation }, { singleLine: true });
  if (input.representsParty) {
    const [p] = await tx.select({ number: parties.number }).from(parties).where(eq(parties.number, input.representsParty));
    if (!p) throw refuse("unknownParty", "invalid", {}, "representsParty");
  }
  return { role: input.role, startsOn: input.startsOn, endsOn: input.endsOn, representsParty: input.representsParty, representsOrganisation: input.representsOrganisation || null };
}

/** Two terms of the same person in the same body may not overlap. */
async function assertNoOverlap(tx: Tx, bodyId: number, userId: string, term: { startsOn: string; endsOn: string | null }, exceptId?: number) {
  const overlapping = await tx
    .select({ id: bodyMemberships.id })
    .from(bodyMemberships)
    .where(
      and(
        eq(bodyMemberships.bodyId, bodyId),
        eq(bodyMemberships.userId, userId),
        exceptId != null ? ne(bodyMemberships.id, exceptId) : undefined,
        or(isNull(bodyMemberships.endsOn), gt(bodyMemberships.endsOn, term.startsOn)),
        term.endsOn == null ? undefined : or(isNull(bodyMemberships.startsOn), sql`${bodyMemberships.startsOn} < ${term.endsOn}`),
      ),
    );
  if (overlapping.length) throw refuse("overlap", "conflict", {}, "startsOn");
}

export async function addMembership(actor: BodyAdmin, input: MembershipTerms & { slug: string; email: string }) {
  requireAdmin(actor);
  return db().transaction(async (tx) => {
    const body = await lockBody(tx, input.slug);
    if (!isBodyOpen(body, input.startsOn)) throw refuse("bodyClosed", "conflict", {}, "startsOn");
    const terms = await checkTerms(tx, input);
    const [user] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.email, input.email.toLowerCase()), eq(users.active, true)));
    if (!user) throw refuse("unknownUser", "invalid", {}, "email");
    await assertNoOverlap(tx, body.id, user.id, terms);
    const [m] = await tx
      .insert(bodyMemberships)
      .values({ userId: user.id, bodyId: body.id, ...terms, createdBy: actor.id })
      .returning();
    if (!m) throw refuse("notFound", "notFound");
    await writeAudit({ actor: actorOf(actor), action: "membership.add", entityType: "body", entityId: body.id, after: { membershipId: m.id, userId: user.id, ...terms } }, tx);
    return m;
  });
}

async function lockMembership(tx: Tx, bodyId: number, id: number, version: number) {
  if (!isId(id)) throw refuse("notFound", "notFound");
  const [m] = await tx
    .select()
    .from(bodyMemberships)
    .where(and(eq(bodyMemberships.id, id), eq(bodyMemberships.bodyId, bodyId)))
    .for("update");
  if (!m) throw refuse("notFound", "notFound");
  if (m.version !== version) throw refuse("stale", "conflict");
  return m;
}

export async function updateMembership(actor: BodyAdmin, input: MembershipTerms & { slug: string; membershipId: number; version: number }) {
  requireAdmin(actor);
  return db().transaction(async (tx) => {
    const body = await lockBody(tx, input.slug);
    const m = await lockMembership(tx, body.id, input.membershipId, input.version);
    const terms = await checkTerms(tx, input);
    await assertNoOverlap(tx, body.id, m.userId, terms, m.id);
    const [updated] = await tx
      .update(bodyMemberships)
      .set({ ...terms, version: m.version + 1, updatedAt: new Date() })
      .where(eq(bodyMemberships.id, m.id))
      .returning();
    const before = { role: m.role, startsOn: m.startsOn, endsOn: m.endsOn, representsParty: m.representsParty, representsOrganisation: m.representsOrganisation };
    await writeAudit(
      {
        actor: actorOf(actor),
        action: "membership.update",
        entityType: "body",
        entityId: body.id,
        before: { membershipId: m.id, ...before },
        after: { membershipId: m.id, ...terms },
      },
      tx,
    );
    return updated;
  });
}

/** Ends a membership on a day (exclusive: from that day it gives no access); the row stays as history. */
export async function endMembership(actor: BodyAdmin, input: { slug: string; membershipId: number; version: number; endsOn: string }) {
  requireAdmin(actor);
  return db().transaction(async (tx) => {
    const body = await lockBody(tx, input.slug);
    const m = await lockMembership(tx, body.id, input.membershipId, input.version);
    if (m.endsOn != null && m.endsOn <= osloDate()) throw refuse("alreadyEnded", "conflict");
    if (m.startsOn != null && input.endsOn <= m.startsOn) throw refuse("endBeforeStart", "invalid", {}, "endsOn");
    const [updated] = await tx
      .update(bodyMemberships)
      .set({ endsOn: input.endsOn, endedBy: actor.id, version: m.version + 1, updatedAt: new Date() })
      .where(eq(bodyMemberships.id, m.id))
      .returning();
    await writeAudit(
      {
        actor: actorOf(actor),
        action: "membership.end",
        entityType: "body",
        entityId: body.id,
        before: { membershipId: m.id, endsOn: m.endsOn },
        after: { membershipId: m.id, endsOn: input.endsOn },
      },
      tx,
    );
    return updated;
  });
}
