CREATE TYPE "public"."notice_kind" AS ENUM('case_submitted', 'case_assessment', 'case_advice', 'case_answer', 'case_routed', 'checklist_submitted', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."notice_mode" AS ENUM('instant', 'digest', 'off');--> statement-breakpoint
CREATE TABLE "notice_digest_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"subject" text NOT NULL,
	"url" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_digest_items_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "notice_preferences" (
	"user_id" uuid NOT NULL,
	"kind" "notice_kind" NOT NULL,
	"mode" "notice_mode" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD COLUMN "responsible_user_id" uuid;--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD COLUMN "overdue_notice_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notice_digest_items" ADD CONSTRAINT "notice_digest_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_preferences" ADD CONSTRAINT "notice_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_digest_items_user_idx" ON "notice_digest_items" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "follow_up_tasks" ADD CONSTRAINT "follow_up_tasks_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_tasks_user_idx" ON "follow_up_tasks" USING btree ("responsible_user_id");