CREATE TYPE "public"."checklist_answer_status" AS ENUM('ikkje_starta', 'planlagt', 'i_gang', 'gjennomfort', 'ikkje_aktuelt');--> statement-breakpoint
CREATE TYPE "public"."checklist_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."evaluation_round_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "measure_case_links" (
	"measure_id" integer NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "measure_case_links_measure_id_case_id_pk" PRIMARY KEY("measure_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "measure_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"done_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_answers" (
	"checklist_id" integer NOT NULL,
	"measure_id" integer NOT NULL,
	"status" "checklist_answer_status",
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "checklist_answers_checklist_id_measure_id_pk" PRIMARY KEY("checklist_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "checklist_key_figures" (
	"checklist_id" integer PRIMARY KEY NOT NULL,
	"coordinators" integer,
	"individual_plans" integer,
	"child_coordinators" integer,
	"cooperation_meetings" integer,
	"coordination_meetings" integer,
	"ke_placement" text DEFAULT '' NOT NULL,
	"ke_on_website" boolean,
	"ke_website_url" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"party_number" text NOT NULL,
	"status" "checklist_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "evaluation_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"reference_date" date NOT NULL,
	"deadline" date NOT NULL,
	"status" "evaluation_round_status" DEFAULT 'open' NOT NULL,
	"reminder_days_before" integer DEFAULT 7 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "measure_case_links" ADD CONSTRAINT "measure_case_links_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_case_links" ADD CONSTRAINT "measure_case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_case_links" ADD CONSTRAINT "measure_case_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_milestones" ADD CONSTRAINT "measure_milestones_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_answers" ADD CONSTRAINT "checklist_answers_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_answers" ADD CONSTRAINT "checklist_answers_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_key_figures" ADD CONSTRAINT "checklist_key_figures_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_round_id_evaluation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."evaluation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_party_number_parties_number_fk" FOREIGN KEY ("party_number") REFERENCES "public"."parties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_rounds" ADD CONSTRAINT "evaluation_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_case_links_case_idx" ON "measure_case_links" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "measure_milestones_measure_idx" ON "measure_milestones" USING btree ("measure_id","due_date");--> statement-breakpoint
CREATE INDEX "checklist_answers_measure_idx" ON "checklist_answers" USING btree ("measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checklists_round_party_idx" ON "checklists" USING btree ("round_id","party_number");--> statement-breakpoint
CREATE INDEX "checklists_party_idx" ON "checklists" USING btree ("party_number");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_rounds_plan_title_idx" ON "evaluation_rounds" USING btree ("plan_id","title");--> statement-breakpoint
CREATE INDEX "evaluation_rounds_status_idx" ON "evaluation_rounds" USING btree ("status","deadline");