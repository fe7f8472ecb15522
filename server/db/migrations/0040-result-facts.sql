-- Pre-aggregated facts for the staff dashboard: one row per combination of the
-- dashboard's filters, month and dimension ('' = overall), with a histogram of
-- whole points, so quartiles over a million results read a few thousand rows.
-- Kept by the repository in the transaction that stores or deletes a result.
CREATE TABLE result_facts (
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  channel TEXT NOT NULL,
  trade TEXT NOT NULL,
  employees TEXT NOT NULL,
  region TEXT NOT NULL,
  month TEXT NOT NULL,
  dimension_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  total REAL NOT NULL,
  -- 101 little-endian uint32 counts: scores in [k, k+1) for k = 0..100.
  histogram BLOB NOT NULL,
  -- {"<level id>": count}
  levels TEXT NOT NULL CHECK (json_valid(levels)),
  PRIMARY KEY (questionnaire_id, questionnaire_version, channel, trade, employees, region, month, dimension_id)
) STRICT, WITHOUT ROWID;
