ALTER TABLE "meetings" ADD COLUMN "agenda_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- hand-written below
-- Meetings whose items already carry numbers had their agenda fixed when the items were added.
UPDATE "meetings" SET "agenda_published_at" = "created_at" WHERE EXISTS (SELECT 1 FROM "agenda_items" a WHERE a."meeting_id" = "meetings"."id" AND a."body_case_seq" IS NOT NULL);--> statement-breakpoint
UPDATE "meetings" SET "updated_at" = "created_at";
