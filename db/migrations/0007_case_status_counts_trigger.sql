-- Cases per status, kept as +1/-1 rows (see case_status_counts in db/schema/cases.ts).
CREATE OR REPLACE FUNCTION case_status_counts_track() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO case_status_counts (status, n) VALUES (OLD.status, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO case_status_counts (status, n) VALUES (NEW.status, 1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_status_counts_reset() RETURNS trigger AS $$
BEGIN
  DELETE FROM case_status_counts;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cases_status_count_insert_delete AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION case_status_counts_track();
--> statement-breakpoint
CREATE TRIGGER cases_status_count_update AFTER UPDATE OF status ON cases FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION case_status_counts_track();
--> statement-breakpoint
CREATE TRIGGER cases_status_count_truncate AFTER TRUNCATE ON cases FOR EACH STATEMENT EXECUTE FUNCTION case_status_counts_reset();
--> statement-breakpoint
INSERT INTO case_status_counts (status, n) SELECT status, count(*)::int FROM cases GROUP BY status;
