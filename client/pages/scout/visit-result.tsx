import { useEffect, useState } from 'preact/hooks';
import type { PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
import { useApp, useI18n } from '../../app-context.ts';
import type { ResultDocument } from '../../../api/assessments.ts';
import { Link } from '../../components/link/link.tsx';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import type { Translator } from '../../state/i18n.ts';
import type { LocalVisit } from '../../state/scout/visit-records.ts';
import { isSoloBusiness } from '../../../questionnaires/engine/localize.ts';
import { Highlights } from '../result/highlights.tsx';
import { Dimensions, Overall } from '../result/result-page.tsx';
import { HandoverCode } from './handover-code.tsx';
import { useScout } from './scout-context.ts';
import { ScoutLayout } from './scout-layout.tsx';
import { scoutListPath } from './scout-routes.ts';
import { usePrepared } from './use-prepared.ts';
import { reportFileName } from '../../../reports/report-file-name.ts';
import { saveBlob } from '../../components/report-download/save-blob.ts';

/**
 * The result: the server's once it has the visit, until then the one the
 * browser scored at submit, marked as provisional. The code and the scores
 * on screen stay while the page is open, even when the sync clears the
 * visit's data from the tablet in the meantime.
 */
export function VisitResult({ id, visit, prepared: known }: { id: string; visit: LocalVisit | null; prepared: PreparedQuestionnaire | null }) {
  const scout = useScout();
  const i18n = useI18n();
  const [code] = useState(() => visit?.resumeCode ?? null);
  const [local] = useState<ScoredResult | null>(() => visit?.localResult ?? null);
  const [business] = useState(() => visit?.business.name ?? null);
  const [server, setServer] = useState<ResultDocument | null>(null);
  const [serverFailed, setServerFailed] = useState(false);
  const online = scout.online.value;
  const confirmed = visit === null || visit.status === 'submitted';
  const questionnaire = server?.result.questionnaire ?? local?.questionnaire ?? (visit ? { id: visit.questionnaireId, version: visit.version } : undefined);
  const loaded = usePrepared(questionnaire?.id, questionnaire?.version);
  const prepared = known ?? (loaded.kind === 'ready' ? loaded.value : null);

  useEffect(() => {
    if (!confirmed || !online || server) return;
    let current = true;
    void scout.api.result(id).then((response) => {
      if (!current) return;
      if (response.ok) setServer(response.value);
      else setServerFailed(true);
    });
    return () => {
      current = false;
    };
  }, [confirmed, online, id]);

  const result = server?.result ?? local;
  // The words for the business the result is about (also when the visit is no longer on this tablet).
  const words = prepared && result ? i18n.voice(isSoloBusiness(prepared.definition, result.profile.employees)) : i18n;
  return (
    <ScoutLayout>
      <div class="result scout-result">
        <PageHeading eyebrow={business ?? i18n.t('scout.resultTitle')}>{i18n.t('scout.resultTitle')}</PageHeading>
        {server ? (
          <p class="result-state result-state--confirmed" role="status">
            <span class="result-state__icon" aria-hidden="true" />
            {i18n.t('scout.resultConfirmed', { date: i18n.date(server.submittedAt) })}
          </p>
        ) : local ? (
          <div class="result-state result-state--provisional" role="status">
            <span class="result-state__icon" aria-hidden="true" />
            <div>
              <strong>{i18n.t('scout.resultProvisional')}</strong>
              <p>{i18n.t('scout.resultProvisionalText')}</p>
            </div>
          </div>
        ) : null}
        {!result ? (
          serverFailed || !online ? (
            <Notice kind="error">{i18n.t('scout.resultNeedsConnection')}</Notice>
          ) : (
            <p class="loading" role="status">
              {i18n.t('scout.resultLoading')}
            </p>
          )
        ) : prepared ? (
          <>
            <div class="scout-result__top">
              <Overall result={result} prepared={prepared} i18n={words} />
              <div class="scout-result__side">
                <HandoverCode code={code} />
                <PdfCard id={id} ready={server !== null} company={business} submittedAt={server?.submittedAt ?? null} i18n={i18n} />
              </div>
            </div>
            <Dimensions result={result} prepared={prepared} i18n={words} />
            <Highlights result={result} prepared={prepared} i18n={words} />
          </>
        ) : null}
        <p class="scout-result__back">
          <Link class="button button--quiet" href={scoutListPath()}>
            <span aria-hidden="true">← </span>
            {i18n.t('scout.toList')}
          </Link>
        </p>
      </div>
    </ScoutLayout>
  );
}


/** The PDF, with the scout's notes if asked: only from the server, so only once the visit is there. */
function PdfCard({ id, ready, company, submittedAt, i18n }: { id: string; ready: boolean; company: string | null; submittedAt: string | null; i18n: Translator }) {
  const scout = useScout();
  const app = useApp();
  const [notes, setNotes] = useState(true);
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    if (state === 'busy' || !ready) return;
    setState('busy');
    const pdf = await scout.api.reportPdf(id, { locale: app.locale.peek(), notes });
    if (!pdf.ok) {
      setState('failed');
      return;
    }
    saveBlob(pdf.value, reportFileName(company, submittedAt ?? new Date().toISOString(), i18n.locale));
    setState('idle');
  };
  return (
    <section class="card pdf-card" aria-labelledby="pdf-title">
      <h2 class="card__title" id="pdf-title">
        {i18n.t('scout.resultPdfTitle')}
      </h2>
      {ready ? (
        <>
          <p>{i18n.t('scout.resultPdfText')}</p>
          <label class="choice pdf-card__notes" for="pdf-notes">
            <input id="pdf-notes" type="checkbox" checked={notes} onChange={(event) => setNotes(event.currentTarget.checked)} />
            <span class="choice__body">
              <span class="choice__label">{i18n.t('scout.resultPdfNotes')}</span>
            </span>
          </label>
          <button type="button" class="button button--primary button--large" onClick={download} aria-disabled={state === 'busy'}>
            <span class="icon-download" aria-hidden="true" />
            {state === 'busy' ? i18n.t('scout.resultPdfBusy') : i18n.t('scout.resultPdf')}
          </button>
          <p class="report-download__status" role="status" aria-live="polite">
            {state === 'failed' ? i18n.t('scout.resultPdfFailed') : ''}
          </p>
        </>
      ) : (
        <p>{i18n.t('scout.resultPdfLater')}</p>
      )}
    </section>
  );
}
