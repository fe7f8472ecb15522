import { useI18n } from '../../app-context.ts';
import { ResumeCodeText } from '../../components/resume-code/resume-code.tsx';

/** The business's resume code, large and grouped, to read out, copy down or photograph on the spot. */
export function HandoverCode({ code, onNewCode }: { code: string | null; onNewCode?: () => void }) {
  const i18n = useI18n();
  return (
    <section class="card handover" aria-labelledby="handover-title">
      <h2 class="card__title" id="handover-title">
        {i18n.t('scout.codeTitle')}
      </h2>
      {code ? (
        <>
          <ResumeCodeText code={code} class="handover__code" />
          <p>{i18n.t('scout.codeText')}</p>
        </>
      ) : onNewCode ? (
        <>
          <p>{i18n.t('scout.codeElsewhere')}</p>
          <button type="button" class="button" onClick={onNewCode}>
            {i18n.t('scout.codeNew')}
          </button>
        </>
      ) : (
        <p>{i18n.t('scout.codeGone')}</p>
      )}
    </section>
  );
}
