-- The dashboard's facts again, now counting scores in tenths of a point. The
-- whole-point histograms of 0040 could only approximate a median by
-- interpolating inside a bucket (ten checks scoring 0 or 100 gave a median of
-- 1, where Excel says 50); the engine stores scores with one decimal, so 1,001
-- buckets give the exact order statistics and staff figures equal MEDIAN and
-- QUARTILE.INC of results.csv. Every value here follows from `results`, so the
-- old rows are dropped, not converted: at start-up the stats plugin finds the
-- table empty and rebuilds it from the stored results.
DROP TABLE result_facts;

CREATE TABLE result_facts (
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  channel TEXT NOT NULL,
  trade TEXT NOT NULL,
  employees TEXT NOT NULL,
  region TEXT NOT NULL,
  month TEXT NOT NULL,
  -- The row's number of results (= the overall index's count), as a column so
  -- cell sizes for the anonymised release are read without decoding BLOBs.
  n INTEGER NOT NULL CHECK (n > 0),
  -- JSON array of the figures' ids, the overall index ('') first.
  figure_ids TEXT NOT NULL CHECK (json_valid(figure_ids)),
  -- Per figure, in that order, all little-endian: float64 counts; float64 sums
  -- in whole tenths of a point (integers, so means are exact); the scores'
  -- histogram in tenths, sparse because a row holds a few hundred scores and a
  -- dense one would take 4 KB per figure: uint32 offsets [F+1] (figure f's
  -- entries are [offset f, offset f+1) of the same array), then uint32 entries
  -- (count << 10) | tenths, ascending, a count over 2^22 - 1 split across
  -- entries. server/stats/histogram.ts reads and writes it.
  counts BLOB NOT NULL,
  totals BLOB NOT NULL,
  histograms BLOB NOT NULL,
  -- {"<level id>": count} of the overall index.
  levels TEXT NOT NULL CHECK (json_valid(levels)),
  PRIMARY KEY (questionnaire_id, questionnaire_version, channel, trade, employees, region, month)
) STRICT, WITHOUT ROWID;
