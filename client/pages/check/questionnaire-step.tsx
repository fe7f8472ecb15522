import { useEffect } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { QuestionField } from '../../components/question-field/question-field.tsx';
import { ResumeCard } from '../../components/resume-card/resume-card.tsx';
import { checkPath } from '../../routes.tsx';
import type { CheckSession } from '../../state/check-session.ts';
import type { Translator } from '../../state/i18n.ts';
import { stepStatus, stepsOf, type Step } from '../../state/steps.ts';
import { ProfileFields } from './profile-step.tsx';
import { ReviewStep } from './review-step.tsx';

/** One page of the questionnaire (profile, a dimension, or the review) with progress and step navigation. */
export function QuestionnaireStep({ session, stepId, anchor }: { session: CheckSession; stepId: string; anchor: string }) {
  const i18n = useI18n();
  const steps = stepsOf(session.prepared);
  const index = steps.findIndex((s) => s.id === stepId);
  const step = steps[index]!;
  const previous = steps[index - 1];
  const next = steps[index + 1];
  const { id } = session.credentials;

  // A jump from the review page: bring that question into view and put the focus on its first input.
  useEffect(() => {
    if (!anchor) return;
    const target = document.getElementById(anchor);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    const input = target.querySelector<HTMLElement>('input, textarea, select');
    (input ?? target).focus({ preventScroll: true });
  }, [stepId, anchor]);

  const firstDimension = steps.find((s) => s.kind === 'dimension');
  return (
    <div class="check">
      <div class="check__layout">
        <StepList steps={steps} current={step.id} session={session} i18n={i18n} />
        <div class="check__content">
          <PageHeading eyebrow={i18n.t('check.stepOf', { step: index + 1, total: steps.length })}>{titleOf(step, i18n)}</PageHeading>
          {step.kind !== 'review' && step.section.intro ? <p class="lead">{i18n.text(step.section.intro)}</p> : null}
          {step.kind === 'profile' && session.server.value.isReassessment ? <p class="notice notice--info">{i18n.t('check.reassessmentNote')}</p> : null}
          {step === firstDimension ? (
            <ResumeCard resumeCode={session.credentials.resumeCode} intro={i18n.t('resume.cardIntroEarly')} />
          ) : null}
          {step.kind === 'profile' ? <ProfileFields section={step.section} session={session} /> : null}
          {step.kind === 'dimension' ? <SectionQuestions step={step} session={session} /> : null}
          {step.kind === 'review' ? <ReviewStep session={session} /> : null}
          <nav class="step-nav" aria-label={i18n.t('check.stepNavigation')}>
            {previous ? (
              <Link class="button button--quiet" href={checkPath(id, previous.id)}>
                <span aria-hidden="true">← </span>
                {i18n.t('check.back')}
              </Link>
            ) : (
              <Link class="button button--quiet" href="/">
                <span aria-hidden="true">← </span>
                {i18n.t('check.toStart')}
              </Link>
            )}
            {next ? (
              <Link class="button button--primary" href={checkPath(id, next.id)}>
                {next.kind === 'review' ? i18n.t('check.toReview') : i18n.t('check.next')}
                <span aria-hidden="true"> →</span>
              </Link>
            ) : null}
          </nav>
          {step.kind !== 'review' && step !== firstDimension ? (
            <details class="later">
              <summary>{i18n.t('resume.later')}</summary>
              <ResumeCard resumeCode={session.credentials.resumeCode} headingLevel={3} />
            </details>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function titleOf(step: Step, i18n: Translator): string {
  return step.kind === 'review' ? i18n.t('review.title') : i18n.text(step.section.title);
}

function SectionQuestions({ step, session }: { step: Extract<Step, { kind: 'dimension' }>; session: CheckSession }) {
  const visibility = session.visibility.value;
  const values = session.values.value;
  const relevanceQuestion = session.prepared.definition.relevanceQuestion;
  // Visibility comes from the engine: trade-specific questions appear and disappear as answers change.
  const visible = visibility.visible.filter((entry) => entry.sectionId === step.id);
  return (
    <div class="questions">
      {visible.map((entry, i) => (
        <QuestionField
          key={entry.question.id}
          question={entry.question}
          number={i + 1}
          value={values.answers[entry.question.id]}
          relevance={values.relevance[entry.question.id]}
          relevanceQuestion={relevanceQuestion}
          onAnswer={(value) => session.setAnswer(entry.question.id, value)}
          onRelevance={(rating) => session.setRelevance(entry.question.id, rating)}
        />
      ))}
    </div>
  );
}

/** All pages with how far each is; a sidebar on wide screens, folded away on phones. */
function StepList({ steps, current, session, i18n }: { steps: Step[]; current: string; session: CheckSession; i18n: Translator }) {
  const visibility = session.visibility.value;
  const values = session.values.value;
  const progress = session.progress.value;
  return (
    <nav class="step-list" aria-label={i18n.t('check.allSteps')}>
      <ol>
        {steps.map((step) => {
          const status = stepStatus(step, visibility, values, progress, session.prepared);
          const done = step.kind !== 'review' && status.total > 0 && status.answered === status.total;
          const here = step.id === current;
          return (
            <li key={step.id} class={`step-list__item${here ? ' step-list__item--current' : ''}${done ? ' step-list__item--done' : ''}`}>
              <Link href={checkPath(session.credentials.id, step.id)} aria-current={here ? 'step' : undefined}>
                <span class="step-list__marker" aria-hidden="true" />
                <span class="step-list__title">{titleOf(step, i18n)}</span>
                {step.kind !== 'review' ? (
                  <span class="step-list__count">
                    <span class="visually-hidden">{done ? i18n.t('check.stepDone') : ''} </span>
                    {i18n.t('check.stepCount', { answered: status.answered, total: status.total })}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
