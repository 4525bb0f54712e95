/**
 * Cases to the partnership (saker), from submission to feedback, and the meetings where they are
 * handled: agenda items (saksliste) with handling (behandling) and decision (vedtak), minutes
 * (referat) and follow-up tasks (oppfølging av vedtak). Guideline: seed 002, DOMAIN.md.
 */
import { sql } from "drizzle-orm";
import { customType, date, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bodies, parties, users } from "./core";

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** PostgreSQL's text search vector (only ever written by PostgreSQL itself: a generated column). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * submitted → received → under_assessment → routed → on_agenda → handled → closed (feedback given);
 * or rejected (with a written justification), or withdrawn by the submitter before handling.
 * A handled case can be forwarded: it goes back to routed with another body.
 */
export const caseStatus = pgEnum("case_status", ["submitted", "received", "under_assessment", "routed", "on_agenda", "handled", "closed", "rejected", "withdrawn"]);
export const urgency = pgEnum("urgency", ["low", "normal", "high"]);

/** Text fields of a case the public may read, in form order; the secretariat may withhold any of them. */
export const PUBLIC_TEXT_COLUMNS = {
  title: "title",
  background: "background",
  problem: "problem",
  patientGroups: "patient_groups",
  serviceProviders: "service_providers",
  changeNeeds: "change_needs",
  triedBefore: "tried_before",
  proposal: "proposal",
  economy: "economy",
  referencesText: "references_text",
  agreementPoints: "agreement_points",
} as const;

const visible = (field: keyof typeof PUBLIC_TEXT_COLUMNS, alsoHideRejected: boolean) =>
  `case when ${alsoHideRejected ? "status = 'rejected' or " : ""}withheld ? '${field}' then '' else ${PUBLIC_TEXT_COLUMNS[field]} end`;

/**
 * The public search document of a case. PostgreSQL's 'norwegian' text search configuration (a
 * Snowball stemmer for bokmål; it also stems most nynorsk endings well enough) exists both in
 * PostgreSQL and in PGlite, so both drivers use it. Withheld fields contribute nothing.
 */
export const PUBLIC_SEARCH_DOCUMENT =
  `setweight(to_tsvector('norwegian', ${visible("title", false)}), 'A') || ` +
  `setweight(to_tsvector('norwegian', ${(Object.keys(PUBLIC_TEXT_COLUMNS) as (keyof typeof PUBLIC_TEXT_COLUMNS)[])
    .filter((f) => f !== "title")
    .map((f) => visible(f, true))
    .join(" || ' ' || ")}), 'B')`;

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Own reference, e.g. "HFMR-2024-0007": given at submission, shown on the receipt. */
    reference: text("reference").notNull().unique(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    status: caseStatus("status").notNull().default("submitted"),
    title: text("title").notNull(),
    // Kven melder saka? (contact data: anonymised a set time after closing)
    submitterName: text("submitter_name").notNull(),
    submitterOrg: text("submitter_org").notNull().default(""),
    submitterEmail: text("submitter_email").notNull(),
    submitterPhone: text("submitter_phone").notNull().default(""),
    // Melders dato og eventuelt internt saksnummer
    submitterDate: date("submitter_date").notNull(),
    submitterRef: text("submitter_ref").notNull().default(""),
    // Bakgrunn for ønske om behandling og hastegrad (the justification, required)
    background: text("background").notNull(),
    urgency: urgency("urgency").notNull().default("normal"),
    problem: text("problem").notNull().default(""),
    patientGroups: text("patient_groups").notNull().default(""),
    serviceProviders: text("service_providers").notNull().default(""),
    changeNeeds: text("change_needs").notNull().default(""),
    triedBefore: text("tried_before").notNull().default(""),
    proposal: text("proposal").notNull().default(""),
    economy: text("economy").notNull().default(""),
    referencesText: text("references_text").notNull().default(""),
    /** Points of the cooperation agreement (samarbeidsavtalen) the case concerns. */
    agreementPoints: text("agreement_points").notNull().default(""),
    /** The party (municipality or the trust) the case comes from, when the submitter says so. */
    partyNumber: text("party_number").references(() => parties.number),
    /** The body the case is routed to. */
    bodyId: integer("body_id").references(() => bodies.id),
    assignedUserId: uuid("assigned_user_id").references(() => users.id),
    /** SHA-256 of the private tracking token; the token itself is only in the submitter's mail. */
    trackingTokenHash: text("tracking_token_hash").notNull().unique(),
    /** From the form: a resubmission with the same key returns the same case. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    rejectionReason: text("rejection_reason"),
    /** Withheld (skjerma) fields: field name → legal basis. Withheld text never reaches the public. */
    withheld: jsonb("withheld").$type<Record<string, string>>().notNull().default({}),
    /** Optimistic concurrency: every update checks and bumps it. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    /**
     * The public search document, stored: PostgreSQL recomputes it when a row changes, so ranking
     * reads it instead of re-parsing every matching case's texts per search (issue #7).
     */
    publicSearch: tsvector("public_search").generatedAlwaysAs(sql.raw(PUBLIC_SEARCH_DOCUMENT)),
  },
  (t) => [
    uniqueIndex("cases_year_seq_idx").on(t.year, t.seq),
    index("cases_status_idx").on(t.status),
    index("cases_body_idx").on(t.bodyId),
    // A party's latest cases (party dashboard) walk this index; it also serves party filters.
    index("cases_party_created_idx").on(t.partyNumber, t.createdAt),
    index("cases_created_idx").on(t.createdAt),
    // /saker/spor finds a submitter's cases by address (lower-case, as typed in any case).
    index("cases_submitter_email_idx").on(sql`lower(${t.submitterEmail})`),
    // The inbox filtered by status, newest first, walks this index and stops after one page.
    index("cases_status_created_idx").on(t.status, t.createdAt),
    // Public full-text search (/saker): built only from fields that are not withheld, and with no
    // content of rejected cases (PUBLIC_SEARCH_DOCUMENT, stored in public_search).
    index("cases_public_search_idx").using("gin", t.publicSearch),
  ],
);

