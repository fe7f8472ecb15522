/**
 * Process scouts' visits: the tablets' idempotent offline sync, the scouts'
 * list and the staff view. Joins the visit repository (SQL), the assessment
 * service (views, submission) and the engine (rules); routes only translate HTTP.
 *
 * Resume codes of visits are generated on the tablet (crypto.getRandomValues
 * over the same alphabet) and arrive in the `create` change; the server checks
 * the format and keeps only the hash, as for online checks. The scout can hand
 * the business its code on the spot, offline, and no response ever carries a
 * code. The price: the server trusts the tablet's randomness, and the code
 * waits in the tablet's outbox until the sync is acknowledged.
 */
import { randomBytes } from 'node:crypto';
import { validateAnswerSet } from '../../questionnaires/engine/index.ts';
import type { FieldCode } from '../../api/problem-codes.ts';
import type { AssessmentService } from '../assessments/assessment-service.ts';
import type { UserRecord } from '../db/account-repository.ts';
import { type AssessmentRecord, type AssessmentRepository, createAssessmentRepository } from '../db/assessment-repository.ts';
import { type StoredChange, type VisitListRow, type VisitNote, type VisitRecord, type VisitRepository, createVisitRepository } from '../db/visit-repository.ts';
import type { QuestionnaireRegistry } from '../definitions/questionnaire-registry.ts';
import { z } from 'zod';
import type { Page, PageQuery } from '../../api/pagination.ts';
import { ProblemError, fieldError, fieldErrorsOf } from '../errors.ts';
import { decodeCursor, pageFrom } from '../pagination.ts';
import { type CheckedChange, checkChanges } from './check-changes.ts';
import { type VisitState, hasBusinessDetails, mergeChange } from './merge-change.ts';
import type { SyncChange, SyncResponse, SyncResult, VisitSummary, VisitView as VisitViewShape } from '../../api/visits.ts';

interface Dependencies {
  visits: VisitRepository;
  records: AssessmentRepository;
  assessments: AssessmentService;
  questionnaires: QuestionnaireRegistry;
  now: () => Date;
  /** The longest a tablet may stay offline: replays are recognised this long, older changes are not applied. */
  syncWindowDays: number;
}

export type VisitView = VisitViewShape;

/** The repositories a sync batch writes through, bound to its transaction. */
interface Batch {
  visits: VisitRepository;
  records: AssessmentRepository;
}

/** A visit the batch has opened: as loaded, and with the batch's changes folded in. */
interface OpenVisit {
  record: AssessmentRecord;
  loaded: VisitState;
  state: VisitState;
}

const ERASED = 'erased';

/** The visit list's cursor: the last row's visit date and row id. */
const ListKey = z.tuple([z.string().nullable(), z.int().positive()]);

// Until the `create` change arrives, a visit needs some unique resume hash: a
// random one, which no resume code hashes to.
const placeholderHash = () => randomBytes(32).toString('hex');

const changeField = (index: number, field: string[], code: FieldCode, message: string) => ({ errors: [fieldError(['changes', index, ...field], code, message)] });

function stateOf(record: AssessmentRecord, visit: VisitRecord, notes: VisitNote[]): VisitState {
  return {
    profile: record.profile,
    answers: record.answers,
    relevance: record.relevance,
    resumeHash: record.resumeHash,
    businessName: visit.businessName,
    contactPerson: visit.contactPerson,
    visitDate: visit.visitDate,
    notes: Object.fromEntries(notes.map((n) => [n.dimensionId, { text: n.text, version: n.version }])),
    versions: visit.fieldVersions,
    submitRequested: visit.submitRequested,
    submitted: record.status === 'submitted',
  };
}

const scoutOf = (row: VisitListRow) => (row.scoutId === null ? null : { id: row.scoutId, name: row.scoutName ?? '' });

