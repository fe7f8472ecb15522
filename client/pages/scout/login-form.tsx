import { useState } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';
import type { MessageKey } from '../../state/i18n.ts';
import type { LoginOutcome } from '../../state/scout/scout-state.ts';
import { problemMessage } from '../../state/problem-messages.ts';
import { useScout } from './scout-context.ts';

type Refusal = Exclude<LoginOutcome, 'ok'>;
const PROBLEM: Record<Extract<Refusal, string>, MessageKey> = {
  invalid: 'scout.loginInvalid',
  'not-a-scout': 'scout.loginNotScout',
  offline: 'scout.loginOffline',
};

/** E-mail and password; used for the first login and to log in again after the session ended. */
export function LoginForm({ idPrefix, email: knownEmail = '' }: { idPrefix: string; email?: string }) {
  const scout = useScout();
  const i18n = useI18n();
  const [email, setEmail] = useState(knownEmail);
  const [password, setPassword] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | Refusal>('idle');
  const offline = !scout.online.value;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (state === 'busy') return;
    setState('busy');
    const outcome = await scout.login(email.trim(), password);
    setState(outcome === 'ok' ? 'idle' : outcome);
    if (outcome === 'ok') setPassword('');
  };
  const problem =
    typeof state === 'object' ? problemMessage(i18n, state) : state !== 'idle' && state !== 'busy' ? i18n.t(PROBLEM[state]) : offline ? i18n.t('scout.loginOffline') : null;
  const errorId = `${idPrefix}-error`;
  return (
    <form class="scout-login" onSubmit={submit} noValidate>
      <div class="scout-field">
        <label class="scout-field__label" for={`${idPrefix}-email`}>
          {i18n.t('scout.loginEmail')}
        </label>
        <input
          id={`${idPrefix}-email`}
          class="input"
          type="email"
          autoComplete="username"
          value={email}
          required
          aria-describedby={problem ? errorId : undefined}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
      </div>
      <div class="scout-field">
        <label class="scout-field__label" for={`${idPrefix}-password`}>
          {i18n.t('scout.loginPassword')}
        </label>
        <input
          id={`${idPrefix}-password`}
          class="input"
          type="password"
          autoComplete="current-password"
          value={password}
          required
          aria-describedby={problem ? errorId : undefined}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </div>
      {problem ? (
        <p class="field-error" id={errorId} role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" class="button button--primary button--large" aria-disabled={state === 'busy' || offline}>
        {state === 'busy' ? i18n.t('scout.loginBusy') : i18n.t('scout.loginSubmit')}
      </button>
    </form>
  );
}
