-- Issue 16: the chamber's offers live in the database (edited in /kammer, the
-- JSON files only seed an empty database and remain the import/export
-- format), businesses ask for them, and staff follow every request up.


-- Topics, regions, workshops and partners, each as its checked JSON document
-- (the catalogue file format). `revision` guards against lost edits; a retired
-- entry keeps its id (requests refer to it) but is no longer offered.
CREATE TABLE catalogue_entries (
  kind TEXT NOT NULL CHECK (kind IN ('topic', 'region', 'workshop', 'partner')),
  id TEXT NOT NULL,
  data TEXT NOT NULL CHECK (json_valid(data)),
  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  -- Workshops: the local start date-time, so "starts in the next 90 days" needs no JSON.
  starts_at TEXT,
  retired_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT;

CREATE INDEX catalogue_entries_starts ON catalogue_entries (kind, starts_at) WHERE retired_at IS NULL;

-- The catalogue's settings, one row. `version` moves with every change, so each
-- app instance reloads its cached catalogue when another one changed it.
CREATE TABLE catalogue_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sample_data INTEGER NOT NULL DEFAULT 0 CHECK (sample_data IN (0, 1)),
  operator TEXT,
  general_adviser TEXT,
  version INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The topics each result asks for (its fields of action), for the demand view.
CREATE TABLE result_demand (
  assessment_row_id INTEGER PRIMARY KEY REFERENCES results (assessment_row_id) ON DELETE CASCADE,
  topics TEXT NOT NULL CHECK (json_valid(topics))
) STRICT;

-- A business that may be contacted: consent with the version and wording of
-- the text it agreed to, and the chamber's follow-up. Erasing the check or
-- withdrawing consent deletes the row and its requests at once.
CREATE TABLE leads (
  assessment_row_id INTEGER PRIMARY KEY REFERENCES assessments (row_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  company TEXT,
  email TEXT,
  phone TEXT,
  consent_version TEXT NOT NULL,
  consent_text TEXT NOT NULL,
  consented_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'closed')),
  outcome TEXT CHECK (outcome IN ('workshop-attended', 'consultation-started', 'no-interest')),
  assignee_user_row_id INTEGER REFERENCES users (row_id) ON DELETE SET NULL,
  notes TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  -- When the business last asked for something (or consented): the inbox's order.
  last_activity_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (email IS NOT NULL OR phone IS NOT NULL),
  CHECK ((status = 'closed') = (outcome IS NOT NULL))
) STRICT;

CREATE INDEX leads_activity ON leads (last_activity_at DESC, assessment_row_id DESC);

-- What a business asked for. One click is one request: the same ask for the
-- same offer is stored once however often it is sent.
CREATE TABLE lead_requests (
  row_id INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  assessment_row_id INTEGER NOT NULL REFERENCES leads (assessment_row_id) ON DELETE CASCADE,
  offer_kind TEXT NOT NULL CHECK (offer_kind IN ('workshop', 'partner')),
  offer_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('interest', 'contact')),
  created_at TEXT NOT NULL,
  UNIQUE (assessment_row_id, offer_kind, offer_id, kind)
) STRICT;

CREATE INDEX lead_requests_offer ON lead_requests (offer_kind, offer_id);

-- Businesses that consented in their profile before this version become leads,
-- and results become contact-free (the only place contact details are kept is
-- `leads`, where withdrawing consent deletes them). Results are immutable, so
-- the guard is lifted for this one update and put back.
INSERT INTO leads (assessment_row_id, name, company, email, consent_version, consent_text, consented_at, last_activity_at, updated_at)
SELECT r.assessment_row_id, coalesce(r.contact_company, r.contact_email), r.contact_company, r.contact_email,
       r.questionnaire_id || '@' || r.questionnaire_version || '#profile.contactConsent',
       'Zustimmung im Profil des Checks (vor Version 0070 gespeichert)', r.submitted_at, r.submitted_at, r.submitted_at
FROM results r WHERE r.contact_email IS NOT NULL;

DROP TRIGGER results_are_immutable;
UPDATE results SET contact_company = NULL, contact_email = NULL WHERE contact_company IS NOT NULL OR contact_email IS NOT NULL;
CREATE TRIGGER results_are_immutable BEFORE UPDATE ON results
BEGIN
  SELECT RAISE(ABORT, 'results are immutable');
END;
