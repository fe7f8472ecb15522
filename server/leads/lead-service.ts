/**
 * Asking for help and following it up: a business gives contact details and
 * consent on its result page, asks for workshops and partners (one click is
 * one request, however often it is sent), sees and withdraws what it asked
 * for; staff see every such business in the inbox, whatever its group size.
 */
import { randomUUID } from 'node:crypto';
import type { PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import type { AccountRepository } from '../db/account-repository.ts';
import type { AssessmentRecord } from '../db/assessment-repository.ts';
import type { CatalogueRepository } from '../db/catalogue-repository.ts';
import type { SqlQueries } from '../db/sql-client.ts';
import {
  type LeadFilters,
  type LeadOutcome,
  type LeadRecord,
  type LeadRepository,
  type LeadRequestRecord,
  type LeadStatus,
  type OfferKind,
  type RequestKind,
  decodeCursor,
  encodeCursor,
} from '../db/lead-repository.ts';
import type { FieldCode, ProblemCode } from '../../api/problem-codes.ts';
import { ProblemError, fieldError } from '../errors.ts';
import { CONTACT_CONSENT, profileConsentVersion } from './consent.ts';

export interface ContactBody {
  name: string;
  email?: string;
  phone?: string;
  consentVersion: string;
}

export interface RequestBody {
  requestId?: string;
  /** The business's language, for the confirmation mail. */
  locale?: 'de' | 'en';
  offerKind: OfferKind;
  offerId: string;
  kind: RequestKind;
}

export interface LeadPatch {
  revision: number;
  status?: LeadStatus;
  outcome?: LeadOutcome | null;
  assigneeId?: string | null;
  notes?: string;
}

/** A request with the offer's title as the catalogue has it (retired offers keep theirs). */
export interface RequestView extends LeadRequestRecord {
  title: { de: string; en?: string };
  start: string | null;
  retired: boolean;
}

interface Dependencies {
  leads: LeadRepository;
  catalogue: CatalogueRepository;
  accounts: AccountRepository;
  questionnaireFor: (id: string, version: string) => PreparedQuestionnaire | undefined;
  now: () => Date;
  /** Inside the transaction (`tx`) that stores a new request: queues the mails it causes (issue 17). */
  onRequestCreated?: (tx: SqlQueries, lead: LeadRecord, request: LeadRequestRecord, locale: 'de' | 'en') => Promise<void>;
  /** After that transaction has committed: what it queued may go out now. */
  afterRequestCommitted?: () => void;
}

const field = (code: ProblemCode, path: string, fieldCode: FieldCode, message: string) => new ProblemError(code, message, { errors: [fieldError([path], fieldCode, message)] });

export function createLeadService({ leads, catalogue, accounts, questionnaireFor, now, onRequestCreated, afterRequestCommitted }: Dependencies) {
  const timestamp = () => now().toISOString();

  const requestView = async (request: LeadRequestRecord): Promise<RequestView> => {
    const entry = await catalogue.find(request.offerKind, request.offerId);
    const data = (entry?.data ?? {}) as { title?: { de: string; en?: string }; name?: { de: string; en?: string }; start?: string };
    return { ...request, title: data.title ?? data.name ?? { de: request.offerId }, start: data.start ?? null, retired: !entry || entry.retiredAt !== null };
  };

  const requestViews = async (requests: readonly LeadRequestRecord[]): Promise<RequestView[]> => Promise.all(requests.map(requestView));

  const leadView = async (lead: LeadRecord) => {
    const { assessmentRowId: _rowId, ...rest } = lead;
    return { ...rest, id: lead.assessmentId, requests: await requestViews(await leads.requests(lead.assessmentRowId)) };
  };

  const submitted = (record: AssessmentRecord) => {
    if (record.status !== 'submitted') throw new ProblemError('assessment.not-submitted', 'this check has not been submitted yet');
  };

  return {
    consentText: () => CONTACT_CONSENT,

    /** What the business has given and asked for: its own view, with its resume code. */
    async mine(record: AssessmentRecord) {
      const lead = await leads.find(record.rowId);
      if (!lead) return { contact: null, requests: [] as RequestView[] };
      return {
        contact: { name: lead.name, email: lead.email, phone: lead.phone, consentVersion: lead.consentVersion, consentedAt: lead.consentedAt },
        requests: await requestViews(await leads.requests(record.rowId)),
      };
    },

    /** Contact details and consent from the result page; the consent must be the text in force. */
    async saveContact(record: AssessmentRecord, body: ContactBody) {
      submitted(record);
      if (body.consentVersion !== CONTACT_CONSENT.version) throw field('contact.invalid', 'consentVersion', 'contact.consent-version', `must be the consent text in force, "${CONTACT_CONSENT.version}"`);
      if (!body.email && !body.phone) throw field('contact.invalid', 'email', 'contact.channel-required', 'give an e-mail address or a phone number');
      await leads.saveContact(
        record.rowId,
        {
          name: body.name,
          company: record.profile.companyName ?? null,
          email: body.email ?? null,
          phone: body.phone ?? null,
          consentVersion: CONTACT_CONSENT.version,
          consentText: CONTACT_CONSENT.text.de,
        },
        timestamp(),
      );
      return this.mine(record);
    },

    /** A check submitted with the profile's consent and an e-mail address is a lead from the start. */
    async fromProfile(record: AssessmentRecord): Promise<void> {
      const { contactConsent, email, companyName } = record.profile;
      if (contactConsent !== true || !email) return;
      const prepared = questionnaireFor(record.questionnaireId, record.version);
      const spec = prepared?.definition.sections.flatMap((s) => (s.kind === 'profile' ? s.fields : [])).find((f) => f.field === 'contactConsent');
      await leads.saveContact(
        record.rowId,
        {
          name: companyName ?? email,
          company: companyName ?? null,
          email,
          phone: null,
          consentVersion: profileConsentVersion(record.questionnaireId, record.version),
          consentText: spec?.text.de ?? 'contactConsent',
        },
        timestamp(),
      );
    },

    async withdrawConsent(record: AssessmentRecord): Promise<void> {
      await leads.delete(record.rowId);
    },

    /** One click is one request: the same ask for the same offer answers the first one (created: false). */
    async request(record: AssessmentRecord, body: RequestBody): Promise<{ request: RequestView; created: boolean }> {
      submitted(record);
      const lead = await leads.find(record.rowId);
      if (!lead) throw new ProblemError('contact.required', 'give contact details and consent first (PUT /api/assessments/:id/contact)', { extension: { needsContact: true } });
      const entry = await catalogue.find(body.offerKind, body.offerId);
      if (!entry || entry.retiredAt !== null) throw field('help-request.invalid', 'offerId', 'help-request.not-offered', `no ${body.offerKind} "${body.offerId}" is on offer`);
      if (body.offerKind === 'workshop' && String(entry.data.start).slice(0, 10) < timestamp().slice(0, 10)) throw field('help-request.invalid', 'offerId', 'help-request.not-offered', 'this workshop has already taken place');
      if (body.requestId) {
        const owner = await leads.requestOwner(body.requestId);
        if (owner && (owner.rowId !== record.rowId || owner.request.offerId !== body.offerId || owner.request.kind !== body.kind || owner.request.offerKind !== body.offerKind)) {
          throw new ProblemError('help-request.id-conflict', 'this request id was used for another request');
        }
      }
      const { request, created } = await leads.addRequest(
        record.rowId,
        { id: body.requestId ?? randomUUID(), offerKind: body.offerKind, offerId: body.offerId, kind: body.kind },
        timestamp(),
        async (stored, tx) => onRequestCreated?.(tx, lead, stored, body.locale ?? 'de'),
      );
      if (created) afterRequestCommitted?.();
      return { request: await requestView(request), created };
    },

    async withdrawRequest(record: AssessmentRecord, requestId: string): Promise<void> {
      if (!(await leads.deleteRequest(record.rowId, requestId))) throw new ProblemError('help-request.not-found', 'no such request');
    },

    /** The inbox: newest activity first, a page at a time. */
    async page(filters: LeadFilters, limit: number, cursor: string | undefined) {
      const after = cursor === undefined ? null : decodeCursor(cursor);
      if (cursor !== undefined && !after) throw new ProblemError('request.invalid', 'not a cursor from a previous page', { errors: [fieldError(['cursor'], 'field.invalid', 'is not a cursor from a previous page', 'query')] });
      const rows = await leads.page(filters, limit + 1, after);
      const items = rows.slice(0, limit);
      return { items: await Promise.all(items.map(leadView)), nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!) : null };
    },

    all(filters: LeadFilters) {
      return leads.all(filters);
    },

    requestsOf: async (lead: LeadRecord) => requestViews(await leads.requests(lead.assessmentRowId)),

    async get(record: AssessmentRecord) {
      const lead = await leads.find(record.rowId);
      if (!lead) throw new ProblemError('lead.not-found', 'no lead for this check');
      return leadView(lead);
    },

    /** Status, outcome, assignee and notes; a stale revision answers 409 with the current lead. */
    async update(record: AssessmentRecord, patch: LeadPatch) {
      const lead = await leads.find(record.rowId);
      if (!lead) throw new ProblemError('lead.not-found', 'no lead for this check');
      if (lead.revision !== patch.revision) throw new ProblemError('lead.revision-conflict', 'the lead was changed by someone else; reload and apply your change again', { extension: { current: await leadView(lead) } });
      const status = patch.status ?? lead.status;
      const outcome = status === 'closed' ? (patch.outcome === undefined ? lead.outcome : patch.outcome) : null;
      if (status === 'closed' && !outcome) throw field('lead.invalid', 'outcome', 'lead.outcome-required', 'a closed lead needs an outcome: workshop-attended, consultation-started or no-interest');
      let assigneeRowId: number | null;
      if (patch.assigneeId === undefined) assigneeRowId = lead.assignee ? ((await accounts.findUserById(lead.assignee.id))?.rowId ?? null) : null;
      else if (patch.assigneeId === null) assigneeRowId = null;
      else {
        const user = await accounts.findUserById(patch.assigneeId);
        if (!user || user.disabled || (user.role !== 'staff' && user.role !== 'admin')) throw field('lead.invalid', 'assigneeId', 'lead.unknown-assignee', 'is not an active staff user');
        assigneeRowId = user.rowId;
      }
      const written = await leads.update(record.rowId, { status, outcome, assigneeRowId, notes: patch.notes ?? lead.notes }, patch.revision, timestamp());
      if (!written) throw new ProblemError('lead.revision-conflict', 'the lead was changed by someone else; reload and apply your change again', { extension: { current: await leadView((await leads.find(record.rowId))!) } });
      return { before: await leadView(lead), after: await leadView((await leads.find(record.rowId))!) };
    },

    async interested(kind: OfferKind, id: string) {
      if (!(await catalogue.find(kind, id))) throw new ProblemError('offer.not-found', `no ${kind} "${id}"`);
      return leads.interestedIn(kind, id);
    },

    /** Staff and admins a lead can be assigned to. */
    async assignees() {
      return (await accounts.listUsers('', 1000))
        .filter((u) => !u.disabled && (u.role === 'staff' || u.role === 'admin'))
        .map((u) => ({ id: u.id, name: u.name, email: u.email }));
    },
  };
}

export type LeadService = ReturnType<typeof createLeadService>;
