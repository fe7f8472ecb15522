-- Issue 17: outbound mail. A mail is queued here in the same transaction as
-- what caused it, and a sender works the queue; a row holds what the sender
-- needs to render the mail at sending time (ids, not the content), and is
-- deleted once the mail is sent. Failed rows stay for the admins to see
-- until they purge them or the retention deletes them.
CREATE TABLE mail_outbox (
  row_id INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'request-confirmation', 'staff-request', 'staff-digest', 'recheck-reminder')),
  recipient TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('de', 'en')),
  -- The check a mail is about: erasing the check removes its queued mail.
  assessment_row_id INTEGER REFERENCES assessments (row_id) ON DELETE CASCADE,
  -- A staff member's mail goes with the account.
  user_row_id INTEGER REFERENCES users (row_id) ON DELETE CASCADE,
  -- What the template needs beyond the check: a request id, a digest's period,
  -- a report's resume code (until sent).
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Times a lease ran out while sending (a crash): after one resend the mail is failed, never sent a third time.
  interrupted INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  failed_at TEXT
) STRICT;

CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_assessment ON mail_outbox (assessment_row_id);
CREATE INDEX mail_outbox_user ON mail_outbox (user_row_id);

-- Report mails asked for in the last hour, for the limits per check and per
-- address: the address only as a hash. Pruned after the hour.
CREATE TABLE mail_report_requests (
  row_id INTEGER PRIMARY KEY,
  assessment_row_id INTEGER NOT NULL REFERENCES assessments (row_id) ON DELETE CASCADE,
  address_hash TEXT NOT NULL,
  requested_at TEXT NOT NULL
) STRICT;

CREATE INDEX mail_report_requests_check ON mail_report_requests (assessment_row_id, requested_at);
CREATE INDEX mail_report_requests_address ON mail_report_requests (address_hash, requested_at);

-- A business that asked to be reminded of a re-check: until the reminder is
-- queued (then the row goes), or it unsubscribes, or the check is erased.
CREATE TABLE recheck_reminders (
  assessment_row_id INTEGER PRIMARY KEY REFERENCES assessments (row_id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('de', 'en')),
  due_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX recheck_reminders_due ON recheck_reminders (due_at);

-- How each staff member hears of new requests: at once, a daily digest, or not.
-- No row: the daily digest. `digest_through` is the end of the last digest's period.
CREATE TABLE staff_mail_preferences (
  user_row_id INTEGER PRIMARY KEY REFERENCES users (row_id) ON DELETE CASCADE,
  new_requests TEXT NOT NULL CHECK (new_requests IN ('immediate', 'daily', 'off')),
  locale TEXT NOT NULL CHECK (locale IN ('de', 'en')),
  digest_through TEXT,
  updated_at TEXT NOT NULL
) STRICT;
