import type { CheckSession, SaveState } from '../../state/check-session.ts';
import { useI18n } from '../../app-context.ts';
import type { MessageKey } from '../../state/i18n.ts';

const LABEL: Record<SaveState['kind'], MessageKey> = {
  saved: 'save.saved',
  saving: 'save.saving',
  retrying: 'save.retrying',
  failed: 'save.failed',
};

/**
 * The autosave state in the header: a fixed-size box whose text changes, so
 * nothing moves while saving; announced politely to screen readers.
 */
export function SaveStatus({ session }: { session: CheckSession }) {
  const i18n = useI18n();
  const state = session.save.value;
  return (
    <p class={`save-status save-status--${state.kind}`} role="status" aria-live="polite">
      <span class="save-status__icon" aria-hidden="true" />
      <span class="save-status__text">{i18n.t(LABEL[state.kind])}</span>
    </p>
  );
}

const FAILURE: Record<Extract<SaveState, { kind: 'failed' }>['reason'], MessageKey> = {
  network: 'save.failedNetwork',
  forbidden: 'save.failedForbidden',
  submitted: 'save.failedSubmitted',
  rejected: 'save.failedRejected',
};

/**
 * When automatic retries are used up: a clear message and a retry button, in
 * a bar fixed to the bottom of the window (it covers, it does not push).
 */
export function SaveFailure({ session }: { session: CheckSession }) {
  const i18n = useI18n();
  const state = session.save.value;
  if (state.kind !== 'failed') return null;
  return (
    <div class="save-failure" role="alert">
      <div class="save-failure__inner">
        <p>
          <strong>{i18n.t('save.failedTitle')}</strong> {i18n.t(FAILURE[state.reason])}
        </p>
        {state.reason === 'network' || state.reason === 'rejected' ? (
          <button type="button" class="button button--primary" onClick={() => session.retry()}>
            {i18n.t('save.retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
