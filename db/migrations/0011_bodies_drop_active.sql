ALTER TABLE "bodies" DROP COLUMN "active";--> statement-breakpoint
ALTER TABLE "body_memberships" DROP COLUMN "position";--> statement-breakpoint
DROP TYPE "public"."membership_position";