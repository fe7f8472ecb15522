-- Process scouts' on-site visits. A visit IS an assessment (channel 'visit',
-- assessments.scout_user_row_id = the scout, which is the one record of
-- ownership); these tables hold what only staff and scouts see, and the ledger
-- that makes the tablets' offline sync idempotent.
CREATE TABLE visits (
  assessment_row_id INTEGER PRIMARY KEY REFERENCES assessments (row_id) ON DELETE CASCADE,
  -- NULL until the tablet's `create` change arrives (changes may come in any order).
  business_name TEXT,
  contact_person TEXT,
  visit_date TEXT,
  -- {"<field path>": "<version>"}: the last-writer-wins register of every field a
  -- change wrote, kept even when the value was cleared, so batches converge in any order.
  field_versions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_versions)),
  submit_requested INTEGER NOT NULL DEFAULT 0 CHECK (submit_requested IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- The scout's notes per dimension: a table of their own, so no query of the
-- business's view can pick them up by accident.
CREATE TABLE visit_notes (
  assessment_row_id INTEGER NOT NULL REFERENCES visits (assessment_row_id) ON DELETE CASCADE,
  dimension_id TEXT NOT NULL,
  -- NULL: cleared; the row stays for its version.
  text TEXT,
  version TEXT NOT NULL,
  PRIMARY KEY (assessment_row_id, dimension_id)
) STRICT;

-- Every change a tablet sent, by its client-generated id: a replay answers the
-- stored response, the same id with other content answers 409. Not tied to the
-- visit by a foreign key on purpose: after an erasure the ledger still knows the
-- visit existed, so a late change cannot bring it back.
CREATE TABLE sync_changes (
  row_id INTEGER PRIMARY KEY,
  change_id TEXT NOT NULL UNIQUE,
  user_row_id INTEGER REFERENCES users (row_id) ON DELETE SET NULL,
  visit_id TEXT NOT NULL,
  -- SHA-256 of the change's canonical JSON (a resume code in it replaced by its hash).
  content_hash TEXT NOT NULL,
  response TEXT NOT NULL CHECK (json_valid(response)),
  applied_at TEXT NOT NULL
) STRICT;

CREATE INDEX sync_changes_visit ON sync_changes (visit_id);
