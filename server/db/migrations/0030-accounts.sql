-- Accounts for chamber staff, admins and process scouts; server-side sessions
-- (so logout and disabling a user end them at once); the audit log.
CREATE TABLE users (
  row_id INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'scout')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  -- SHA-256 of the cookie's random id: a copy of the database opens no session.
  id_hash TEXT PRIMARY KEY,
  user_row_id INTEGER NOT NULL REFERENCES users (row_id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_user ON sessions (user_row_id);

CREATE TABLE audit_log (
  row_id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_user_id TEXT,
  actor_email TEXT,
  action TEXT NOT NULL,
  subject TEXT,
  details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);

-- Scouts record visits; the check behind a visit is an ordinary assessment.
ALTER TABLE assessments ADD COLUMN scout_user_row_id INTEGER REFERENCES users (row_id) ON DELETE SET NULL;
CREATE INDEX assessments_scout ON assessments (scout_user_row_id);
