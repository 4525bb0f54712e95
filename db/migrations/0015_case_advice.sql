CREATE TYPE "public"."advice_recommendation" AS ENUM('route', 'reject', 'ask_info');--> statement-breakpoint
CREATE TABLE "case_advice" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid,
	"author_label" text NOT NULL,
	"author_role" text NOT NULL,
	"recommendation" "advice_recommendation" NOT NULL,
	"body_id" integer,
	"justification" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_info_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by" uuid,
	"asked_by_label" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_tracking_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_advice" ADD CONSTRAINT "case_advice_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_advice" ADD CONSTRAINT "case_advice_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_advice" ADD CONSTRAINT "case_advice_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_info_requests" ADD CONSTRAINT "case_info_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_info_requests" ADD CONSTRAINT "case_info_requests_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tracking_tokens" ADD CONSTRAINT "case_tracking_tokens_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_advice_case_idx" ON "case_advice" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_info_requests_case_idx" ON "case_info_requests" USING btree ("case_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_info_requests_open_idx" ON "case_info_requests" USING btree ("case_id") WHERE "case_info_requests"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "case_tracking_tokens_case_idx" ON "case_tracking_tokens" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_submitter_email_idx" ON "cases" USING btree (lower("submitter_email"));