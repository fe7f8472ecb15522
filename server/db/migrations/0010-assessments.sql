-- Assessments (drafts and submitted checks) and their immutable results.
-- Internal row ids never leave the server; the API speaks in random UUIDs.
CREATE TABLE assessments (
  row_id INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  -- SHA-256 of the normalised resume code; the code itself is never stored.
  resume_hash TEXT NOT NULL UNIQUE,
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  questionnaire_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'visit')),
  profile TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(profile)),
  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),
  relevance TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(relevance)),
  revision INTEGER NOT NULL DEFAULT 0,
  previous_row_id INTEGER REFERENCES assessments (row_id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT
) STRICT;

CREATE INDEX assessments_status_updated ON assessments (status, updated_at);

-- One narrow row per submitted check: what aggregates, exports and benchmarks read.
CREATE TABLE results (
  assessment_row_id INTEGER PRIMARY KEY REFERENCES assessments (row_id) ON DELETE CASCADE,
  questionnaire_id TEXT NOT NULL,
  questionnaire_version TEXT NOT NULL,
  questionnaire_hash TEXT NOT NULL,
  trade TEXT,
  employees TEXT,
  region TEXT,
  channel TEXT NOT NULL,
  overall_score REAL NOT NULL CHECK (overall_score BETWEEN 0 AND 100),
  overall_level TEXT NOT NULL,
  -- {"<dimension>": [score, "<level>"], …} in the questionnaire's order, for exports.
  dimension_scores TEXT NOT NULL CHECK (json_valid(dimension_scores)),
  -- Filled only when the business consented to being contacted.
  contact_company TEXT,
  contact_email TEXT,
  submitted_at TEXT NOT NULL,
  submitted_month TEXT NOT NULL
) STRICT;

-- The engine's full output, kept apart so scans of `results` stay small.
CREATE TABLE result_documents (
  assessment_row_id INTEGER PRIMARY KEY REFERENCES results (assessment_row_id) ON DELETE CASCADE,
  result TEXT NOT NULL CHECK (json_valid(result))
) STRICT;

-- Covers the k-anonymity count of exports (trade, size and region identify a business together).
CREATE INDEX results_quasi_identifiers ON results (questionnaire_id, trade, employees, region);
CREATE INDEX results_submitted ON results (submitted_at);

-- One row per dimension of a result, so aggregates and peer benchmarks need no JSON parsing.
CREATE TABLE result_dimensions (
  assessment_row_id INTEGER NOT NULL REFERENCES results (assessment_row_id) ON DELETE CASCADE,
  -- Copied from the result, so per-dimension figures by group need no join.
  questionnaire_id TEXT NOT NULL,
  trade TEXT,
  dimension_id TEXT NOT NULL,
  score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
  level TEXT NOT NULL,
  has_basis INTEGER NOT NULL CHECK (has_basis IN (0, 1)),
  PRIMARY KEY (assessment_row_id, dimension_id)
) STRICT;

-- A submitted result is a record of what the business was told: never rewritten.
CREATE TRIGGER results_are_immutable BEFORE UPDATE ON results
BEGIN
  SELECT RAISE(ABORT, 'results are immutable');
END;

CREATE TRIGGER result_documents_are_immutable BEFORE UPDATE ON result_documents
BEGIN
  SELECT RAISE(ABORT, 'results are immutable');
END;

CREATE TRIGGER result_dimensions_are_immutable BEFORE UPDATE ON result_dimensions
BEGIN
  SELECT RAISE(ABORT, 'results are immutable');
END;
