DROP INDEX "cases_party_idx";--> statement-breakpoint
CREATE INDEX "cases_party_created_idx" ON "cases" USING btree ("party_number","created_at");