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
  /** Required items done on this page (a question with its required follow-ups counts once, as in `progressOf`). */
  answered: number;
  /** Required items on this page. */
  total: number;
  /** Required, visible and open: question ids or `profile.<field>`. */
  open: string[];
}

/** How far one page is, counted like the progress bar: required questions (or profile fields) only. */
export function stepStatus(step: Step, visibility: Visibility, values: CheckValues, progress: Progress, prepared: PreparedQuestionnaire): StepStatus {
  if (step.kind === 'review') return { answered: 0, total: 0, open: [] };
  if (step.kind === 'profile') {
    const fields = step.section.fields.filter((f) => f.required);
    return {
      answered: fields.filter((f) => values.profile[f.field] !== undefined).length,
      total: fields.length,
      open: progress.requiredOpen.filter((open) => fields.some((f) => open === `profile.${f.field}`)),
    };
  }
  const visible = visibility.visible.filter((entry) => entry.sectionId === step.id);
  const ids = new Set(visible.map((entry) => entry.question.id));
  const open = progress.requiredOpen.filter((id) => ids.has(id));
  const rootOf = (id: string) => prepared.followUpOf.get(id) ?? id;
  const items = visible.filter((entry) => entry.question.required && !prepared.followUpOf.has(entry.question.id)).map((entry) => entry.question.id);
  const openItems = new Set(open.map(rootOf));
  return { answered: items.filter((id) => !openItems.has(id)).length, total: items.length, open };
}

/**
 * Where a business that comes back continues: the review once nothing
 * required is open; else the page it was on when it last saved; else (a draft
 * from before pages were saved) the first page with a required answer open.
 */
export function whereToContinue(prepared: PreparedQuestionnaire, visibility: Visibility, values: CheckValues, progress: Progress, savedStep: string | null = null): string {
  if (progress.requiredOpen.length === 0) return REVIEW_STEP;
  const steps = stepsOf(prepared);
  if (savedStep !== null && steps.some((s) => s.id === savedStep)) return savedStep;
  for (const step of steps) {
    if (step.kind === 'review') break;
    if (stepStatus(step, visibility, values, progress, prepared).open.length > 0) return step.id;
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
