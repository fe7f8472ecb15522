import { useRef, useState } from 'preact/hooks';
import type { ApiFailure, FieldError } from '../../api/api-result.ts';
import { problemMessage } from '../../state/problem-messages.ts';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { ResumeCard } from '../../components/resume-card/resume-card.tsx';
import { checkPath } from '../../routes.tsx';
import type { CheckSession } from '../../state/check-session.ts';
import type { Translator } from '../../state/i18n.ts';
import { RESULT_STEP, stepOfItem, stepStatus, stepsOf } from '../../state/steps.ts';
import { titleOf } from './questionnaire-step.tsx';

type SubmitState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'unsaved' } | { kind: 'failed'; failure: ApiFailure } | { kind: 'incomplete'; errors: FieldError[] };

/** What is still open (required and visible), with links to each question; then submit. */
export function ReviewStep({ session }: { session: CheckSession }) {
  const app = useApp();
  const i18n = useI18n();
  const [state, setState] = useState<SubmitState>({ kind: 'idle' });
  const summary = useRef<HTMLDivElement>(null);
  const steps = stepsOf(session.prepared);
  const visibility = session.visibility.value;
  const values = session.values.value;
  const progress = session.progress.value;
  const open = progress.requiredOpen;
  const { id } = session.credentials;

  const submit = async () => {
    if (state.kind === 'busy') return;
    if (open.length > 0) {
      summary.current?.focus();
      return;
    }
    setState({ kind: 'busy' });
    // Everything typed must be on the server before it scores.
    if (!(await session.flush())) {
      setState({ kind: 'unsaved' });
      return;
    }
    const submitted = await app.api.submit(session.credentials);
    if (!submitted.ok) {
      setState(submitted.failure.code === 'assessment.incomplete' ? { kind: 'incomplete', errors: submitted.failure.errors } : { kind: 'failed', failure: submitted.failure });
      return;
    }
    session.setResult(submitted.value);
    session.replaceServer({ ...session.server.peek(), status: 'submitted', submittedAt: submitted.value.submittedAt });
    app.store.setPending(id, null);
    app.navigate(checkPath(id, RESULT_STEP));
  };

  return (
    <div class="review">
      <div
        ref={summary}
        tabIndex={-1}
        class={open.length ? 'card review__open' : 'card review__done'}
        aria-labelledby="review-open-title"
      >
        <h2 class="card__title" id="review-open-title">
          {open.length ? i18n.plural('review.openTitle', open.length) : i18n.t('review.allDoneTitle')}
        </h2>
        {open.length ? (
          <>
            <p>{i18n.t('review.openText')}</p>
            {steps
              .filter((step) => step.kind !== 'review')
              .map((step) => {
                const items = open.filter((item) => stepOfItem(session.prepared, item) === step.id);
                if (items.length === 0) return null;
                return (
                  <div key={step.id} class="open-group">
                    <h3 class="open-group__title">{titleOf(step, i18n)}</h3>
                    <ul class="open-list">
                      {items.map((item) => (
                        <li key={item}>
                          <Link href={checkPath(id, step.id, anchorOf(item))}>{labelOf(session, item, i18n)}</Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
          </>
        ) : (
          <p>{i18n.t('review.allDoneText')}</p>
        )}
      </div>

      <h2 class="subheading">{i18n.t('review.sectionsTitle')}</h2>
      <ul class="review__sections">
        {steps
          .filter((step) => step.kind !== 'review')
          .map((step) => {
            const status = stepStatus(step, visibility, values, progress, session.prepared);
            return (
              <li key={step.id}>
                <Link href={checkPath(id, step.id)}>{titleOf(step, i18n)}</Link>
                <span class={status.open.length ? 'badge badge--open' : 'badge badge--done'}>
                  {status.open.length
                    ? i18n.t('review.sectionOpen', { count: status.open.length })
                    : i18n.t('check.stepCount', { answered: status.answered, total: status.total })}
                </span>
              </li>
            );
          })}
      </ul>

      {state.kind === 'unsaved' ? <Notice kind="error">{i18n.t('review.unsaved')}</Notice> : null}
      {state.kind === 'failed' ? <Notice kind="error">{problemMessage(i18n, state.failure)}</Notice> : null}
      {state.kind === 'incomplete' ? <Notice kind="error">{i18n.t('review.incomplete')}</Notice> : null}
      <div class="submit-box">
        <p>{i18n.t('review.submitText')}</p>
        <button type="button" class="button button--primary button--large" onClick={submit} aria-disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? i18n.t('review.submitting') : i18n.t('review.submit')}
        </button>
      </div>
      <ResumeCard resumeCode={session.credentials.resumeCode} />
    </div>
  );
}

const anchorOf = (item: string) => (item.startsWith('profile.') ? `q-profile-${item.slice('profile.'.length)}` : `q-${item}`);

function labelOf(session: CheckSession, item: string, i18n: Translator): string {
  if (item.startsWith('profile.')) {
    const field = item.slice('profile.'.length);
    const spec = session.prepared.profileFields.find((f) => f.field === field);
    return spec ? i18n.text(spec.text) : field;
  }
  const entry = session.prepared.questionById.get(item);
  return entry ? i18n.text(entry.question.text) : item;
}
