import { useEffect, useState } from 'preact/hooks';
import type { PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
import { useApp, useI18n } from '../../app-context.ts';
import { DimensionBars } from '../../components/dimension-bars/dimension-bars.tsx';
import { Layout } from '../../components/layout/layout.tsx';
import { LevelScale } from '../../components/level-scale/level-scale.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { RadarChart } from '../../components/radar-chart/radar-chart.tsx';
import { reportFileName } from '../../../reports/report-file-name.ts';
import { ReportDownload } from '../../components/report-download/report-download.tsx';
import { ResumeCard } from '../../components/resume-card/resume-card.tsx';
import { checkPath } from '../../routes.tsx';
import type { CheckSession } from '../../state/check-session.ts';
import type { Translator } from '../../state/i18n.ts';
import { Highlights } from './highlights.tsx';
import { MailReport } from './mail-report.tsx';
import { Referrals } from './referrals.tsx';
import { HelpContext, HelpPanel, useHelpRequests } from './ask-for-help.tsx';

/** The result: level, charts, comparison, recommendations, referrals, PDF, and "take it again". */
export function ResultPage({ session }: { session: CheckSession }) {
  const app = useApp();
  const i18n = useI18n();
  const document = session.result.value;
  const [failed, setFailed] = useState(false);
  const [restarting, setRestarting] = useState<'idle' | 'busy' | 'failed'>('idle');
  const help = useHelpRequests(app.api, session.credentials, i18n);

  useEffect(() => {
    if (document) return;
    void app.api.result(session.credentials).then((result) => (result.ok ? session.setResult(result.value) : setFailed(true)));
  }, [session]);

  if (!document) {
    return (
      <Layout wide>
        {failed ? <Notice kind="error">{i18n.t('error.offline')}</Notice> : <p class="loading" role="status">{i18n.t('result.loading')}</p>}
      </Layout>
    );
  }

  const again = async () => {
    if (restarting === 'busy') return;
    setRestarting('busy');
    const started = await app.startCheck(session.credentials.resumeCode);
    if (!started.ok) {
      setRestarting('failed');
      return;
    }
    setRestarting('idle');
    const first = started.value.prepared.definition.sections[0]!;
    app.navigate(checkPath(started.value.credentials.id, first.id));
  };

  const { result } = document;
  const { prepared } = session;
  const company = session.server.value.profile.companyName;
  return (
    <Layout wide>
      <div class="result">
        <PageHeading eyebrow={company ? i18n.t('result.eyebrowCompany', { company }) : i18n.t('result.eyebrow')}>
          {i18n.t('result.title')}
        </PageHeading>
        <p class="result__date">{i18n.t('result.submittedAt', { date: i18n.date(document.submittedAt) })}</p>

        <Overall result={result} prepared={prepared} i18n={i18n} />
        <Dimensions result={result} prepared={prepared} i18n={i18n} />
        <Highlights result={result} prepared={prepared} i18n={i18n} />

        {result.recommendations.length ? (
          <section class="result__section" aria-labelledby="recommendations-title">
            <h2 id="recommendations-title">{i18n.t('result.recommendationsTitle')}</h2>
            <ol class="recommendations">
              {result.recommendations.slice(0, TOP_RECOMMENDATIONS).map((r) => (
                <Recommendation key={r.id} recommendation={r} prepared={prepared} i18n={i18n} />
              ))}
            </ol>
            {result.recommendations.length > TOP_RECOMMENDATIONS ? (
              <details class="more">
                <summary>{i18n.plural('result.moreRecommendations', result.recommendations.length - TOP_RECOMMENDATIONS)}</summary>
                <ol class="recommendations" start={TOP_RECOMMENDATIONS + 1} style={{ counterReset: `recommendation ${TOP_RECOMMENDATIONS}` }}>
                  {result.recommendations.slice(TOP_RECOMMENDATIONS).map((r) => (
                    <Recommendation key={r.id} recommendation={r} prepared={prepared} i18n={i18n} />
                  ))}
                </ol>
              </details>
            ) : null}
          </section>
        ) : null}

        <HelpContext.Provider value={help}>
          <Referrals result={result} prepared={prepared} i18n={i18n} postcode={session.server.value.profile.postcode} />
          <HelpPanel i18n={i18n} />
        </HelpContext.Provider>

        <section class="result__section result__actions" aria-labelledby="keep-title">
          <h2 id="keep-title">{i18n.t('result.keepTitle')}</h2>
          <div class="result__actions-grid">
            <div class="card">
              <h3 class="card__title">{i18n.t('result.pdfTitle')}</h3>
              <p>{i18n.t('result.pdfText')}</p>
              <ReportDownload api={app.api} credentials={session.credentials} fileName={reportFileName(company, document.submittedAt, i18n.locale)} />
            </div>
            <div class="card">
              <h3 class="card__title">{i18n.t('result.againTitle')}</h3>
              <p>{i18n.t('result.againText')}</p>
              <button type="button" class="button button--large" onClick={again} aria-disabled={restarting === 'busy'}>
                {i18n.t('result.again')}
              </button>
              {restarting === 'failed' ? <Notice kind="error">{i18n.t('error.offline')}</Notice> : null}
            </div>
          </div>
          <MailReport api={app.api} credentials={session.credentials} />
          <ResumeCard resumeCode={session.credentials.resumeCode} headingLevel={3} intro={i18n.t('resume.cardIntroResult')} />
          <EraseCheck session={session} />
        </section>
      </div>
    </Layout>
  );
}

/** GDPR: the business erases its check and result itself, after a second, explicit confirmation. */
function EraseCheck({ session }: { session: CheckSession }) {
  const app = useApp();
  const i18n = useI18n();
  const [step, setStep] = useState<'idle' | 'confirm' | 'busy' | 'failed'>('idle');
  const erase = async () => {
    setStep('busy');
    const erased = await app.api.erase(session.credentials);
    if (!erased.ok) {
      setStep('failed');
      return;
    }
    app.store.forget(session.credentials.id);
    app.navigate('/');
  };
  return (
    <div class="card erase">
      <h3 class="card__title">{i18n.t('result.eraseTitle')}</h3>
      <p>{i18n.t('result.eraseText')}</p>
      {step === 'idle' ? (
        <button type="button" class="button" onClick={() => setStep('confirm')}>
          {i18n.t('result.erase')}
        </button>
      ) : (
        <div role="group" aria-label={i18n.t('result.eraseTitle')}>
          <p class="erase__question">{i18n.t('result.eraseConfirm')}</p>
          <button type="button" class="button button--danger" onClick={erase} aria-disabled={step === 'busy'}>
            {i18n.t('result.eraseConfirmButton')}
          </button>{' '}
          <button type="button" class="button" onClick={() => setStep('idle')}>
            {i18n.t('result.eraseCancel')}
          </button>
        </div>
      )}
      {step === 'failed' ? <Notice kind="error">{i18n.t('result.eraseFailed')}</Notice> : null}
    </div>
  );
}

/** The engine ranks recommendations by potential; the first few are shown open, the rest folded. */
const TOP_RECOMMENDATIONS = 4;

function Recommendation({ recommendation, prepared, i18n }: { recommendation: ScoredResult['recommendations'][number]; prepared: PreparedQuestionnaire; i18n: Translator }) {
  return (
    <li class="card">
      <h3 class="card__title">{i18n.text(recommendation.title)}</h3>
      <p>{i18n.text(recommendation.text)}</p>
      <p class="recommendations__area">{i18n.text(prepared.dimensionById.get(recommendation.dimension)?.title)}</p>
    </li>
  );
}

interface Part {
  result: ScoredResult;
  prepared: PreparedQuestionnaire;
  i18n: Translator;
}

const signed = (value: number, i18n: Translator) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${i18n.number(Math.abs(value), 1)}`;

export function Overall({ result, prepared, i18n }: Part) {
  const level = prepared.levels.find((l) => l.id === result.overall.level)!;
  const bands = prepared.levels.map((l, i) => ({ id: l.id, title: i18n.text(l.title), from: l.minScore, to: prepared.levels[i + 1]?.minScore ?? 100 }));
  const previous = result.previous;
  return (
    <section class="card overall" aria-labelledby="overall-title">
      <div class="overall__score">
        <p class="overall__number" aria-hidden="true">
          {i18n.number(result.overall.score)}
          <span class="overall__max">{i18n.t('result.outOf100')}</span>
        </p>
        <div>
          <p class="overall__label" id="overall-title">
            <span class="visually-hidden">{i18n.t('result.overallScore', { score: i18n.number(result.overall.score, 1) })} </span>
            {i18n.t('result.levelLabel')}
          </p>
          <p class="overall__level">{i18n.text(level.title)}</p>
        </div>
      </div>
      <LevelScale bands={bands} score={result.overall.score} current={level.id} />
      <p class="overall__text">{i18n.text(level.description)}</p>
      {previous ? (
        <p class="overall__change">
          {i18n.t('result.overallChange', {
            before: i18n.number(previous.overall.before, 1),
            after: i18n.number(previous.overall.after, 1),
            delta: signed(previous.overall.delta, i18n),
          })}
        </p>
      ) : null}
    </section>
  );
}

export function Dimensions({ result, prepared, i18n }: Part) {
  const benchmark = result.benchmark;
  const before = new Map(result.previous?.dimensions.map((d) => [d.id, d]) ?? []);
  const levelTitle = (id: string) => i18n.text(prepared.levels.find((l) => l.id === id)?.title);
  const axes = result.dimensions.map((d) => {
    const dimension = prepared.dimensionById.get(d.id);
    const change = before.get(d.id);
    return {
      id: d.id,
      label: i18n.text(dimension?.shortTitle ?? dimension?.title),
      value: d.score,
      ...(benchmark && benchmark.dimensions[d.id] !== undefined ? { benchmark: benchmark.dimensions[d.id] } : {}),
      ...(change ? { previous: change.before } : {}),
    };
  });
  const bars = result.dimensions.map((d, i) => {
    const change = before.get(d.id);
    return {
      id: d.id,
      title: i18n.text(prepared.dimensionById.get(d.id)?.title),
      value: d.score,
      valueText: i18n.t('result.points', { score: i18n.number(d.score) }),
      levelTitle: levelTitle(d.level),
      hasBasis: d.hasBasis,
      ...(axes[i]!.benchmark !== undefined ? { benchmark: axes[i]!.benchmark } : {}),
      ...(change ? { previous: change.before, changeText: i18n.t('result.dimensionChange', { delta: signed(change.delta, i18n) }) } : {}),
    };
  });
  const description = result.dimensions
    .map((d) => `${i18n.text(prepared.dimensionById.get(d.id)?.title)}: ${i18n.number(d.score)}`)
    .join('; ');
  return (
    <section class="result__section" aria-labelledby="dimensions-title">
      <h2 id="dimensions-title">{i18n.t('result.dimensionsTitle')}</h2>
      <div class="dimensions">
        <figure class="dimensions__chart">
          <RadarChart axes={axes} title={i18n.t('result.radarTitle')} description={description} />
          <figcaption class="legend">
            <span class="legend__item legend__item--value">{i18n.t('result.legendYou')}</span>
            {benchmark ? <span class="legend__item legend__item--benchmark">{i18n.plural('result.legendBenchmark', benchmark.groupSize)}</span> : null}
            {result.previous ? <span class="legend__item legend__item--previous">{i18n.t('result.legendPrevious')}</span> : null}
          </figcaption>
        </figure>
        <div class="dimensions__bars">
          <DimensionBars bars={bars} boundaries={prepared.levels.map((l) => l.minScore).filter((b) => b > 0)} noBasisText={i18n.t('result.noBasis')} />
        </div>
      </div>
      {benchmark ? (
        <p class="hint">
          {i18n.plural('result.benchmarkNote', benchmark.groupSize, {
            trade: i18n.text(prepared.definition.profile.trades.find((t) => t.id === benchmark.trade)?.label),
            score: i18n.number(benchmark.overall),
          })}
        </p>
      ) : (
        <p class="hint">{i18n.t('result.noBenchmark')}</p>
      )}
    </section>
  );
}