/**
 * Cases per status for the inbox, kept by a trigger (migration 0007) as +1/−1 rows: no row that
 * every submission must lock. The inbox sums them (a few rows per status); a job folds them
 * together now and then (app/models/inbox.server.ts), so reading never grows with the archive.
 */
export const caseStatusCounts = pgTable("case_status_counts", {
  status: caseStatus("status").notNull(),
  n: integer("n").notNull(),
});

export const caseAttachments = pgTable(
  "case_attachments",
  {
    id: serial("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_attachments_case_idx").on(t.caseId)],
);

/** Internal notes and comments (secretariat, SSU leader and deputy); never shown to the submitter. */
export const caseNotes = pgTable(
  "case_notes",
  {
    id: serial("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id),
    authorLabel: text("author_label").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId)],
);

export const meetingStatus = pgEnum("meeting_status", ["planned", "held", "cancelled"]);
export const minutesStatus = pgEnum("minutes_status", ["none", "draft", "approved", "published"]);
export const meetings = pgTable(
  "meetings",
  {
    id: serial("id").primaryKey(),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    title: text("title").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    location: text("location").notNull().default(""),
    videoLink: text("video_link").notNull().default(""),
    status: meetingStatus("status").notNull().default("planned"),
    minutesStatus: minutesStatus("minutes_status").notNull().default("none"),
    minutesIntro: text("minutes_intro").notNull().default(""),
    minutesApprovedAt: timestamp("minutes_approved_at", { withTimezone: true }),
    minutesPublishedAt: timestamp("minutes_published_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    /**
     * When the secretariat published the agenda (sakslista): from then on its case items carry
     * fixed numbers NN/YY, given in agenda order; before it they have none.
     */
    agendaPublishedAt: timestamp("agenda_published_at", { withTimezone: true }),
    /** iCalendar SEQUENCE: bumped when what a calendar shows changes (time, place, cancelled). */
    sequence: integer("sequence").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last change of the meeting's calendar facts (iCalendar LAST-MODIFIED). */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("meetings_body_starts_idx").on(t.bodyId, t.startsAt)],
);

export const agendaItemKind = pgEnum("agenda_item_kind", ["case", "orientation"]);
export const agendaOutcome = pgEnum("agenda_outcome", ["pending", "decided", "deferred"]);
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serial("id").primaryKey(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    bodyId: integer("body_id")
      .notNull()
      .references(() => bodies.id),
    position: integer("position").notNull(),
    kind: agendaItemKind("kind").notNull(),
    caseId: uuid("case_id").references(() => cases.id),
    title: text("title").notNull(),
    presenter: text("presenter").notNull().default(""),
    /** "09:30" local time slot and its length. */
    slotStart: text("slot_start").notNull().default(""),
    durationMinutes: integer("duration_minutes"),
    /** The body's own case number, written NN/YY (e.g. 30/24): sequence per body per year. */
    bodyCaseYear: integer("body_case_year"),
    bodyCaseSeq: integer("body_case_seq"),
    handling: text("handling").notNull().default(""),
    decision: text("decision").notNull().default(""),
    outcome: agendaOutcome("outcome").notNull().default("pending"),
    deferredToMeetingId: integer("deferred_to_meeting_id").references(() => meetings.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("agenda_items_meeting_idx").on(t.meetingId, t.position),
    index("agenda_items_case_idx").on(t.caseId),
    uniqueIndex("agenda_items_body_case_number_idx")
      .on(t.bodyId, t.bodyCaseYear, t.bodyCaseSeq)
      .where(sql`${t.bodyCaseSeq} is not null`),
  ],
);

export const followUpStatus = pgEnum("follow_up_status", ["open", "in_progress", "done"]);
/** Oppfølging av vedtak: tasks that a decision carries. */
export const followUpTasks = pgTable(
  "follow_up_tasks",
  {
    id: serial("id").primaryKey(),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    what: text("what").notNull(),
    responsible: text("responsible").notNull(),
    /** The user who owns the task, when it is one of the service's users (notices, /mi-side). */
    responsibleUserId: uuid("responsible_user_id").references(() => users.id, { onDelete: "set null" }),
    /** When the owner was told the task is overdue (told once). */
    overdueNoticeAt: timestamp("overdue_notice_at", { withTimezone: true }),
    dueDate: date("due_date"),
    status: followUpStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("follow_up_tasks_due_idx").on(t.status, t.dueDate), index("follow_up_tasks_user_idx").on(t.responsibleUserId)],
);

/** What the SSU leader or deputy recommends (tilråding, guideline point 3). */
export const adviceRecommendation = pgEnum("advice_recommendation", ["route", "reject", "ask_info"]);

/**
 * Tilrådingar: the structured advice of the SSU leader or deputy leader on a case under
 * assessment. More than one may be recorded; the latest counts.
 */
export const caseAdvice = pgTable(
  "case_advice",
  {
    id: serial("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id),
    authorLabel: text("author_label").notNull(),
    /** "leader" or "deputy_leader": the role in the SSU the author held when recording it. */
    authorRole: text("author_role").notNull(),
    recommendation: adviceRecommendation("recommendation").notNull(),
    /** The body recommended when routing. */
    bodyId: integer("body_id").references(() => bodies.id),
    justification: text("justification").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_advice_case_idx").on(t.caseId, t.createdAt)],
);

/** Questions the secretariat asks the submitter, answered on the tracking page. */
export const caseInfoRequests = pgTable(
  "case_info_requests",
  {
    id: serial("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    askedBy: uuid("asked_by").references(() => users.id),
    askedByLabel: text("asked_by_label").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    index("case_info_requests_case_idx").on(t.caseId, t.askedAt),
    // One open question per case at a time.
    uniqueIndex("case_info_requests_open_idx")
      .on(t.caseId)
      .where(sql`${t.answeredAt} is null`),
  ],
);

/**
 * Further tracking links of a case (issued by /saker/spor when the submitter lost the first one):
 * only the SHA-256 of each token, looked up alongside cases.tracking_token_hash. Deleted when the
 * case's contact data is anonymised (app/models/retention.server.ts).
 */
export const caseTrackingTokens = pgTable(
  "case_tracking_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_tracking_tokens_case_idx").on(t.caseId)],
);
