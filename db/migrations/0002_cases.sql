CREATE TYPE "public"."agenda_item_kind" AS ENUM('case', 'orientation');--> statement-breakpoint
CREATE TYPE "public"."agenda_outcome" AS ENUM('pending', 'decided', 'deferred');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('submitted', 'received', 'under_assessment', 'routed', 'on_agenda', 'handled', 'closed', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."follow_up_status" AS ENUM('open', 'in_progress', 'done');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."minutes_status" AS ENUM('none', 'draft', 'approved', 'published');--> statement-breakpoint
CREATE TYPE "public"."urgency" AS ENUM('low', 'normal', 'high');--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" "agenda_item_kind" NOT NULL,
	"case_id" uuid,
	"title" text NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"slot_start" text DEFAULT '' NOT NULL,
	"duration_minutes" integer,
	"body_case_year" integer,
	"body_case_seq" integer,
	"handling" text DEFAULT '' NOT NULL,
	"decision" text DEFAULT '' NOT NULL,
	"outcome" "agenda_outcome" DEFAULT 'pending' NOT NULL,
	"deferred_to_meeting_id" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"status" "case_status" DEFAULT 'submitted' NOT NULL,
	"title" text NOT NULL,
	"submitter_name" text NOT NULL,
	"submitter_org" text DEFAULT '' NOT NULL,
	"submitter_email" text NOT NULL,
	"submitter_phone" text DEFAULT '' NOT NULL,
	"submitter_date" date NOT NULL,
	"submitter_ref" text DEFAULT '' NOT NULL,
	"background" text NOT NULL,
	"urgency" "urgency" DEFAULT 'normal' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"patient_groups" text DEFAULT '' NOT NULL,
	"service_providers" text DEFAULT '' NOT NULL,
	"change_needs" text DEFAULT '' NOT NULL,
	"tried_before" text DEFAULT '' NOT NULL,
	"proposal" text DEFAULT '' NOT NULL,
	"economy" text DEFAULT '' NOT NULL,
	"references_text" text DEFAULT '' NOT NULL,
	"agreement_points" text DEFAULT '' NOT NULL,
	"party_number" text,
	"body_id" integer,
	"assigned_user_id" uuid,
	"tracking_token_hash" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"rejection_reason" text,
	"withheld" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"closed_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	CONSTRAINT "cases_reference_unique" UNIQUE("reference"),
	CONSTRAINT "cases_tracking_token_hash_unique" UNIQUE("tracking_token_hash"),
	CONSTRAINT "cases_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "follow_up_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"what" text NOT NULL,
	"responsible" text NOT NULL,
	"due_date" date,
	"status" "follow_up_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"body_id" integer NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"location" text DEFAULT '' NOT NULL,
	"video_link" text DEFAULT '' NOT NULL,
	"status" "meeting_status" DEFAULT 'planned' NOT NULL,
	"minutes_status" "minutes_status" DEFAULT 'none' NOT NULL,
	"minutes_intro" text DEFAULT '' NOT NULL,
	"minutes_approved_at" timestamp with time zone,
	"minutes_published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_deferred_to_meeting_id_meetings_id_fk" FOREIGN KEY ("deferred_to_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_party_number_parties_number_fk" FOREIGN KEY ("party_number") REFERENCES "public"."parties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_items_case_idx" ON "agenda_items" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_body_case_number_idx" ON "agenda_items" USING btree ("body_id","body_case_year","body_case_seq") WHERE "agenda_items"."body_case_seq" is not null;--> statement-breakpoint
CREATE INDEX "case_attachments_case_idx" ON "case_attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_year_seq_idx" ON "cases" USING btree ("year","seq");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cases_body_idx" ON "cases" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "cases_party_idx" ON "cases" USING btree ("party_number");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "follow_up_tasks_due_idx" ON "follow_up_tasks" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "meetings_body_starts_idx" ON "meetings" USING btree ("body_id","starts_at");