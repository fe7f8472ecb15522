import { useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { checkPath } from '../../routes.tsx';
import { continueWithCode } from '../../state/continue-check.ts';

/** "Continue with your code": for a business on another device, or after clearing the browser. */
export function ResumeForm({ initialCode = '', initialError = false }: { initialCode?: string; initialError?: boolean }) {
  const app = useApp();
  const i18n = useI18n();
  const [code, setCode] = useState(initialCode);
  const [state, setState] = useState<'idle' | 'busy' | 'not-found' | 'offline'>(initialError ? 'not-found' : 'idle');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (code.trim() === '' || state === 'busy') return;
    setState('busy');
    const found = await continueWithCode(app, code);
    if (!found.ok) {
      setState(found.failure.status === 404 || found.failure.status === 400 ? 'not-found' : 'offline');
      return;
    }
    app.navigate(checkPath(found.value.id, found.value.step));
  };
  const error = state === 'not-found' ? i18n.t('resume.notFound') : state === 'offline' ? i18n.t('error.offline') : null;
  return (
    <form class="resume-form" onSubmit={submit} noValidate>
      <label for="resume-code-input" class="resume-form__label">
        {i18n.t('resume.inputLabel')}
      </label>
      <p class="question__hint" id="resume-code-hint">
        {i18n.t('resume.inputHint')}
      </p>
      <div class="resume-form__row">
        <input
          id="resume-code-input"
          class="input input--code"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          aria-describedby={error ? 'resume-code-hint resume-code-error' : 'resume-code-hint'}
          aria-invalid={error ? true : undefined}
          onInput={(event) => setCode(event.currentTarget.value)}
        />
        <button type="submit" class="button" aria-disabled={state === 'busy'}>
          {i18n.t('resume.submit')}
        </button>
      </div>
      {error ? (
        <p class="field-error" id="resume-code-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
