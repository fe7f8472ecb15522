-- PostgreSQL twin of 0060-exact-quartiles.sql: the dashboard's facts in tenths
-- of a point (see the SQLite file for the layout of the bytea columns). The old
-- rows are dropped, not converted: start-up rebuilds the table from `results`.
DROP TABLE result_facts;

CREATE TABLE result_facts (
  questionnaire_id text NOT NULL,
  questionnaire_version text NOT NULL,
  channel text NOT NULL,
  trade text NOT NULL,
  employees text NOT NULL,
  region text NOT NULL,
  month text NOT NULL,
  -- The row's number of results (= the overall index's count).
  n integer NOT NULL CHECK (n > 0),
  -- JSON array of the figures' ids, the overall index ('') first.
  figure_ids text NOT NULL CHECK (figure_ids::json IS NOT NULL),
  -- float64 counts; float64 sums in tenths; sparse uint32 histograms (server/stats/histogram.ts).
  counts bytea NOT NULL,
  totals bytea NOT NULL,
  histograms bytea NOT NULL,
  -- {"<level id>": count} of the overall index.
  levels text NOT NULL CHECK (levels::json IS NOT NULL),
  PRIMARY KEY (questionnaire_id, questionnaire_version, channel, trade, employees, region, month)
);
