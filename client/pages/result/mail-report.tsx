import { useEffect, useState } from 'preact/hooks';
import type { RecheckReminder } from '../../../api/mail.ts';
import type { ApiClient, Credentials } from '../../api/api-client.ts';
import { useI18n } from '../../app-context.ts';
import { fieldMessage, problemMessage } from '../../state/problem-messages.ts';

type Step = { kind: 'idle' } | { kind: 'busy' } | { kind: 'sent'; email: string } | { kind: 'failed'; message: string };

/**
 * The report by mail: the business types its address (used for this mail
 * only) and may opt in to one reminder to take the check again. The mail is
 * queued by the server and arrives within minutes; a refusal says why (a bad
 * address, too many mails in an hour and how long to wait).
 */
export function MailReport({ api, credentials }: { api: ApiClient; credentials: Credentials }) {
  const i18n = useI18n();
  const [email, setEmail] = useState('');
  const [remind, setRemind] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [reminder, setReminder] = useState<RecheckReminder | null>(null);

  useEffect(() => {
    void api.recheckReminder(credentials).then((r) => r.ok && setReminder(r.value));
  }, [credentials.id]);

  const send = async (event: Event) => {
    event.preventDefault();
    if (step.kind === 'busy') return;
    setStep({ kind: 'busy' });
    const address = email.trim();
    const sent = await api.mailReport(credentials, { email: address, locale: i18n.locale });
    if (!sent.ok) {
      const field = sent.failure.errors.find((e) => e.pointer === '/email');
      setStep({ kind: 'failed', message: field ? `${i18n.t('mail.email')}: ${fieldMessage(i18n, field)}` : sent.failure.status === 0 ? i18n.t('error.offline') : problemMessage(i18n, sent.failure) });
      return;
    }
    if (remind) {
      const saved = await api.setRecheckReminder(credentials, { email: address, locale: i18n.locale });
      if (saved.ok) setReminder(saved.value);
    }
    setStep({ kind: 'sent', email: address });
  };

  const cancel = async () => {
    const cancelled = await api.cancelRecheckReminder(credentials);
    if (cancelled.ok) setReminder((r) => (r ? { ...r, reminder: null } : r));
  };

  const due = reminder?.reminder;
  return (
    <form class="card mail-report" aria-labelledby="mail-report-title" onSubmit={send} noValidate>
      <h3 id="mail-report-title" class="card__title">
        {i18n.t('mail.title')}
      </h3>
      <p>{i18n.t('mail.text')}</p>
      <label class="field">
        <span>{i18n.t('mail.email')}</span>
        <input type="email" required maxLength={254} autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      {due ? null : (
        <label class="choice">
          <input type="checkbox" checked={remind} onChange={(e) => setRemind(e.currentTarget.checked)} />
          <span class="choice__body">{i18n.t('mail.reminder', { months: reminder?.months ?? 6 })}</span>
        </label>
      )}
      <button type="submit" class="button button--large" aria-disabled={step.kind === 'busy'}>
        {step.kind === 'busy' ? i18n.t('mail.busy') : i18n.t('mail.send')}
      </button>
      <p class="mail-report__status" role="status" aria-live="polite">
        {step.kind === 'sent' ? i18n.t('mail.sent', { email: step.email }) : step.kind === 'failed' ? step.message : ''}
      </p>
      {due ? (
        <p class="mail-report__reminder">
          {i18n.t('mail.reminderSet', { date: i18n.date(due.dueAt), email: due.email })}{' '}
          <button type="button" class="button button--small button--quiet" onClick={cancel}>
            {i18n.t('mail.reminderCancel')}
          </button>
        </p>
      ) : null}
    </form>
  );
}
