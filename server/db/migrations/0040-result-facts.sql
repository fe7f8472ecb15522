-- Pre-aggregated facts for the staff dashboard: one row per combination of
-- the dashboard's filters and month, holding for the overall index and every
-- dimension a count, a sum and a histogram of whole points — so quartiles over
-- a million results read a few thousand rows. Kept by the repository in the
-- transaction that stores or deletes a result.
CREATE TABLE result_facts (
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  channel TEXT NOT NULL,
  trade TEXT NOT NULL,
  employees TEXT NOT NULL,
  region TEXT NOT NULL,
  month TEXT NOT NULL,
  -- JSON array of the figures' ids, the overall index ('') first.
  figure_ids TEXT NOT NULL CHECK (json_valid(figure_ids)),
  -- Per figure, in that order: float64 counts, float64 sums, 101 uint32 counts of
  -- scores in [k, k+1) for k = 0..100; all little-endian.
  counts BLOB NOT NULL,
  totals BLOB NOT NULL,
  histograms BLOB NOT NULL,
  -- {"<level id>": count} of the overall index.
  levels TEXT NOT NULL CHECK (json_valid(levels)),
  PRIMARY KEY (questionnaire_id, questionnaire_version, channel, trade, employees, region, month)
) STRICT, WITHOUT ROWID;
