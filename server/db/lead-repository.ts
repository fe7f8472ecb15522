/**
 * All SQL about leads: businesses that consented to be contacted, what they
 * asked for, and the chamber's follow-up. A lead is keyed by its check, so
 * erasing the check (or withdrawing consent) removes it and its requests.
 */
import type { Dialect, SqlParam, SqlQueries } from './sql-client.ts';

export const LEAD_STATUSES = ['new', 'contacted', 'closed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_OUTCOMES = ['workshop-attended', 'consultation-started', 'no-interest'] as const;
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];
export type OfferKind = 'workshop' | 'partner';
export type RequestKind = 'interest' | 'contact';

export interface ContactInput {
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  consentVersion: string;
  consentText: string;
}

export interface LeadRequestRecord {
  id: string;
  offerKind: OfferKind;
  offerId: string;
  kind: RequestKind;
  createdAt: string;
}

export interface LeadRecord extends ContactInput {
  assessmentRowId: number;
  assessmentId: string;
  consentedAt: string;
  status: LeadStatus;
  outcome: LeadOutcome | null;
  assignee: { id: string; name: string; email: string } | null;
  notes: string;
  revision: number;
  lastActivityAt: string;
  updatedAt: string;
  /** From the stored result: what the inbox shows of it. */
  channel: string;
  trade: string | null;
  employees: string | null;
  region: string | null;
  overallScore: number;
  overallLevel: string;
  actionFields: string[];
  submittedAt: string;
  questionnaireId: string;
  questionnaireVersion: string;
}

export interface LeadFilters {
  status?: LeadStatus;
  /** Leads that asked for an offer on this topic. */
  topic?: string;
  region?: string;
  trade?: string;
  /** A user id, or 'none' for unassigned. */
  assignee?: string;
}

interface LeadRow {
  assessment_row_id: number;
  assessment_id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  consent_version: string;
  consent_text: string;
  consented_at: string;
  status: LeadStatus;
  outcome: LeadOutcome | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  notes: string;
  revision: number;
  last_activity_at: string;
  updated_at: string;
  channel: string;
  trade: string | null;
  employees: string | null;
  region: string | null;
  overall_score: number;
  overall_level: string;
  action_fields: string | null;
  submitted_at: string;
  questionnaire_id: string;
  questionnaire_version: string;
}

/**
 * The fields of action a lead's result names, as JSON text: the two engines
 * reach into a JSON document differently (PostgreSQL's `->` answers a JSON
 * null where SQLite's json_extract answers SQL NULL, hence the nullif).
 */
const ACTION_FIELDS: Record<Dialect, string> = {
  sqlite: "coalesce(json_extract(d.result, '$.highlights.actionFields'), json_extract(d.result, '$.referrals.focus'))",
  postgres: "coalesce(nullif(d.result::jsonb #> '{highlights,actionFields}', 'null'), nullif(d.result::jsonb #> '{referrals,focus}', 'null'))::text",
};

/** Whether a catalogue entry's `topics` array holds the parameter. */
const HAS_TOPIC: Record<Dialect, string> = {
  sqlite: "EXISTS (SELECT 1 FROM json_each(c.data, '$.topics') t WHERE t.value = ?)",
  postgres: "(c.data::jsonb -> 'topics') @> jsonb_build_array(CAST(? AS text))",
};

const selectLeads = (dialect: Dialect) => `
  SELECT l.*, a.id AS assessment_id, u.id AS assignee_id, u.name AS assignee_name, u.email AS assignee_email,
         r.channel, r.trade, r.employees, r.region, r.overall_score, r.overall_level, r.submitted_at,
         r.questionnaire_id, r.questionnaire_version,
         ${ACTION_FIELDS[dialect]} AS action_fields
  FROM leads l
  JOIN assessments a ON a.row_id = l.assessment_row_id
  JOIN results r ON r.assessment_row_id = l.assessment_row_id
  JOIN result_documents d ON d.assessment_row_id = l.assessment_row_id
  LEFT JOIN users u ON u.row_id = l.assignee_user_row_id`;

function actionFieldsOf(json: string | null): string[] {
  const parsed: unknown = json ? JSON.parse(json) : null;
  return Array.isArray(parsed) ? (parsed as string[]).slice(0, 3) : [];
}

