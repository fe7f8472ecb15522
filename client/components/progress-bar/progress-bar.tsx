import type { Progress } from '../../../questionnaires/engine/index.ts';
import { useI18n } from '../../app-context.ts';

/** Counts only questions the business can see (engine `progressOf`), so it never jumps back for hidden ones. */
export function ProgressBar({ progress }: { progress: Progress }) {
  const i18n = useI18n();
  const label = i18n.t('progress.label', { answered: progress.answered, total: progress.total });
  return (
    <div class="progress">
      <div
        class="progress__track"
        role="progressbar"
        aria-label={i18n.t('progress.name')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={label}
      >
        <div class="progress__bar" style={{ transform: `scaleX(${progress.percent / 100})` }} />
      </div>
      <p class="progress__text" aria-hidden="true">
        <span class="progress__long">{label}</span>
        <span class="progress__short">{i18n.t('progress.short', { answered: progress.answered, total: progress.total })}</span>
      </p>
    </div>
  );
}
