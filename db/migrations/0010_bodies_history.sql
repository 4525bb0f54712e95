CREATE TYPE "public"."membership_role" AS ENUM('leader', 'deputy_leader', 'member', 'substitute', 'user_representative', 'observer', 'secretary');--> statement-breakpoint
ALTER TABLE "body_memberships" DROP CONSTRAINT "body_memberships_user_id_body_id_pk";--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "established_on" date;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "id" serial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "role" "membership_role" DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "represents_party" text;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "represents_organisation" text;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_represents_party_parties_number_fk" FOREIGN KEY ("represents_party") REFERENCES "public"."parties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "body_memberships_user_idx" ON "body_memberships" USING btree ("user_id","ends_on");--> statement-breakpoint
CREATE INDEX "body_memberships_body_idx" ON "body_memberships" USING btree ("body_id","ends_on");--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_term_check" CHECK ("body_memberships"."ends_on" is null or "body_memberships"."starts_on" is null or "body_memberships"."ends_on" > "body_memberships"."starts_on");--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_represents_check" CHECK ("body_memberships"."represents_party" is null or "body_memberships"."represents_organisation" is null);--> statement-breakpoint
-- hand-written below
-- Memberships before this migration had one fixed position and no term: the position becomes the
-- role in the body (deputy → deputy_leader), the term stays open at both ends (not recorded).
UPDATE "body_memberships" SET "role" = CASE "position" WHEN 'leader' THEN 'leader'::"membership_role" WHEN 'deputy' THEN 'deputy_leader'::"membership_role" ELSE 'member'::"membership_role" END;--> statement-breakpoint
-- A body marked inactive is closed from the day of the migration (the day it was closed was not recorded).
UPDATE "bodies" SET "closed_on" = CURRENT_DATE WHERE "active" = false;
