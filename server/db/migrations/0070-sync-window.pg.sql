-- PostgreSQL twin of 0070-sync-window.sql: the memory of erased visits, so a
-- late change for an erased visit cannot bring it back after the ledger is pruned.
CREATE TABLE erased_visits (
  visit_id text PRIMARY KEY,
  erased_at text NOT NULL
);

CREATE INDEX erased_visits_at ON erased_visits (erased_at);
CREATE INDEX sync_changes_applied_at ON sync_changes (applied_at);

-- Visits erased before this migration are those the ledger knows but no assessment has.
INSERT INTO erased_visits (visit_id, erased_at)
  SELECT visit_id, max(applied_at) FROM sync_changes
  WHERE visit_id NOT IN (SELECT id FROM assessments)
  GROUP BY visit_id;

-- The visit list is paged by (visit date, row id).
CREATE INDEX visits_by_date ON visits (visit_date, assessment_row_id);
