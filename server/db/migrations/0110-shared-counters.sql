-- Issue 21: counters every app instance shares, so that limits hold for the
-- whole installation and not per process. Used on PostgreSQL, where several
-- instances serve one database; one SQLite process counts in memory (faster,
-- and a restart forgetting counts only ever helps the legitimate user).

-- Requests per key (route and client) in fixed windows (@fastify/rate-limit's store).
CREATE TABLE request_counts (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) STRICT;

-- Failed attempts (wrong passwords, wrong resume codes), one row each, for sliding windows.
CREATE TABLE attempt_failures (
  key TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX attempt_failures_by_key ON attempt_failures (key, at);
CREATE INDEX attempt_failures_by_age ON attempt_failures (at);
