/**
 * A visit as the tablet keeps it: the business, answers, ratings and notes as
 * last edited here, and how far its submit has come. Once the server confirms
 * the submit, only what the visit list needs stays on the tablet.
 */
import type { AnswerValue, BusinessProfile, ScoredResult } from '../../../questionnaires/engine/index.ts';
import type { VisitBusiness, VisitSummary } from '../../api/scout-api.ts';

/**
 * draft: being filled in; submitting: submitted on the tablet, the server has
 * not confirmed it yet; submitted: the server holds the result.
 */
export type VisitStatus = 'draft' | 'submitting' | 'submitted';

export interface LocalVisit {
  id: string;
  userId: string;
  questionnaireId: string;
  version: string;
  /** Made on the tablet; null once the server confirmed the submit (the business has it, the tablet forgets it). */
  resumeCode: string | null;
  visitDate: string;
  business: VisitBusiness;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
  notes: Record<string, string>;
  status: VisitStatus;
  /** Scored in the browser at submit with the shared engine: shown as provisional until the server confirms. */
  localResult: ScoredResult | null;
  /** The server's overall score once confirmed: all the list needs. */
  score: { overall: number; level: string; submittedAt: string } | null;
  createdAt: string;
  updatedAt: string;
  /** The server has acknowledged at least one of its changes: it knows this visit. */
  acknowledged: boolean;
  /** Answers, notes and the code were removed after the server confirmed the submit. */
  cleared: boolean;
}

/** The profile the questionnaire sees: the business details the scout entered. */
export const profileOf = (business: VisitBusiness): BusinessProfile => ({
  companyName: business.name,
  trade: business.trade,
  employees: business.employees,
  postcode: business.postcode,
});

/** What stays after the server confirmed the submit. */
export function clearedVisit(visit: LocalVisit, score: LocalVisit['score'], now: string): LocalVisit {
  return {
    ...visit,
    resumeCode: null,
    answers: {},
    relevance: {},
    notes: {},
    localResult: null,
    business: { name: visit.business.name, trade: visit.business.trade, employees: visit.business.employees, postcode: visit.business.postcode },
    status: 'submitted',
    score,
    updatedAt: now,
    cleared: true,
  };
}

export type SyncState = 'local-only' | 'waiting' | 'synced';

export interface VisitListItem {
  id: string;
  businessName: string;
  visitDate: string | null;
  trade: string | null;
  status: VisitStatus;
  /** Changes of this visit still in the outbox. */
  pending: number;
  sync: SyncState;
  /** Kept on this tablet (can be opened offline). */
  local: boolean;
  progress: number | null;
  updatedAt: string;
}

/**
 * The visit list: this tablet's visits (also those the server has never seen)
 * and the server's (visits from another device, or cleared here), newest
 * visit date first. For a visit both know, the tablet's state wins while
 * changes are waiting; the server's status wins once it says submitted.
 */
export function mergeVisitLists(
  local: readonly LocalVisit[],
  server: readonly VisitSummary[] | null,
  pending: Readonly<Record<string, number>>,
): VisitListItem[] {
  const fromServer = new Map((server ?? []).map((s) => [s.id, s]));
  const items: VisitListItem[] = local.map((visit) => {
    const remote = fromServer.get(visit.id);
    fromServer.delete(visit.id);
    const waiting = pending[visit.id] ?? 0;
    const status: VisitStatus = remote?.status === 'submitted' ? 'submitted' : visit.status;
    return {
      id: visit.id,
      businessName: visit.business.name,
      visitDate: visit.visitDate,
      trade: visit.business.trade,
      status,
      pending: waiting,
      sync: waiting > 0 ? (remote || visit.acknowledged ? 'waiting' : 'local-only') : 'synced',
      local: !visit.cleared,
      progress: remote && waiting === 0 ? remote.progress.percent : null,
      updatedAt: visit.updatedAt,
    };
  });
  for (const remote of fromServer.values()) {
    items.push({
      id: remote.id,
      businessName: remote.businessName ?? '',
      visitDate: remote.visitDate,
      trade: remote.trade,
      status: remote.status === 'submitted' ? 'submitted' : remote.submitRequested ? 'submitting' : 'draft',
      pending: 0,
      sync: 'synced',
      local: false,
      progress: remote.progress.percent,
      updatedAt: remote.updatedAt,
    });
  }
  return items.sort((a, b) => (b.visitDate ?? '').localeCompare(a.visitDate ?? '') || b.updatedAt.localeCompare(a.updatedAt));
}
