/**
 * Pending changes to a check are kept as one patch (the API's PATCH body
 * without the revision): later changes to the same key win, `null` clears.
 */
import type { AnswerValue, BusinessProfile } from '../../questionnaires/engine/index.ts';
import type { AssessmentPatch } from '../../api/assessments.ts';

type Part = 'profile' | 'answers' | 'relevance';
const PARTS: Part[] = ['profile', 'answers', 'relevance'];

export const isEmptyPatch = (patch: AssessmentPatch): boolean =>
  patch.step === undefined && PARTS.every((part) => Object.keys(patch[part] ?? {}).length === 0);

/** `later` on top of `earlier`. */
export function mergePatches(earlier: AssessmentPatch, later: AssessmentPatch): AssessmentPatch {
  const merged: AssessmentPatch = {};
  for (const part of PARTS) {
    const values = { ...earlier[part], ...later[part] };
    if (Object.keys(values).length) Object.assign(merged, { [part]: values });
  }
  const step = later.step ?? earlier.step;
  if (step !== undefined) merged.step = step;
  return merged;
}

function applyPart<T>(base: Readonly<Record<string, T>>, changes: Readonly<Record<string, T | null | undefined>> | undefined): Record<string, T> {
  if (!changes) return base as Record<string, T>;
  const out: Record<string, T> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

export interface CheckValues {
  profile: BusinessProfile;
  answers: Record<string, AnswerValue>;
  relevance: Record<string, number>;
}

/** What the business sees: the server's state with the unsent changes on top. */
export function applyPatch(values: CheckValues, patch: AssessmentPatch): CheckValues {
  return {
    profile: applyPart(values.profile as Record<string, unknown>, patch.profile) as BusinessProfile,
    answers: applyPart(values.answers, patch.answers),
    relevance: applyPart(values.relevance, patch.relevance),
  };
}

/** `answers.kunden-website` → the patch without that key, and whether it was there. */
export function withoutPath(patch: AssessmentPatch, path: string): AssessmentPatch {
  const dot = path.indexOf('.');
  const part = path.slice(0, dot) as Part;
  const key = path.slice(dot + 1);
  if (!PARTS.includes(part) || !patch[part] || !Object.hasOwn(patch[part], key)) return patch;
  const rest = { ...patch[part] } as Record<string, unknown>;
  delete rest[key];
  return { ...patch, [part]: rest };
}

/** Whether a patch touches a path such as `profile.postcode`. */
export function patchHasPath(patch: AssessmentPatch, path: string): boolean {
  const dot = path.indexOf('.');
  const part = patch[path.slice(0, dot) as Part];
  return part !== undefined && Object.hasOwn(part, path.slice(dot + 1));
}
