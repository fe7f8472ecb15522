/**
 * How one change from a tablet folds into a visit: every field is a
 * last-writer-wins register keyed by the change's version, so the same changes
 * in any order, any number of times, give the same visit.
 *
 * Submitting needs one more rule to stay order-independent. A submit carries
 * the final answer set (profile, answers, relevance) and replaces the visit's
 * wholesale; from then on no change alters them. Without that, a batch that
 * arrives after the submit (sent earlier, delayed) would either be lost or
 * change a stored result, depending on arrival order.
 */
import type { AnswerValue, BusinessProfile } from '../../questionnaires/engine/index.ts';
import type { SyncSet, VisitBusiness } from '../../api/visits.ts';

export interface NoteEntry {
  /** null: cleared (kept for its version). */
  text: string | null;
  version: string;
}

export interface VisitState {
  profile: BusinessProfile;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
  resumeHash: string;
  businessName: string | null;
  contactPerson: string | null;
  visitDate: string | null;
  notes: Record<string, NoteEntry>;
  /** The newest version seen per field, written or not: the registers themselves. */
  versions: Record<string, string>;
  submitRequested: boolean;
  /** Submitted: the answer set is what the business was told and never changes again. */
  submitted: boolean;
}

export interface MergeInput {
  version: string;
  create?: { resumeHash: string; visitDate: string; business: VisitBusiness };
  set?: SyncSet;
  submit?: true;
}

const present = <T>(record: Record<string, T | null> | undefined): Record<string, T> =>
  Object.fromEntries(Object.entries(record ?? {}).filter(([, v]) => v !== null)) as Record<string, T>;

function assign<T>(target: Record<string, T>, key: string, value: T | null | undefined): void {
  if (value === null || value === undefined) delete target[key];
  else target[key] = value;
}

/** The business details (and with them the real resume code) have arrived; a placeholder cannot be submitted. */
export const hasBusinessDetails = (versions: Readonly<Record<string, string>>): boolean => versions.resumeCode !== undefined;

/** Returns the visit with the change folded in; `state` is not modified. */
export function mergeChange(state: VisitState, input: MergeInput): VisitState {
  const next: VisitState = {
    ...state,
    profile: { ...state.profile },
    answers: { ...state.answers },
    relevance: { ...state.relevance },
    notes: { ...state.notes },
    versions: { ...state.versions },
  };
  const { version } = input;
  // The newest version is recorded even when the value may not change, so the registers converge too.
  const register = (field: string, apply: () => void, allowed = true) => {
    const stored = next.versions[field];
    if (stored !== undefined && stored >= version) return;
    next.versions[field] = version;
    if (allowed) apply();
  };
  const scored = (field: string, apply: () => void) => register(field, apply, !next.submitRequested && !next.submitted);
  const profile = next.profile as Record<string, unknown>;

  if (input.create) {
    const { resumeHash, visitDate, business } = input.create;
    register('resumeCode', () => (next.resumeHash = resumeHash));
    register('business.name', () => (next.businessName = business.name));
    register('business.contactPerson', () => (next.contactPerson = business.contactPerson ?? null));
    register('visitDate', () => (next.visitDate = visitDate));
    scored('profile.companyName', () => (next.profile.companyName = business.name));
    scored('profile.trade', () => (next.profile.trade = business.trade));
    scored('profile.employees', () => (next.profile.employees = business.employees));
    scored('profile.postcode', () => (next.profile.postcode = business.postcode));
  }
  const set = input.set ?? {};
  if (!input.submit) {
    for (const [key, value] of Object.entries(set.profile ?? {})) scored(`profile.${key}`, () => assign(profile, key, value));
    for (const [id, value] of Object.entries(set.answers ?? {})) scored(`answers.${id}`, () => assign(next.answers, id, value));
    for (const [id, value] of Object.entries(set.relevance ?? {})) scored(`relevance.${id}`, () => assign(next.relevance, id, value));
  }
  for (const [id, text] of Object.entries(set.notes ?? {})) {
    const stored = next.notes[id];
    if (stored === undefined || version > stored.version) next.notes[id] = { text, version };
  }
  if (input.submit) {
    register(
      'submit',
      () => {
        next.profile = present(set.profile) as BusinessProfile;
        next.answers = present(set.answers);
        next.relevance = present(set.relevance);
        next.submitRequested = true;
      },
      !next.submitted,
    );
  }
  return next;
}
