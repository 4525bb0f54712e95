/**
 * Action plans (handlingsplanar), their goals (mål) and measures (tiltak). Evaluation rounds and
 * checklists build on these (issue 4).
 */
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { bodies, users, type Localized } from "./core";

export const planStatus = pgEnum("plan_status", ["draft", "active", "completed"]);
export const plans = pgTable("plans", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: jsonb("title").$type<Localized>().notNull(),
  periodStart: date("period_start").notNull(),
  periodEnd: date("period_end").notNull(),
  ownerBodyId: integer("owner_body_id").references(() => bodies.id),
  status: planStatus("status").notNull().default("draft"),
  /** True for the 2017–2020 plan, whose measures are reconstructed from the source documents. */
  reconstructed: boolean("reconstructed").notNull().default(false),
  sourceNote: jsonb("source_note").$type<Localized>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const goals = pgTable(
  "goals",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    bodyId: integer("body_id").references(() => bodies.id),
  },
  (t) => [uniqueIndex("goals_plan_number_idx").on(t.planId, t.number)],
);

export const measureResponsible = pgEnum("measure_responsible", ["trust", "municipalities", "both", "working_group", "body"]);
export const measureStatus = pgEnum("measure_status", ["not_started", "in_progress", "done", "stopped"]);
export const measures = pgTable(
  "measures",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    goalId: integer("goal_id")
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    /** "1.1", "2.6": goal number and sequence. */
    number: text("number").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    description: jsonb("description").$type<Localized>().notNull(),
    responsible: measureResponsible("responsible").notNull(),
    responsibleBodyId: integer("responsible_body_id").references(() => bodies.id),
    status: measureStatus("status").notNull().default("not_started"),
    /** 0–100 %. */
    progress: integer("progress").notNull().default(0),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [uniqueIndex("measures_plan_number_idx").on(t.planId, t.number), index("measures_goal_idx").on(t.goalId)],
);

/** Milestones of a measure (delmål med dato). */
export const measureMilestones = pgTable(
  "measure_milestones",
  {
    id: serial("id").primaryKey(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueDate: date("due_date").notNull(),
    /** Set when the milestone was reached. */
    doneDate: date("done_date"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("measure_milestones_measure_idx").on(t.measureId, t.dueDate)],
);

/** Links from a measure to cases (and through them, decisions) in the case half. */
export const measureCaseLinks = pgTable(
  "measure_case_links",
  {
    measureId: integer("measure_id")
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.caseId] }), index("measure_case_links_case_idx").on(t.caseId)],
);
