CREATE TABLE "case_status_counts" (
	"status" "case_status" NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cases_status_created_idx" ON "cases" USING btree ("status","created_at");