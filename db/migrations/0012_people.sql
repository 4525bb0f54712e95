CREATE TYPE "public"."user_token_purpose" AS ENUM('invite', 'reset');--> statement-breakpoint
CREATE TABLE "user_parties" (
	"user_id" uuid NOT NULL,
	"party_number" text NOT NULL,
	CONSTRAINT "user_parties_user_id_party_number_pk" PRIMARY KEY("user_id","party_number")
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "user_token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_parties" ADD CONSTRAINT "user_parties_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_parties" ADD CONSTRAINT "user_parties_party_number_parties_number_fk" FOREIGN KEY ("party_number") REFERENCES "public"."parties"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_parties_party_idx" ON "user_parties" USING btree ("party_number");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id");--> statement-breakpoint
-- hand-written below
-- Backfill: each user's one party becomes a row of user_parties, then the column goes.
INSERT INTO "user_parties" ("user_id", "party_number") SELECT "id", "party_number" FROM "users" WHERE "party_number" IS NOT NULL ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_party_number_parties_number_fk";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "party_number";