const toLead = (row: LeadRow): LeadRecord => ({
  assessmentRowId: Number(row.assessment_row_id),
  assessmentId: row.assessment_id,
  name: row.name,
  company: row.company,
  email: row.email,
  phone: row.phone,
  consentVersion: row.consent_version,
  consentText: row.consent_text,
  consentedAt: row.consented_at,
  status: row.status,
  outcome: row.outcome,
  assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '', email: row.assignee_email ?? '' } : null,
  notes: row.notes,
  revision: row.revision,
  lastActivityAt: row.last_activity_at,
  updatedAt: row.updated_at,
  channel: row.channel,
  trade: row.trade,
  employees: row.employees,
  region: row.region,
  overallScore: row.overall_score,
  overallLevel: row.overall_level,
  actionFields: actionFieldsOf(row.action_fields),
  submittedAt: row.submitted_at,
  questionnaireId: row.questionnaire_id,
  questionnaireVersion: row.questionnaire_version,
});

interface RequestRow {
  id: string;
  offer_kind: OfferKind;
  offer_id: string;
  kind: RequestKind;
  created_at: string;
}
const toRequest = (row: RequestRow): LeadRequestRecord => ({ id: row.id, offerKind: row.offer_kind, offerId: row.offer_id, kind: row.kind, createdAt: row.created_at });

