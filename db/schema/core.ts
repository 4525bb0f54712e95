/**
 * Core tables: parties (municipalities and the trust), bodies, people, sessions, audit, outbox,
 * rate limits. Domain words stay Norwegian in the UI; identifiers here are English (see
 * docs/decisions/004-naming.md).
 */
import { bigserial, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
  active: boolean("active").notNull().default(true),
});

export const userRole = pgEnum("user_role", ["secretariat", "committee_member", "reporter", "admin"]);
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  role: userRole("role").notNull(),
  /** For reporters: the party they report for. */
  partyNumber: text("party_number").references(() => parties.number),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
});

export const membershipPosition = pgEnum("membership_position", ["leader", "deputy", "member"]);
export const bodyMemberships = pgTable(
  "body_memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    position: membershipPosition("position").notNull().default("member"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bodyId] })],
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
