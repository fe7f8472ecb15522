/**
 * The pages of a check, in order: one per questionnaire section (the profile
 * first), then the review; the result comes after submitting. Each page has
 * its own URL: /check/<id>/<step>.
 */
import type { DimensionSection, PreparedQuestionnaire, ProfileSection } from '../../questionnaires/engine/index.ts';
import type { CheckValues } from './patches.ts';
import type { Progress, Visibility } from '../../questionnaires/engine/index.ts';

export const REVIEW_STEP = 'pruefen';
export const RESULT_STEP = 'ergebnis';

export type Step =
  | { id: string; kind: 'profile'; section: ProfileSection }
  | { id: string; kind: 'dimension'; section: DimensionSection }
  | { id: typeof REVIEW_STEP; kind: 'review' };

export function stepsOf(prepared: PreparedQuestionnaire): Step[] {
  const steps: Step[] = prepared.definition.sections.map((section) =>
    section.kind === 'profile' ? { id: section.id, kind: 'profile', section } : { id: section.id, kind: 'dimension', section },
  );
  steps.push({ id: REVIEW_STEP, kind: 'review' });
  return steps;
}

export interface StepStatus {
  answered: number;
  total: number;
  /** Required, visible and open: question ids or `profile.<field>`. */
  open: string[];
}

/** How far one page is: its visible questions (or profile fields) and what is still required there. */
export function stepStatus(step: Step, visibility: Visibility, values: CheckValues, progress: Progress): StepStatus {
  if (step.kind === 'review') return { answered: 0, total: 0, open: [] };
  if (step.kind === 'profile') {
    const fields = step.section.fields;
    return {
      answered: fields.filter((f) => values.profile[f.field] !== undefined).length,
      total: fields.length,
      open: progress.requiredOpen.filter((open) => fields.some((f) => open === `profile.${f.field}`)),
    };
  }
  const visible = visibility.visible.filter((entry) => entry.sectionId === step.id);
  const ids = new Set(visible.map((entry) => entry.question.id));
  return {
    answered: visible.filter((entry) => visibility.effectiveAnswers.has(entry.question.id)).length,
    total: visible.length,
    open: progress.requiredOpen.filter((open) => ids.has(open)),
  };
}

/** Where a business that comes back continues: the first page with a visible question still unanswered. */
export function whereToContinue(prepared: PreparedQuestionnaire, visibility: Visibility, values: CheckValues, progress: Progress): string {
  for (const step of stepsOf(prepared)) {
    if (step.kind === 'review') break;
    const status = stepStatus(step, visibility, values, progress);
    if (status.open.length > 0 || (step.kind === 'dimension' && status.answered < status.total)) return step.id;
  }
  return REVIEW_STEP;
}

/** The page a required item lives on: a question id or `profile.<field>`. */
export function stepOfItem(prepared: PreparedQuestionnaire, item: string): string | null {
  if (item.startsWith('profile.')) {
    const field = item.slice('profile.'.length);
    const section = prepared.definition.sections.find((s) => s.kind === 'profile' && s.fields.some((f) => f.field === field));
    return section?.id ?? null;
  }
  return prepared.questionById.get(item)?.sectionId ?? null;
}
