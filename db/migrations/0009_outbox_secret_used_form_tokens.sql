CREATE TABLE "used_form_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "secret" text;--> statement-breakpoint
-- Tracking links already sent in clear text: masked (mails not yet sent keep theirs until sent).
UPDATE "outbox" SET "text_body" = regexp_replace("text_body", '\S*/saker/spor/[A-Za-z0-9_-]+', '[privat lenkje]', 'g') WHERE "sent_at" IS NOT NULL;
