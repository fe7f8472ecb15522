/**
 * E-mail in the staff area: every staff member chooses how to hear of new
 * requests (at once, a daily digest, none); admins also see the outgoing
 * queue — what waits, what failed with the mail server's answer — and purge it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/api-result.ts';
import type { MailPreferences, MailQueue, MailStatus } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import type { MessageKey, Translator } from '../../state/i18n.ts';
import { failureMessage } from './staff-labels.ts';
import { StaffHeading } from './staff-heading.tsx';
import { StaffLayout } from './staff-layout.tsx';
import { useStaff } from './staff-state.ts';

const MODES = ['immediate', 'daily', 'off'] as const;

const when = (i18n: Translator, iso: string | null) =>
  iso ? new Intl.DateTimeFormat(i18n.locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '–';

export function MailPage() {
  const i18n = useI18n();
  const staff = useStaff();
  const auth = staff.auth.value;
  const isAdmin = auth.status === 'in' && auth.user.role === 'admin';
  const [preferences, setPreferences] = useState<MailPreferences | null>(null);
  const [saved, setSaved] = useState(false);
  const [queue, setQueue] = useState<MailQueue | null>(null);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const loadQueue = async () => {
    const result = await staff.api.mailQueue();
    if (result.ok) setQueue(result.value);
    else setFailure(result.failure);
  };

  useEffect(() => {
    void staff.api.mailPreferences().then((r) => (r.ok ? setPreferences(r.value) : setFailure(r.failure)));
    if (isAdmin) void loadQueue();
  }, [isAdmin]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!preferences) return;
    setSaved(false);
    const result = await staff.api.saveMailPreferences(preferences);
    if (!result.ok) return setFailure(result.failure);
    setPreferences(result.value);
    setSaved(true);
  };

  const purge = async (status?: MailStatus) => {
    const result = await staff.api.purgeMailQueue(status);
    if (!result.ok) return setFailure(result.failure);
    setNotice(i18n.t('staff.mail.purged', { count: result.value.deleted }));
    await loadQueue();
  };

  return (
    <StaffLayout current="mail">
      <StaffHeading page="/e-mail" eyebrow={i18n.t('staff.area')}>
        {i18n.t('staff.mail.title')}
      </StaffHeading>
      <p class="lead">{i18n.t('staff.mail.intro')}</p>
      {failure ? <Notice kind="error">{failureMessage(i18n, failure)}</Notice> : null}
      {preferences ? (
        <form class="card mail-preferences" onSubmit={save}>
          <fieldset>
            <legend class="card__title">{i18n.t('staff.mail.preferencesTitle')}</legend>
            {MODES.map((mode) => (
              <label class="choice" key={mode}>
                <input type="radio" name="newRequests" value={mode} checked={preferences.newRequests === mode} onChange={() => setPreferences({ ...preferences, newRequests: mode })} />
                <span class="choice__body">{i18n.t(`staff.mail.mode.${mode}` as MessageKey)}</span>
              </label>
            ))}
          </fieldset>
          <label class="field">
            <span>{i18n.t('staff.mail.locale')}</span>
            <select value={preferences.locale} onChange={(e) => setPreferences({ ...preferences, locale: e.currentTarget.value === 'en' ? 'en' : 'de' })}>
              <option value="de" lang="de">
                {i18n.t('staff.mail.locale.de')}
              </option>
              <option value="en" lang="en">
                {i18n.t('staff.mail.locale.en')}
              </option>
            </select>
          </label>
          <button type="submit" class="button button--primary">
            {i18n.t('staff.mail.save')}
          </button>
          <p role="status" aria-live="polite">
            {saved ? i18n.t('staff.mail.saved') : ''}
          </p>
        </form>
      ) : null}
      {isAdmin && queue ? (
        <section class="card mail-queue" aria-labelledby="mail-queue-title">
          <h2 id="mail-queue-title">{i18n.t('staff.mail.queueTitle')}</h2>
          <p>{i18n.t('staff.mail.transport', { transport: queue.transport })}</p>
          <p>{i18n.t('staff.mail.counts', { queued: queue.counts.queued, sending: queue.counts.sending, failed: queue.counts.failed })}</p>
          <p role="status" aria-live="polite">
            {notice}
          </p>
          {queue.items.length === 0 ? (
            <p>{i18n.t('staff.mail.empty')}</p>
          ) : (
            <div class="table-scroll" role="region" aria-labelledby="mail-table-caption" tabIndex={0}>
              <table class="data-table">
                <caption id="mail-table-caption" class="data-table__caption--heading">
                  {i18n.t('staff.mail.tableCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('staff.mail.kind')}</th>
                    <th scope="col">{i18n.t('staff.mail.recipient')}</th>
                    <th scope="col">{i18n.t('staff.mail.status')}</th>
                    <th scope="col">{i18n.t('staff.mail.attempts')}</th>
                    <th scope="col">{i18n.t('staff.mail.lastError')}</th>
                    <th scope="col">{i18n.t('staff.mail.next')}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.items.map((mail) => (
                    <tr key={mail.id}>
                      <th scope="row" class="data-table__plain">
                        {i18n.t(`staff.mail.kind.${mail.kind}` as MessageKey)}
                      </th>
                      <td class="data-table__break">{mail.recipient}</td>
                      <td>{i18n.t(`staff.mail.status.${mail.status}` as MessageKey)}</td>
                      <td>{mail.attempts}</td>
                      <td class="data-table__break">{mail.lastError ?? '–'}</td>
                      <td class="nowrap">{when(i18n, mail.nextAttemptAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="mail-queue__actions">
            <button type="button" class="button" onClick={() => void loadQueue()}>
              {i18n.t('staff.mail.reload')}
            </button>{' '}
            <button type="button" class="button" onClick={() => void purge('failed')}>
              {i18n.t('staff.mail.purgeFailed')}
            </button>{' '}
            <button type="button" class="button button--danger" onClick={() => void purge()}>
              {i18n.t('staff.mail.purgeAll')}
            </button>
          </div>
        </section>
      ) : null}
    </StaffLayout>
  );
}
