import { useState } from 'preact/hooks';
import { useApp, useI18n } from '../../app-context.ts';
import { checkPath } from '../../routes.tsx';
import { continueWithCode } from '../../state/continue-check.ts';
import { problemMessage } from '../../state/problem-messages.ts';
import type { ApiFailure } from '../../api/api-result.ts';

/** "Continue with your code": for a business on another device, or after clearing the browser. */
export function ResumeForm({ initialCode = '', initialError = false }: { initialCode?: string; initialError?: boolean }) {
  const app = useApp();
  const i18n = useI18n();
  const [code, setCode] = useState(initialCode);
  const [state, setState] = useState<'idle' | 'busy' | 'not-found' | ApiFailure>(initialError ? 'not-found' : 'idle');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (code.trim() === '' || state === 'busy') return;
    setState('busy');
    const found = await continueWithCode(app, code);
    if (!found.ok) {
      // A code that opens nothing, however it failed, reads the same; any other refusal (too many tries, offline) says what it is.
      const wrongCode = ['resume-code.unknown', 'resume-code.wrong', 'request.invalid'].includes(found.failure.code);
      setState(wrongCode ? 'not-found' : found.failure);
      return;
    }
    app.navigate(checkPath(found.value.id, found.value.step));
  };
  const error = state === 'not-found' ? i18n.t('resume.notFound') : typeof state === 'object' ? problemMessage(i18n, state) : null;
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
