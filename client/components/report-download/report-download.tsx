import { useState } from 'preact/hooks';
import type { ApiClient, Credentials } from '../../api/api-client.ts';
import { useI18n } from '../../app-context.ts';
import { saveBlob } from './save-blob.ts';

/**
 * The PDF report needs the resume code in a header, which a plain link cannot
 * send: fetch it, then hand the browser a named object URL to save.
 */
export function ReportDownload({ api, credentials, fileName }: { api: ApiClient; credentials: Credentials; fileName: string }) {
  const i18n = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    if (state === 'busy') return;
    setState('busy');
    const pdf = await api.reportPdf(credentials, i18n.locale);
    if (!pdf.ok) {
      setState('failed');
      return;
    }
    saveBlob(pdf.value, fileName);
    setState('idle');
  };
  return (
    <div class="report-download">
      <button type="button" class="button button--primary button--large" onClick={download} aria-disabled={state === 'busy'}>
        <span class="icon-download" aria-hidden="true" />
        {state === 'busy' ? i18n.t('result.pdfBusy') : i18n.t('result.pdf')}
      </button>
      <p class="report-download__status" role="status" aria-live="polite">
        {state === 'failed' ? i18n.t('result.pdfFailed') : ''}
      </p>
    </div>
  );
}