export function createVisitService({ visits, records, assessments, questionnaires, now, syncWindowDays }: Dependencies) {
  const windowMs = syncWindowDays * 86_400_000;

  const openVisit = async ({ visits, records }: Batch, checked: CheckedChange, user: UserRecord, at: string): Promise<OpenVisit | typeof ERASED> => {
    const { change, prepared, index } = checked;
    let record = await records.findById(change.visitId);
    if (!record) {
      // Erased (GDPR) or expired: a late change must not bring it back.
      if (await visits.wasErased(change.visitId)) return ERASED;
      // Changes may arrive before the `create`: the first one opens the visit.
      const inserted = await records.insert({
        id: change.visitId,
        resumeHash: placeholderHash(),
        questionnaireId: prepared.definition.id,
        version: prepared.definition.version,
        questionnaireHash: prepared.hash,
        channel: 'visit',
        profile: {},
        previousRowId: null,
        now: at,
      });
      await visits.insert(inserted.rowId, user.rowId, at);
      record = { ...inserted, scoutUserRowId: user.rowId };
    }
    if (record.channel !== 'visit' || record.scoutUserRowId !== user.rowId) {
      throw new ProblemError('sync.foreign-visit', 'a change is for a visit of another user; nothing was applied', changeField(index, ['visitId'], 'sync.foreign-visit', 'belongs to another user'));
    }
    const visit = await visits.find(record.rowId);
    if (!visit) throw new Error(`visit ${record.id} has no row in visits`);
    const loaded = stateOf(record, visit, await visits.notes(record.rowId));
    return { record, loaded, state: loaded };
  };

  const applyChange = async ({ visits, records }: Batch, open: OpenVisit, { change, index, fieldVersion, resumeHash }: CheckedChange) => {
    const { record } = open;
    if (record.questionnaireId !== change.questionnaireId || record.version !== change.version) {
      throw new ProblemError(
        'sync.version-mismatch',
        'a change is for another questionnaire version than its visit; nothing was applied',
        changeField(index, ['version'], 'sync.version-mismatch', `the visit uses ${record.questionnaireId} ${record.version}`),
      );
    }
    const create = change.create && { resumeHash: resumeHash!, visitDate: change.create.visitDate, business: change.create.business };
    if (create && create.resumeHash !== open.state.resumeHash) {
      const holder = await records.findByResumeHash(create.resumeHash);
      if (holder && holder.rowId !== record.rowId) {
        throw new ProblemError('sync.resume-code-taken', 'a resume code is already in use; nothing was applied', changeField(index, ['create', 'resumeCode'], 'sync.resume-code-taken', 'is already in use: generate a new one'));
      }
    }
    const next = mergeChange(open.state, { version: fieldVersion, create, set: change.set, submit: change.submit });
    // Written at once, so a second visit in this batch with the same code meets it above.
    if (next.resumeHash !== open.state.resumeHash) await visits.setResumeHash(record.rowId, next.resumeHash);
    open.state = next;
  };

  const persist = async ({ visits, records }: Batch, { record, loaded, state }: OpenVisit, at: string) => {
    if (!state.submitted) {
      const written = await records.updateDraft(record.rowId, {
        profile: state.profile,
        answers: state.answers,
        relevance: state.relevance,
        expectedRevision: record.revision,
        now: at,
      });
      if (!written) throw new Error(`visit ${record.id} changed inside its own transaction`);
    }
    await visits.update({
      rowId: record.rowId,
      businessName: state.businessName,
      contactPerson: state.contactPerson,
      visitDate: state.visitDate,
      fieldVersions: state.versions,
      submitRequested: state.submitRequested,
      updatedAt: at,
    });
    for (const [dimensionId, note] of Object.entries(state.notes)) {
      if (loaded.notes[dimensionId]?.version !== note.version) await visits.saveNote(record.rowId, { dimensionId, ...note });
    }
  };

  const replayed = (stored: StoredChange, { index, contentHash }: CheckedChange, user: UserRecord): string => {
    if (stored.userRowId !== user.rowId) {
      throw new ProblemError('sync.foreign-change', 'a change was sent by another user; nothing was applied', changeField(index, ['changeId'], 'sync.foreign-change', 'was sent by another user'));
    }
    if (stored.contentHash !== contentHash) {
      throw new ProblemError(
        'sync.change-conflict',
        'a change id was synced before with other content; nothing was applied',
        changeField(index, ['changeId'], 'sync.change-conflict', 'was already synced with other content'),
      );
    }
    return stored.response;
  };

  /** The whole batch or nothing: any 403 or 409 thrown here rolls every change back. */
  const applyBatch = async (tx: Batch, user: UserRecord, batch: readonly CheckedChange[], at: string): Promise<string[]> => {
    // Beyond the window the ledger may have forgotten a change: too old to tell from a replay, so not applied.
    const oldest = Date.parse(at) - windowMs;
    const opened = new Map<string, OpenVisit | typeof ERASED>();
    const responses: string[] = [];
    for (const checked of batch) {
      const { changeId, visitId } = checked.change;
      // Looked up change by change, so a change id twice in one batch is a replay of the first.
      const stored = await tx.visits.findChange(changeId);
      if (stored) {
        responses.push(replayed(stored, checked, user));
        continue;
      }
      let result: SyncResult;
      const open = checked.madeAt < oldest ? null : (opened.get(visitId) ?? (await openVisit(tx, checked, user, at)));
      if (open) opened.set(visitId, open);
      if (open === null) result = { changeId, visitId, applied: false, reason: 'expired' };
      else if (open === ERASED) result = { changeId, visitId, applied: false, reason: 'visit-erased' };
      else {
        await applyChange(tx, open, checked);
        result = { changeId, visitId, applied: true };
      }
      const response = JSON.stringify(result);
      await tx.visits.recordChange({ changeId, userRowId: user.rowId, visitId, contentHash: checked.contentHash, response, at });
      responses.push(response);
    }
    for (const open of opened.values()) if (open !== ERASED) await persist(tx, open, at);
    return responses;
  };

  /** Submits a visit the tablet submitted, once its business details are in and its answer set is complete. */
  const submitIfReady = async (visitId: string, user: UserRecord) => {
    const record = await records.findById(visitId);
    if (!record || record.status !== 'draft' || record.channel !== 'visit' || record.scoutUserRowId !== user.rowId) return;
    const visit = await visits.find(record.rowId);
    if (!visit?.submitRequested || !hasBusinessDetails(visit.fieldVersions)) return;
    const prepared = questionnaires.get(record.questionnaireId, record.version);
    if (!prepared) return;
    const { questionnaireId, version, profile, answers, relevance } = record;
    if (!validateAnswerSet(prepared, { questionnaireId, version, profile, answers, relevance }, { complete: true }).ok) return;
    // The online check's path: same engine, same storage, same peer benchmark.
    await assessments.submit(record);
  };

  const notesOf = async (rowId: number): Promise<Record<string, string>> =>
    Object.fromEntries((await visits.notes(rowId)).flatMap((n) => (n.text === null ? [] : [[n.dimensionId, n.text]])));

  const summaryOf = async (row: VisitListRow): Promise<VisitSummary> => {
    const record = await records.findByRowId(row.rowId);
    if (!record) throw new Error(`visit ${row.id} has no assessment`);
    const { answered, total, percent } = assessments.view(record).progress;
    return {
      id: row.id,
      businessName: row.businessName,
      contactPerson: row.contactPerson,
      visitDate: row.visitDate,
      trade: record.profile.trade ?? null,
      status: record.status,
      submitRequested: row.submitRequested,
      progress: { answered, total, percent },
      scout: scoutOf(row),
      updatedAt: row.updatedAt > record.updatedAt ? row.updatedAt : record.updatedAt,
    };
  };

  return {
    /**
     * Applies a batch of changes from a tablet in one durable transaction and
     * answers one result per change, in order. A change id seen before answers
     * its stored result, so a replay answers the same bytes.
     */
    async sync(user: UserRecord, changes: readonly SyncChange[]): Promise<SyncResponse> {
      const receivedAt = now();
      const checked = checkChanges(changes, questionnaires, receivedAt);
      if (!checked.ok) throw new ProblemError('sync.invalid-changes', 'invalid changes; nothing was applied', { errors: fieldErrorsOf(checked.issues) });
      const responses = await visits.inBatch(changes.map((c) => c.visitId), (tx) =>
        applyBatch({ visits: createVisitRepository(tx), records: createAssessmentRepository(tx) }, user, checked.value, receivedAt.toISOString()),
      );
      // After the commit: submitting derives from what is stored, and a crash in
      // between is healed by the tablet's retry, which touches the same visits.
      for (const visitId of new Set(changes.map((c) => c.visitId))) await submitIfReady(visitId, user);
      return { results: responses.map((r) => JSON.parse(r) as SyncResult) };
    },

    /** A page of a scout's own visits; staff and admins see everybody's. Newest visit date first. */
    async list(user: UserRecord, { limit, cursor }: PageQuery): Promise<Page<VisitSummary>> {
      const after = decodeCursor(cursor, ListKey);
      const rows = await visits.list(user.role === 'scout' ? user.rowId : null, after && { visitDate: after[0], rowId: after[1] }, limit + 1);
      const page = pageFrom(rows, limit, (row) => row, (row) => [row.visitDate, row.rowId]);
      return { ...page, items: await Promise.all(page.items.map(summaryOf)) };
    },

    /** The check, the business and the notes. 404 for unknown ids and online checks, 403 for another scout's visit. */
    async get(id: string, user: UserRecord): Promise<VisitView> {
      const record = await assessments.authorizeUser(id, user);
      const row = record.channel === 'visit' ? await visits.describe(record.rowId) : undefined;
      if (!row) throw new ProblemError('visit.not-found', 'no such visit');
      return {
        ...assessments.view(record),
        business: { name: row.businessName, contactPerson: row.contactPerson, visitDate: row.visitDate },
        submitRequested: row.submitRequested,
        scout: scoutOf(row),
        notes: await notesOf(record.rowId),
      };
    },

    /** Forgets ledger rows and erased visits older than the sync window; answers how many. */
    pruneLedger(): Promise<{ changes: number; erasedVisits: number }> {
      return visits.prune(new Date(now().getTime() - windowMs).toISOString());
    },

    /** What a visit adds to a check (business, contact person, notes), for the GDPR data export; null for online checks. */
    async detailsFor(record: AssessmentRecord) {
      const row = record.channel === 'visit' ? await visits.describe(record.rowId) : undefined;
      return row ? { business: { name: row.businessName, contactPerson: row.contactPerson, visitDate: row.visitDate }, notes: await notesOf(record.rowId) } : null;
    },

    /** The scout's notes per dimension, for a report that should include them. */
    notesFor(record: AssessmentRecord): Promise<Record<string, string>> {
      return notesOf(record.rowId);
    },
  };
}

export type VisitService = ReturnType<typeof createVisitService>;
