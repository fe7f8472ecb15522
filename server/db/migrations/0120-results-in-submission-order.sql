-- Issue 21: results.csv reads one questionnaire's results in submission order.
-- PostgreSQL would otherwise sort a million rows per export (no index delivered
-- them in that order); SQLite scans the table, already in order (NOT INDEXED in
-- results-csv-writer.ts), and keeps the index only for parity of the schemas.
CREATE INDEX results_in_submission_order ON results (questionnaire_id, assessment_row_id);
