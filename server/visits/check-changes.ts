/**
 * Checks a sync batch against the engine's rules before anything is written:
 * every problem is named by its path in the body, e.g.
 * `changes[3].set.answers.q12: unknown option "x"`.
 */
import {
  type AnswerValue,
  type BusinessProfile,
  type Issue,
  type PathSegment,
  type PreparedQuestionnaire,
  type Result,
  checkAnswers,
  checkProfile,
  issue,
} from '../../questionnaires/engine/index.ts';
import { hashResumeCode, isGeneratedResumeCode, normalizeResumeCode } from '../assessments/resume-code.ts';
import type { QuestionnaireRegistry } from '../definitions/questionnaire-registry.ts';
import { changeVersion, contentHash, orderingTime } from './change-identity.ts';
import type { SyncChange, SyncSet } from '../../api/visits.ts';

/** A change that passed every check, with what the transaction needs. */
export interface CheckedChange {
  index: number;
  change: SyncChange;
  prepared: PreparedQuestionnaire;
  /** The version its writes carry (`changeVersion`); not the questionnaire's. */
  fieldVersion: string;
  /** When it counts as made (ms): its hybrid clock, capped at receipt. */
  madeAt: number;
  contentHash: string;
  /** Hash of the resume code of a `create`, else null. */
  resumeHash: string | null;
}

const present = <T>(record: Record<string, T | null> | undefined): Record<string, T> =>
  Object.fromEntries(Object.entries(record ?? {}).filter(([, v]) => v !== null)) as Record<string, T>;

const under = (prefix: PathSegment[], issues: Issue[]): Issue[] => issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));

function checkSet(prepared: PreparedQuestionnaire, set: SyncSet): Issue[] {
  const answers = present<AnswerValue>(set.answers);
  const relevance = present<number>(set.relevance);
  const issues = [...checkProfile(prepared, present(set.profile) as BusinessProfile), ...checkAnswers(prepared, answers, relevance)];
  // Clearing is checked too: a null for a question the questionnaire does not have is a client bug worth naming.
  for (const [group, values] of [['answers', set.answers], ['relevance', set.relevance]] as const) {
    for (const [id, value] of Object.entries(values ?? {})) {
      if (value === null && !prepared.questionById.has(id)) issues.push(issue('unknown-question', [group, id], `unknown question "${id}"`));
    }
  }
  for (const id of Object.keys(set.notes ?? {})) {
    if (!prepared.dimensionById.has(id)) issues.push(issue('unknown-dimension', ['notes', id], `unknown dimension "${id}"`));
  }
  return issues;
}

function checkChange(change: SyncChange, prepared: PreparedQuestionnaire): { issues: Issue[]; resumeHash: string | null } {
  const issues: Issue[] = [];
  let resumeHash: string | null = null;
  if (change.create) {
    const normalized = normalizeResumeCode(change.create.resumeCode);
    // Exactly as the tablet's generator writes it, and plausibly random: a made-up code would open the check for anyone who guesses the pattern.
    if (normalized === null || !isGeneratedResumeCode(change.create.resumeCode)) {
      issues.push(issue('invalid-resume-code', ['create', 'resumeCode'], 'is not a generated resume code (7 groups of 4 random characters of the resume-code alphabet, upper case)'));
    } else resumeHash = hashResumeCode(normalized);
    const { trade, employees } = change.create.business;
    issues.push(...under(['create', 'business'], checkProfile(prepared, { trade, employees }).map((i) => ({ ...i, path: i.path.slice(1) }))));
  }
  if (change.set) issues.push(...under(['set'], checkSet(prepared, change.set)));
  if (change.submit) {
    // The final answer set travels with the submit, so a batch arriving late cannot change what is scored.
    if (!change.set) issues.push(issue('submit-without-answers', ['set'], 'a submitting change carries the final profile and answers'));
    else {
      if (!change.set.profile) issues.push(issue('submit-without-answers', ['set', 'profile'], 'a submitting change carries the final profile'));
      if (!change.set.answers) issues.push(issue('submit-without-answers', ['set', 'answers'], 'a submitting change carries the final answers'));
    }
  }
  return { issues, resumeHash };
}

export function checkChanges(changes: readonly SyncChange[], questionnaires: QuestionnaireRegistry, receivedAt: Date): Result<CheckedChange[]> {
  const issues: Issue[] = [];
  const checked: CheckedChange[] = [];
  changes.forEach((change, index) => {
    const prepared = questionnaires.get(change.questionnaireId, change.version);
    if (!prepared) {
      issues.push(
        questionnaires.latest(change.questionnaireId)
          ? issue('unknown-questionnaire', ['changes', index, 'version'], `questionnaire "${change.questionnaireId}" has no version "${change.version}"`)
          : issue('unknown-questionnaire', ['changes', index, 'questionnaireId'], `no questionnaire "${change.questionnaireId}"`),
      );
      return;
    }
    const result = checkChange(change, prepared);
    issues.push(...under(['changes', index], result.issues));
    if (result.issues.length === 0) {
      checked.push({
        index,
        change,
        prepared,
        fieldVersion: changeVersion(change, receivedAt),
        madeAt: orderingTime(change, receivedAt).wall,
        contentHash: contentHash(change, result.resumeHash),
        resumeHash: result.resumeHash,
      });
    }
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: checked };
}
