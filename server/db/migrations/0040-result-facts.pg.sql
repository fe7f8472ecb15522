-- PostgreSQL twin of 0040-result-facts.sql (replaced by 0060). Pre-aggregated
-- facts for the staff dashboard; BLOB is bytea.
CREATE TABLE result_facts (
  questionnaire_id text NOT NULL,
  questionnaire_version text NOT NULL,
  channel text NOT NULL,
  trade text NOT NULL,
  employees text NOT NULL,
  region text NOT NULL,
  month text NOT NULL,
  -- JSON array of the figures' ids, the overall index ('') first.
  figure_ids text NOT NULL CHECK (figure_ids::json IS NOT NULL),
  -- Per figure, in that order: float64 counts, float64 sums, 101 uint32 counts of
  -- scores in [k, k+1) for k = 0..100; all little-endian.
  counts bytea NOT NULL,
  totals bytea NOT NULL,
  histograms bytea NOT NULL,
  -- {"<level id>": count} of the overall index.
  levels text NOT NULL CHECK (levels::json IS NOT NULL),
  PRIMARY KEY (questionnaire_id, questionnaire_version, channel, trade, employees, region, month)
);
