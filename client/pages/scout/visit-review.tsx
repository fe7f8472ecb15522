import { useRef, useState } from 'preact/hooks';
import type { PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import { progressOf } from '../../../questionnaires/engine/visibility.ts';
import { useApp, useI18n } from '../../app-context.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { type LocalVisit, profileOf } from '../../state/scout/visit-records.ts';
import { HandoverCode } from './handover-code.tsx';
import { useScout } from './scout-context.ts';
import { BUSINESS_STEP, RESULT_STEP, visitPath } from './scout-routes.ts';

type SubmitState = 'idle' | 'busy' | 'no-data' | 'failed';

/** What is still open, with links to each question; then submit: scored here at once, synced when possible. */
export function VisitReview({ visit, prepared, eyebrow }: { visit: LocalVisit; prepared: PreparedQuestionnaire; eyebrow: string }) {
  const app = useApp();
  const scout = useScout();
  const i18n = useI18n();
  const [state, setState] = useState<SubmitState>('idle');
  const summary = useRef<HTMLDivElement>(null);
  const open = progressOf(prepared, visit.answers, profileOf(visit.business)).requiredOpen;

  const submit = async () => {
    if (state === 'busy') return;
    if (open.length > 0) {
      summary.current?.focus();
      return;
    }
    const catalogue = scout.catalogue.peek();
    if (!catalogue) {
      setState('no-data');
      return;
    }
    setState('busy');
    try {
      await scout.submit(visit.id, prepared, catalogue);
    } catch {
      setState('failed');
      return;
    }
    app.navigate(visitPath(visit.id, RESULT_STEP));
  };

  return (
    <div class="scout-narrow review">
      <PageHeading eyebrow={eyebrow}>{i18n.t('scout.reviewTitle')}</PageHeading>
      <div ref={summary} tabIndex={-1} class={open.length ? 'card review__open' : 'card review__done'} aria-labelledby="review-open-title">
        <h2 class="card__title" id="review-open-title">
          {open.length ? i18n.plural('scout.reviewOpenTitle', open.length) : i18n.t('scout.reviewDoneTitle')}
        </h2>
        {open.length ? (
          <>
            <p>{i18n.t('scout.reviewOpenText')}</p>
            <ul class="open-list">
              {open.map((item) => {
                const profileField = item.startsWith('profile.');
                const entry = profileField ? null : prepared.questionById.get(item);
                const label = entry ? i18n.text(entry.question.text) : i18n.t('scout.stepBusiness');
                const href = entry ? visitPath(visit.id, entry.sectionId, `q-${item}`) : visitPath(visit.id, BUSINESS_STEP);
                return (
                  <li key={item}>
                    <Link href={href}>{label}</Link>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p>{i18n.t('scout.reviewDoneText')}</p>
        )}
      </div>
      <HandoverCode code={visit.resumeCode} onNewCode={() => scout.issueNewCode(visit.id)} />
      {state === 'no-data' ? <Notice kind="error">{i18n.t('scout.reviewNeedsData')}</Notice> : null}
      {state === 'failed' ? <Notice kind="error">{i18n.t('scout.reviewFailed')}</Notice> : null}
      <div class="submit-box">
        <button type="button" class="button button--primary button--large" onClick={submit} aria-disabled={state === 'busy'}>
          {state === 'busy' ? i18n.t('scout.reviewSubmitting') : i18n.t('scout.reviewSubmit')}
        </button>
      </div>
    </div>
  );
}
