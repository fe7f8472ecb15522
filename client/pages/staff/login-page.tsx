/**
 * The door of the staff area: e-mail and password. A wrong password and an
 * unknown address get the same answer (the server makes no difference
 * either); too many failures get their own, with what to do.
 */
import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import { STAFF_PATH } from '../../routes.tsx';
import type { Translator } from '../../state/i18n.ts';
import type { ApiFailure } from '../../api/api-result.ts';
import { problemMessage } from '../../state/problem-messages.ts';
import { StaffHeading } from './staff-heading.tsx';
import { StaffLayout } from './staff-layout.tsx';
import type { StaffAuth } from './staff-state.ts';
import { useStaff } from './staff-state.ts';

type Reason = Extract<StaffAuth, { status: 'anonymous' }>['reason'];

function loginError(i18n: Translator, failure: ApiFailure): string {
  if (failure.code === 'auth.login-failed') return i18n.t('staff.login.wrong');
  if (failure.code === 'request.invalid') return i18n.t('staff.login.invalid');
  // Throttled logins say how long to wait (Retry-After); everything else in the code's own words.
  return problemMessage(i18n, failure);
}

export function LoginPage({ reason }: { reason: Reason }) {
  const i18n = useI18n();
  const staff = useStaff();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await staff.login(email.trim(), password);
    setBusy(false);
    // On success StaffApp shows the page asked for (from /kammer itself: the dashboard).
    if (result.ok) return;
    setError(result.failure);
    setPassword('');
    passwordRef.current?.focus();
  };

  return (
    <StaffLayout>
      <div class="login">
        <StaffHeading page={`${STAFF_PATH}/login`} eyebrow={i18n.t('staff.area')}>
          {i18n.t('staff.login.title')}
        </StaffHeading>
        <p class="lead">{i18n.t('staff.login.intro')}</p>
        {reason === 'expired' ? <Notice>{i18n.t('staff.login.expired')}</Notice> : null}
        {reason === 'logged-out' ? <Notice kind="success">{i18n.t('staff.login.loggedOut')}</Notice> : null}
        <form class="card login__form" onSubmit={submit}>
          {error ? <Notice kind="error">{loginError(i18n, error)}</Notice> : null}
          <div class="field">
            <label class="field__label" for="login-email">
              {i18n.t('staff.login.email')}
            </label>
            <input
              id="login-email"
              class="input"
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label class="field__label" for="login-password">
              {i18n.t('staff.login.password')}
            </label>
            <input
              id="login-password"
              ref={passwordRef}
              class="input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button--primary button--large login__submit" aria-disabled={busy}>
            {busy ? i18n.t('staff.login.busy') : i18n.t('staff.login.submit')}
          </button>
        </form>
        <p class="hint">{i18n.t('staff.login.help')}</p>
      </div>
    </StaffLayout>
  );
}
