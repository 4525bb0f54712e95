/**
 * Evaluation rounds (evalueringsrundar) of a plan and the checklists (sjekklister) through which
 * every party (the municipalities valid on the round's reference date, and the trust) reports the
 * status of each measure, plus the year's KE key figures (seed 003: aggregate numbers only).
 */
import { boolean, date, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { parties, users } from "./core";
import { measures, plans } from "./plans";

export const roundStatus = pgEnum("evaluation_round_status", ["open", "closed"]);
export const evaluationRounds = pgTable(
  "evaluation_rounds",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** "Evaluering hausten 2018". */
    title: text("title").notNull(),
    /** Free text; generated demo rounds say "(demodata)" here. */
    description: text("description").notNull().default(""),
    /** The parties of the round are those valid on this date (plus the trust). */
    referenceDate: date("reference_date").notNull(),
    deadline: date("deadline").notNull(),
    status: roundStatus("status").notNull().default("open"),
    reminderDaysBefore: integer("reminder_days_before").notNull().default(7),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
  },
  (t) => [uniqueIndex("evaluation_rounds_plan_title_idx").on(t.planId, t.title), index("evaluation_rounds_status_idx").on(t.status, t.deadline)],
);

export const checklistStatus = pgEnum("checklist_status", ["draft", "submitted"]);
/** One per round and party, created with the round. `updatedAt` null: nothing saved yet. */
export const checklists = pgTable(
  "checklists",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => evaluationRounds.id, { onDelete: "cascade" }),
    partyNumber: text("party_number")
      .notNull()
      .references(() => parties.number),
    status: checklistStatus("status").notNull().default("draft"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [uniqueIndex("checklists_round_party_idx").on(t.roundId, t.partyNumber), index("checklists_party_idx").on(t.partyNumber)],
);

export const answerStatus = pgEnum("checklist_answer_status", ["ikkje_starta", "planlagt", "i_gang", "gjennomfort", "ikkje_aktuelt"]);
export const checklistAnswers = pgTable(
  "checklist_answers",
  {
    checklistId: integer("checklist_id")
      .notNull()
      .references(() => checklists.id, { onDelete: "cascade" }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    status: answerStatus("status"),
    comment: text("comment").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.checklistId, t.measureId] }), index("checklist_answers_measure_idx").on(t.measureId)],
);

/** The year's KE key figures (aggregate numbers, never person data). */
export const checklistKeyFigures = pgTable("checklist_key_figures", {
  checklistId: integer("checklist_id")
    .primaryKey()
    .references(() => checklists.id, { onDelete: "cascade" }),
  coordinators: integer("coordinators"),
  individualPlans: integer("individual_plans"),
  childCoordinators: integer("child_coordinators"),
  cooperationMeetings: integer("cooperation_meetings"),
  coordinationMeetings: integer("coordination_meetings"),
  kePlacement: text("ke_placement").notNull().default(""),
  keOnWebsite: boolean("ke_on_website"),
  keWebsiteUrl: text("ke_website_url").notNull().default(""),
});