/** Keyset cursor over (last_activity_at DESC, assessment_row_id DESC). */
export const encodeCursor = (lead: Pick<LeadRecord, 'lastActivityAt' | 'assessmentRowId'>) => Buffer.from(`${lead.lastActivityAt}|${lead.assessmentRowId}`).toString('base64url');
export function decodeCursor(cursor: string): { at: string; rowId: number } | null {
  const [at, rowId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return at && rowId && /^\d+$/.test(rowId) ? { at, rowId: Number(rowId) } : null;
}

const REQUEST_COLUMNS = 'id, offer_kind, offer_id, kind, created_at';

export function createLeadRepository(sql: SqlQueries) {
  const SELECT = selectLeads(sql.dialect);
  const ORDER = 'ORDER BY l.last_activity_at DESC, l.assessment_row_id DESC';

  function where(filters: LeadFilters, after: { at: string; rowId: number } | null): { sql: string; params: SqlParam[] } {
    const clauses: string[] = [];
    const params: SqlParam[] = [];
    if (filters.status) clauses.push('l.status = ?') && params.push(filters.status);
    if (filters.region) clauses.push('r.region = ?') && params.push(filters.region);
    if (filters.trade) clauses.push('r.trade = ?') && params.push(filters.trade);
    if (filters.assignee === 'none') clauses.push('l.assignee_user_row_id IS NULL');
    else if (filters.assignee) clauses.push('u.id = ?') && params.push(filters.assignee);
    if (filters.topic) {
      clauses.push(`EXISTS (SELECT 1 FROM lead_requests q JOIN catalogue_entries c ON c.kind = q.offer_kind AND c.id = q.offer_id
                    WHERE q.assessment_row_id = l.assessment_row_id AND ${HAS_TOPIC[sql.dialect]})`);
      params.push(filters.topic);
    }
    if (after) {
      clauses.push('(l.last_activity_at < ? OR (l.last_activity_at = ? AND l.assessment_row_id < ?))');
      params.push(after.at, after.at, after.rowId);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
  const findIn = async (tx: SqlQueries, rowId: number) => {
    const row = await tx.get<LeadRow>(`${SELECT} WHERE l.assessment_row_id = ?`, [rowId]);
    return row && toLead(row);
  };

  return {
    /** Stores or renews contact details and consent; the follow-up (status, notes) stays. */
    async saveContact(rowId: number, contact: ContactInput, now: string): Promise<void> {
      // `leads.revision`: PostgreSQL finds a bare column of the target ambiguous beside `excluded`.
      await sql.run(
        `INSERT INTO leads (assessment_row_id, name, company, email, phone, consent_version, consent_text, consented_at, last_activity_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (assessment_row_id) DO UPDATE SET name = excluded.name, company = excluded.company, email = excluded.email, phone = excluded.phone,
           consent_version = excluded.consent_version, consent_text = excluded.consent_text, consented_at = excluded.consented_at,
           last_activity_at = excluded.last_activity_at, updated_at = excluded.updated_at, revision = leads.revision + 1`,
        [rowId, contact.name, contact.company, contact.email, contact.phone, contact.consentVersion, contact.consentText, now, now, now],
      );
    },
    find(rowId: number): Promise<LeadRecord | undefined> {
      return findIn(sql, rowId);
    },
    /** Withdrawn consent: the lead and its requests are gone at once. */
    async delete(rowId: number): Promise<boolean> {
      return (await sql.run('DELETE FROM leads WHERE assessment_row_id = ?', [rowId])).changes === 1;
    },
    /**
     * One request per check, offer and kind: a repeat answers the first one.
     * `whenCreated` runs inside the same transaction (the mail a new request
     * causes is queued with it, or neither is stored).
     */
    addRequest(
      rowId: number,
      request: Omit<LeadRequestRecord, 'createdAt'>,
      now: string,
      whenCreated?: (stored: LeadRequestRecord, tx: SqlQueries) => Promise<void>,
    ): Promise<{ request: LeadRequestRecord; created: boolean }> {
      return sql.transaction(async (tx) => {
        const inserted = await tx.run(
          `INSERT INTO lead_requests (id, assessment_row_id, offer_kind, offer_id, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
          [request.id, rowId, request.offerKind, request.offerId, request.kind, now],
        );
        const created = inserted.changes === 1;
        if (created) await tx.run('UPDATE leads SET last_activity_at = ? WHERE assessment_row_id = ?', [now, rowId]);
        const row = await tx.get<RequestRow>(
          `SELECT ${REQUEST_COLUMNS} FROM lead_requests WHERE assessment_row_id = ? AND offer_kind = ? AND offer_id = ? AND kind = ?`,
          [rowId, request.offerKind, request.offerId, request.kind],
        );
        const stored = toRequest(row!);
        if (created) await whenCreated?.(stored, tx);
        return { request: stored, created };
      });
    },
    /** A request id used before, by any check: the same id may not mean two things. */
    async requestOwner(id: string): Promise<{ rowId: number; request: LeadRequestRecord } | undefined> {
      const row = await sql.get<RequestRow & { assessment_row_id: number }>(`SELECT ${REQUEST_COLUMNS}, assessment_row_id FROM lead_requests WHERE id = ?`, [id]);
      return row && { rowId: Number(row.assessment_row_id), request: toRequest(row) };
    },
    async requests(rowId: number): Promise<LeadRequestRecord[]> {
      return (await sql.all<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM lead_requests WHERE assessment_row_id = ? ORDER BY created_at, row_id`, [rowId])).map(toRequest);
    },
    async deleteRequest(rowId: number, id: string): Promise<boolean> {
      return (await sql.run('DELETE FROM lead_requests WHERE assessment_row_id = ? AND id = ?', [rowId, id])).changes === 1;
    },
    /** Newest activity first, `limit` at a time. */
    async page(filters: LeadFilters, limit: number, after: { at: string; rowId: number } | null): Promise<LeadRecord[]> {
      const { sql: clause, params } = where(filters, after);
      return (await sql.all<LeadRow>(`${SELECT} ${clause} ${ORDER} LIMIT ?`, [...params, limit])).map(toLead);
    },
    /** Every lead matching the filters, for the export: one statement, so one consistent view. */
    async all(filters: LeadFilters): Promise<LeadRecord[]> {
      const { sql: clause, params } = where(filters, null);
      return (await sql.all<LeadRow>(`${SELECT} ${clause} ${ORDER}`, params)).map(toLead);
    },
    /** Writes the follow-up if nobody else did since `expectedRevision`. */
    async update(rowId: number, change: { status: LeadStatus; outcome: LeadOutcome | null; assigneeRowId: number | null; notes: string }, expectedRevision: number, now: string): Promise<boolean> {
      const { changes } = await sql.run(
        `UPDATE leads SET status = ?, outcome = ?, assignee_user_row_id = ?, notes = ?, updated_at = ?, revision = revision + 1
         WHERE assessment_row_id = ? AND revision = ?`,
        [change.status, change.outcome, change.assigneeRowId, change.notes, now, rowId, expectedRevision],
      );
      return changes === 1;
    },
    /** The businesses that asked about one offer, in the order they asked. */
    async interestedIn(kind: OfferKind, id: string): Promise<(LeadRecord & { requestKind: RequestKind; requestedAt: string })[]> {
      const rows = await sql.all<LeadRow & { request_kind: RequestKind; request_at: string }>(
        `SELECT q.kind AS request_kind, q.created_at AS request_at, x.* FROM lead_requests q
         JOIN (${SELECT}) x ON x.assessment_row_id = q.assessment_row_id
         WHERE q.offer_kind = ? AND q.offer_id = ? ORDER BY q.created_at, q.row_id`,
        [kind, id],
      );
      return rows.map((row) => ({ ...toLead(row), requestKind: row.request_kind, requestedAt: row.request_at }));
    },
  };
}

export type LeadRepository = ReturnType<typeof createLeadRepository>;
