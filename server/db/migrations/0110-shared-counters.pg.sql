-- Issue 21: counters every app instance shares (see 0110-shared-counters.sql).
CREATE TABLE request_counts (
  key text NOT NULL,
  window_start bigint NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

CREATE TABLE attempt_failures (
  key text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX attempt_failures_by_key ON attempt_failures (key, at);
CREATE INDEX attempt_failures_by_age ON attempt_failures (at);
