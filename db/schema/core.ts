/**
 * Core tables: parties (municipalities and the trust), bodies, people, sessions, audit, outbox,
 * rate limits. Domain words stay Norwegian in the UI; identifiers here are English (see
 * docs/decisions/004-naming.md).
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** A text in the three languages of the UI: nynorsk (default), bokmål, English. */
export type Localized = { nn: string; nb: string; en: string };

/** A party of the partnership: a municipality (by kommunenummer) or the trust ("HMR"). */
export const partyKind = pgEnum("party_kind", ["municipality", "trust"]);
export const parties = pgTable("parties", {
  number: text("number").primaryKey(),
  name: text("name").notNull(),
  kind: partyKind("kind").notNull(),
  validFrom: date("valid_from").notNull(),
  validTo: date("valid_to"),
  /** True where a successor lies outside the county (Halsa → Heim). */
  successorOutsideCounty: boolean("successor_outside_county").notNull().default(false),
});

/** Who became whom in a merger or a split (Nesset → Molde, Ålesund 1507 → Ålesund 1508 and Haram 1580). */
export const partySuccessions = pgTable(
  "party_successions",
  {
    predecessor: text("predecessor")
      .notNull()
      .references(() => parties.number),
    successor: text("successor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.predecessor, t.successor] }), index("party_successions_successor_idx").on(t.successor)],
);

export const bodyKind = pgEnum("body_kind", ["partnership_meeting", "ssu", "fsu", "lsu", "secretariat"]);
/** Utval: Partnarskapsmøte, SSU, the FSUs, the LSUs and the joint secretariat. */
export const bodies = pgTable("bodies", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  kind: bodyKind("kind").notNull(),
  shortName: text("short_name").notNull(),
  name: jsonb("name").$type<Localized>().notNull(),
  description: jsonb("description").$type<Localized>().notNull(),
  /** The body's active period, half-open [established_on, closed_on); null = not recorded / still open. */
  establishedOn: date("established_on"),
  /** From this day the body is closed: it keeps its meetings and cases and takes no new ones. */
  closedOn: date("closed_on"),
});

export const userRole = pgEnum("user_role", ["secretariat", "committee_member", "reporter", "admin"]);
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  role: userRole("role").notNull(),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  /** Set when a session is created (password sign-in, set-password link). */
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
});

/**
 * The parties a user acts for (a reporter may report for several, e.g. a KE coordinator serving
 * two municipalities by agreement): the checklist scope follows all of them.
 */
export const userParties = pgTable(
  "user_parties",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partyNumber: text("party_number")
      .notNull()
      .references(() => parties.number),
  },
  (t) => [primaryKey({ columns: [t.userId, t.partyNumber] }), index("user_parties_party_idx").on(t.partyNumber)],
);

export const userTokenPurpose = pgEnum("user_token_purpose", ["invite", "reset"]);
/**
 * Single-use set-password links (an invitation: 72 h; a password reset: 1 h). The link carries a
 * random token; the table keeps only its SHA-256.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: userTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);

/**
 * A member's role in a body: leiar, nestleiar, medlem, vara, brukarrepresentant, observatør,
 * sekretær (labels in app/i18n/bodies.ts; the list in app/models/access.ts).
 */
export const membershipRole = pgEnum("membership_role", ["leader", "deputy_leader", "member", "substitute", "user_representative", "observer", "secretary"]);
/**
 * Memberships with their history: a term [starts_on, ends_on) (half-open; null = open at that end).
 * An ended membership stays as a row (ended_on/ended_by), so who sat in a body when is readable.
 * A member represents a party (municipality or the trust) or an organisation named in free text.
 */
export const bodyMemberships = pgTable(
  "body_memberships",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    role: membershipRole("role").notNull().default("member"),
    representsParty: text("represents_party").references(() => parties.number),
    representsOrganisation: text("represents_organisation"),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    endedBy: uuid("ended_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("body_memberships_user_idx").on(t.userId, t.endsOn),
    index("body_memberships_body_idx").on(t.bodyId, t.endsOn),
    check("body_memberships_term_check", sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} > ${t.startsOn}`),
    check("body_memberships_represents_check", sql`${t.representsParty} is null or ${t.representsOrganisation} is null`),
  ],
);

/**
 * Organisational sign-in (OpenID Connect): an identity at an issuer, linked to a user the first
 * time it signs in with a verified e-mail address that matches the user's, and found by
 * (issuer, subject) ever after (docs/decisions/015-oidc-sign-in.md). A user has at most one
 * identity per issuer, so an address the issuer later gives to someone else links nobody.
 */
export const userIdentities = pgTable(
  "user_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The provider id (OIDC_<ID>_…) it was linked through. */
    provider: text("provider").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), uniqueIndex("user_identities_user_issuer_idx").on(t.userId, t.issuer)],
);

/** Server-side sessions: the cookie carries a random token, the table keeps only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Append-only audit trail; a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId, t.at)],
);

/** Outgoing e-mail, sent by a worker with retries (FOR UPDATE SKIP LOCKED). */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sendAfter: timestamp("send_after", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Deduplication key: the same logical mail is queued once. */
    dedupeKey: text("dedupe_key"),
    /**
     * A secret the body needs only when it is sent (the submitter's tracking token), encrypted with
     * a key derived from SESSION_SECRET; the body holds a placeholder. Cleared once the mail is sent
     * (docs/decisions/008-outbox-without-tracking-links.md).
     */
    secret: text("secret"),
  },
  (t) => [index("outbox_pending_idx").on(t.sentAt, t.sendAfter), uniqueIndex("outbox_dedupe_idx").on(t.dedupeKey)],
);

/**
 * Form-start tokens of the public form's bot guard that a case was created with: each is good for
 * one submission (its idempotency key; a resend of the same submission is no reuse). Rows older
 * than the token's lifetime are deleted with the rate-limit windows.
 */
export const usedFormTokens = pgTable("used_form_tokens", {
  /** SHA-256 of the token. */
  tokenHash: text("token_hash").primaryKey(),
  idempotencyKey: text("idempotency_key").notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Notices at the hand-overs of the work (issue 14): what each user is told, and how. A kind a user
 * has no row for is sent at once. The kinds and whom they reach: app/models/notices.server.ts.
 */
export const noticeKind = pgEnum("notice_kind", ["case_submitted", "case_assessment", "case_advice", "case_answer", "case_routed", "checklist_submitted", "follow_up"]);
/** At once (a mail per notice), in the daily digest (one mail a day listing them), or not at all. */
export const noticeMode = pgEnum("notice_mode", ["instant", "digest", "off"]);
export const noticePreferences = pgTable(
  "notice_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: noticeKind("kind").notNull(),
    mode: noticeMode("mode").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Notices waiting for a user's daily digest. The digest job turns a user's waiting notices into one
 * outbox mail and deletes them in the same transaction; `dedupe_key` keeps a notice queued once.
 */
export const noticeDigestItems = pgTable(
  "notice_digest_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: noticeKind("kind").notNull(),
    subject: text("subject").notNull(),
    /** The notice's link, absolute. */
    url: text("url").notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notice_digest_items_user_idx").on(t.userId, t.createdAt)],
);

/** Fixed-window rate-limit counters shared by every app instance. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
