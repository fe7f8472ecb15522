import { useEffect, useState } from 'preact/hooks';
import type { PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import type { ApiFailure } from '../../api/api-result.ts';
import { useApp, useI18n } from '../../app-context.ts';
import { Layout } from '../../components/layout/layout.tsx';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { ResumeForm } from '../../components/resume-card/resume-form.tsx';
import { checkPath } from '../../routes.tsx';
import { stepsOf } from '../../state/steps.ts';
import { problemMessage } from '../../state/problem-messages.ts';

/** What the check is, what it gives, how long it takes, what is stored; start or continue. */
export function StartPage() {
  const app = useApp();
  const i18n = useI18n();
  const [prepared, setPrepared] = useState<PreparedQuestionnaire | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [starting, setStarting] = useState(false);
  const saved = app.store.current();

  useEffect(() => {
    void app.latestQuestionnaire().then((result) => (result.ok ? setPrepared(result.value) : setFailure(result.failure)));
  }, []);

  const start = async () => {
    if (starting) return;
    setStarting(true);
    const started = await app.startCheck();
    setStarting(false);
    if (!started.ok) {
      setFailure(started.failure);
      return;
    }
    const first = stepsOf(started.value.prepared)[0]!;
    app.navigate(checkPath(started.value.credentials.id, first.id));
  };

  const definition = prepared?.definition;
  return (
    <Layout wide>
      <div class="start">
        <section class="hero start__hero">
          <PageHeading eyebrow={i18n.t('start.eyebrow')}>{definition ? i18n.text(definition.title) : i18n.t('app.name')}</PageHeading>
          <p class="lead">{definition ? i18n.text(definition.description) : i18n.t('start.lead')}</p>
          <ul class="facts">
            <li>
              <span class="facts__value">{definition?.estimatedMinutes ? i18n.t('start.minutes', { minutes: definition.estimatedMinutes }) : '…'}</span>
              <span class="facts__label">{i18n.t('start.durationLabel')}</span>
            </li>
            <li>
              <span class="facts__value">{definition ? definition.dimensions.length : '…'}</span>
              <span class="facts__label">{i18n.t('start.areasLabel')}</span>
            </li>
            <li>
              <span class="facts__value">{i18n.t('start.costValue')}</span>
              <span class="facts__label">{i18n.t('start.costLabel')}</span>
            </li>
          </ul>
          {failure ? <Notice kind="error">{problemMessage(i18n, failure)}</Notice> : null}
          <div class="button-row">
            <button type="button" class="button button--primary button--large" onClick={start} aria-disabled={starting}>
              {i18n.t('start.begin')}
            </button>
            {saved ? (
              <Link class="button button--large" href={`/check/${saved.id}`}>
                {i18n.t('start.continueSaved')}
              </Link>
            ) : null}
          </div>
          <p class="hint">{i18n.t('start.pauseHint')}</p>
        </section>

        <section class="card start__gets" aria-labelledby="gets-title">
          <h2 id="gets-title" class="card__title">
            {i18n.t('start.getsTitle')}
          </h2>
          <ul class="check-list">
            <li>{i18n.t('start.gets1')}</li>
            <li>{i18n.t('start.gets2')}</li>
            <li>{i18n.t('start.gets3')}</li>
            <li>{i18n.t('start.gets4')}</li>
          </ul>
          {definition ? (
            <>
              <h3 class="subheading">{i18n.t('start.areasTitle')}</h3>
              <ul class="area-list">
                {definition.dimensions.map((dimension) => (
                  <li key={dimension.id}>{i18n.text(dimension.title)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section class="card start__resume" aria-labelledby="resume-title">
          <h2 id="resume-title" class="card__title">
            {i18n.t('start.resumeTitle')}
          </h2>
          <ResumeForm />
        </section>

        <section class="card card--quiet privacy start__privacy" aria-labelledby="privacy-title">
          <h2 id="privacy-title" class="card__title">
            {i18n.t('privacy.title')}
          </h2>
          <p>{i18n.t('privacy.answers')}</p>
          <p>{i18n.t('privacy.contact')}</p>
          <p>{i18n.t('privacy.code')}</p>
          <p>{i18n.t('privacy.device')}</p>
        </section>
      </div>
    </Layout>
  );
}
