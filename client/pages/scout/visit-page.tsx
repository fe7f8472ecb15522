import { useEffect } from 'preact/hooks';
import type { DimensionSection, PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { progressOf, resolveVisibility } from '../../../questionnaires/engine/visibility.ts';
import { BusinessVoice, SOLO, TEAM, useApp, useI18n } from '../../app-context.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { isSoloBusiness } from '../../../questionnaires/engine/localize.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { ProgressBar } from '../../components/progress-bar/progress-bar.tsx';
import { QuestionField } from '../../components/question-field/question-field.tsx';
import type { Translator } from '../../state/i18n.ts';
import { type LocalVisit, profileOf } from '../../state/scout/visit-records.ts';
import { BusinessForm } from './business-form.tsx';
import { HandoverCode } from './handover-code.tsx';
import { NotesField } from './notes-field.tsx';
import { useScout } from './scout-context.ts';
import { ScoutLayout } from './scout-layout.tsx';
import { BUSINESS_STEP, RESULT_STEP, REVIEW_STEP, scoutListPath, visitPath } from './scout-routes.ts';
import { usePrepared } from './use-prepared.ts';
import { VisitResult } from './visit-result.tsx';
import { VisitReview } from './visit-review.tsx';

export interface VisitStep {
  id: string;
  kind: 'business' | 'dimension' | 'review';
  section?: DimensionSection;
}

/** Business, one page per dimension, completion: the online check's pages, with the business form first. */
export function visitSteps(prepared: PreparedQuestionnaire): VisitStep[] {
  return [
    { id: BUSINESS_STEP, kind: 'business' },
    ...prepared.dimensionSections.map((section): VisitStep => ({ id: section.id, kind: 'dimension', section })),
    { id: REVIEW_STEP, kind: 'review' },
  ];
}

export const stepTitle = (step: VisitStep, prepared: PreparedQuestionnaire, i18n: Translator, short = false): string => {
  if (step.kind === 'business') return i18n.t('scout.stepBusiness');
  if (step.kind === 'review') return i18n.t('scout.stepReview');
  const dimension = prepared.dimensionById.get(step.section!.dimension);
  return short && dimension?.shortTitle ? i18n.text(dimension.shortTitle) : i18n.text(step.section!.title);
};

/** Where a visit continues: the first dimension page with a visible question unanswered, else completion. */
function continueAt(visit: LocalVisit, prepared: PreparedQuestionnaire): string {
  const { visible, effectiveAnswers } = resolveVisibility(prepared, visit.answers, profileOf(visit.business));
  const open = visible.find((entry) => !effectiveAnswers.has(entry.question.id));
  return open ? open.sectionId : REVIEW_STEP;
}

/** /scout/besuch/<id>/<step>: a visit on this tablet, or the result of one the server holds. */
export function VisitPage({ id, step }: { id: string; step: string | null }) {
  const app = useApp();
  const scout = useScout();
  const i18n = useI18n();
  const visit = scout.visits.value.find((v) => v.id === id);
  const loaded = usePrepared(visit?.questionnaireId, visit?.version);
  const prepared = loaded.kind === 'ready' ? loaded.value : null;

  const target = !visit || !prepared ? null : visit.status !== 'draft' ? (step === RESULT_STEP ? null : RESULT_STEP) : step === null || !visitSteps(prepared).some((s) => s.id === step) ? continueAt(visit, prepared) : null;
  useEffect(() => {
    if (target) app.navigate(visitPath(id, target), { replace: true });
  }, [target]);

  // Not on this tablet: a visit the server holds (from another device, or cleared here) can still show its result.
  if (!visit) {
    if (step === RESULT_STEP) return <VisitResult id={id} visit={null} prepared={null} />;
    return (
      <ScoutLayout>
        <Notice kind="error">{i18n.t('scout.notFound')}</Notice>
        <Link class="button" href={scoutListPath()}>
          {i18n.t('scout.toList')}
        </Link>
      </ScoutLayout>
    );
  }
  if (loaded.kind === 'failed') {
    return (
      <ScoutLayout>
        <Notice kind="error">{i18n.t('scout.reviewNeedsData')}</Notice>
      </ScoutLayout>
    );
  }
  if (!prepared || target) {
    return (
      <ScoutLayout>
        <p class="loading" role="status">
          {i18n.t('scout.loading')}
        </p>
      </ScoutLayout>
    );
  }
  // The owner alone reads the one-person wording, as in the web app.
  return (
    <BusinessVoice.Provider value={isSoloBusiness(prepared.definition, visit.business.employees) ? SOLO : TEAM}>
      {step === RESULT_STEP ? <VisitResult id={id} visit={visit} prepared={prepared} /> : <VisitStepView visit={visit} prepared={prepared} stepId={step!} />}
    </BusinessVoice.Provider>
  );
}

function VisitStepView({ visit, prepared, stepId }: { visit: LocalVisit; prepared: PreparedQuestionnaire; stepId: string }) {
  const app = useApp();
  const scout = useScout();
  const i18n = useI18n();
  const steps = visitSteps(prepared);
  const index = steps.findIndex((s) => s.id === stepId);
  const step = steps[index]!;
  const previous = steps[index - 1];
  const next = steps[index + 1];
  const profile = profileOf(visit.business);
  const progress = progressOf(prepared, visit.answers, profile);

  // A jump from the completion page: bring that question into view and focus its first input.
  useEffect(() => {
    const anchor = window.location.hash.replace(/^#/, '');
    if (!anchor) return;
    const element = document.getElementById(anchor);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    (element.querySelector<HTMLElement>('input, textarea, select') ?? element).focus({ preventScroll: true });
  }, [stepId]);

  return (
    <ScoutLayout>
      <div class="visit">
        <p class="visit__business">
          <span class="visit__business-name">{visit.business.name}</span>
          <span class="visit__business-date">{i18n.date(visit.visitDate)}</span>
        </p>
        <StepChips steps={steps} current={step.id} visit={visit} prepared={prepared} />
        <div class="visit__progress">
          <ProgressBar progress={progress} />
        </div>
        {step.kind === 'business' ? (
          <div class="scout-narrow">
            <PageHeading eyebrow={i18n.t('check.stepOf', { step: index + 1, total: steps.length })}>{i18n.t('scout.businessTitle')}</PageHeading>
            {visit.resumeCode === null ? <Notice>{i18n.t('scout.businessLocked')}</Notice> : null}
            <HandoverCode code={visit.resumeCode} onNewCode={() => scout.issueNewCode(visit.id)} />
            <div class="card">
              <BusinessForm
                prepared={prepared}
                initial={{ business: visit.business, visitDate: visit.visitDate }}
                submitLabel={i18n.t('scout.businessSave')}
                disabled={visit.resumeCode === null}
                onSubmit={async (input) => {
                  await scout.updateBusiness(visit.id, input);
                  app.navigate(visitPath(visit.id, next!.id));
                }}
              />
            </div>
          </div>
        ) : null}
        {step.kind === 'dimension' ? <DimensionStep visit={visit} prepared={prepared} step={step} index={index} total={steps.length} /> : null}
        {step.kind === 'review' ? <VisitReview visit={visit} prepared={prepared} eyebrow={i18n.t('check.stepOf', { step: index + 1, total: steps.length })} /> : null}
        <nav class="step-nav" aria-label={i18n.t('check.stepNavigation')}>
          {previous ? (
            <Link class="button button--quiet" href={visitPath(visit.id, previous.id)}>
              <span aria-hidden="true">← </span>
              {i18n.t('check.back')}
            </Link>
          ) : (
            <Link class="button button--quiet" href={scoutListPath()}>
              <span aria-hidden="true">← </span>
              {i18n.t('scout.toList')}
            </Link>
          )}
          {next && step.kind !== 'business' ? (
            <Link class="button button--primary" href={visitPath(visit.id, next.id)}>
              {next.kind === 'review' ? i18n.t('scout.stepReview') : i18n.t('check.next')}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : null}
        </nav>
      </div>
    </ScoutLayout>
  );
}

function DimensionStep({ visit, prepared, step, index, total }: { visit: LocalVisit; prepared: PreparedQuestionnaire; step: VisitStep; index: number; total: number }) {
  const scout = useScout();
  const i18n = useI18n();
  const section = step.section!;
  const { visible } = resolveVisibility(prepared, visit.answers, profileOf(visit.business));
  const questions = visible.filter((entry) => entry.sectionId === section.id);
  const relevanceQuestion = prepared.definition.relevanceQuestion;
  return (
    <div class="visit__body">
      <div class="visit__main">
        <PageHeading eyebrow={i18n.t('check.stepOf', { step: index + 1, total })}>{i18n.text(section.title)}</PageHeading>
        {section.intro ? <p class="lead">{i18n.text(section.intro)}</p> : null}
        <div class="questions">
          {questions.map((entry, i) => (
            <QuestionField
              key={entry.question.id}
              question={entry.question}
              number={i + 1}
              value={visit.answers[entry.question.id]}
              relevance={visit.relevance[entry.question.id]}
              relevanceQuestion={relevanceQuestion}
              onAnswer={(value) => scout.setAnswer(visit.id, entry.question.id, value)}
              onRelevance={(rating) => scout.setRelevance(visit.id, entry.question.id, rating)}
            />
          ))}
        </div>
      </div>
      <aside class="visit__aside">
        <NotesField visit={visit} dimensionId={section.dimension} title={i18n.text(prepared.dimensionById.get(section.dimension)?.title)} />
        {/* The business gets its code as soon as the visit exists, not only at the end: a tablet can break or be swapped. */}
        {index === 1 ? <HandoverCode code={visit.resumeCode} onNewCode={() => scout.issueNewCode(visit.id)} /> : null}
      </aside>
    </div>
  );
}

/** All steps as a row of links with how far each is; wraps on a portrait tablet. */
function StepChips({ steps, current, visit, prepared }: { steps: VisitStep[]; current: string; visit: LocalVisit; prepared: PreparedQuestionnaire }) {
  const i18n = useI18n();
  const scout = useScout();
  const { visible, effectiveAnswers } = resolveVisibility(prepared, visit.answers, profileOf(visit.business));
  const waiting = scout.pending.value[visit.id] ?? 0;
  return (
    <nav class="step-chips" aria-label={i18n.t('scout.steps')}>
      <ol>
        {steps.map((step) => {
          const here = step.id === current;
          let count: string | null = null;
          let done = false;
          if (step.kind === 'dimension') {
            const inSection = visible.filter((entry) => entry.sectionId === step.id);
            const answered = inSection.filter((entry) => effectiveAnswers.has(entry.question.id)).length;
            done = answered === inSection.length;
            count = i18n.t('check.stepCount', { answered, total: inSection.length });
          }
          if (step.kind === 'business') done = true;
          const hasNote = step.kind === 'dimension' && visit.notes[step.section!.dimension] !== undefined;
          return (
            <li key={step.id} class={`step-chip${here ? ' step-chip--current' : ''}${done ? ' step-chip--done' : ''}`}>
              <Link href={visitPath(visit.id, step.id)} aria-current={here ? 'step' : undefined}>
                <span class="step-chip__marker" aria-hidden="true" />
                <span class="step-chip__title">{stepTitle(step, prepared, i18n, true)}</span>
                {count ? <span class="step-chip__count">{count}</span> : null}
                {hasNote ? <span class="step-chip__note" aria-hidden="true" title={i18n.t('scout.notesTitle')} /> : null}
              </Link>
            </li>
          );
        })}
      </ol>
      {waiting > 0 ? <p class="visually-hidden">{i18n.plural('scout.syncStateWaiting', waiting)}</p> : null}
    </nav>
  );
}
