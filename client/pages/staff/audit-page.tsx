/**
 * The audit log for admins, newest first, a page at a time: who exported
 * what with which filters, who created or changed which account.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/api-result.ts';
import type { AuditEntry, StaffUser } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import type { Translator } from '../../state/i18n.ts';
import { auditActionLabel, failureMessage } from './staff-labels.ts';
import { StaffHeading } from './staff-heading.tsx';
import { StaffLayout } from './staff-layout.tsx';
import { useStaff } from './staff-state.ts';

const PAGE_SIZE = 50;

/** `{ filters: { trade: 'x' }, suppressedRows: 2 }` → `trade: x · suppressedRows: 2`. */
export function auditDetails(details: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) add(k, v);
    else parts.push(`${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  };
  for (const [key, value] of Object.entries(details)) add(key, value);
  return parts.join(' · ');
}

const when = (i18n: Translator, iso: string) =>
  new Intl.DateTimeFormat(i18n.locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export function AuditPage() {
  const i18n = useI18n();
  const staff = useStaff();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [users, setUsers] = useState<Map<string, StaffUser>>(new Map());

  const load = async (before?: number) => {
    setBusy(true);
    setFailure(null);
    const page = await staff.api.audit({ limit: PAGE_SIZE, ...(before === undefined ? {} : { before }) });
    setBusy(false);
    if (!page.ok) return setFailure(page.failure);
    setEntries((list) => [...(before === undefined ? [] : (list ?? [])), ...page.value]);
    setMore(page.value.length === PAGE_SIZE);
  };

  useEffect(() => {
    void load();
    // Accounts named by id in the log are shown by their e-mail address where it is known.
    void staff.api.users().then((result) => {
      if (result.ok) setUsers(new Map(result.value.map((u) => [u.id, u])));
    });
  }, []);

  const last = entries?.[entries.length - 1];
  return (
    <StaffLayout current="audit">
      <StaffHeading page="/protokoll" eyebrow={i18n.t('staff.area')}>
        {i18n.t('staff.audit.title')}
      </StaffHeading>
      <p class="lead">{i18n.t('staff.audit.intro')}</p>
      {failure ? <Notice kind="error">{failureMessage(i18n, failure)}</Notice> : null}
      {entries ? (
        <section class="card audit" aria-labelledby="audit-table-caption">
          {entries.length === 0 ? (
            <p>{i18n.t('staff.audit.empty')}</p>
          ) : (
            <div class="table-scroll" role="region" aria-labelledby="audit-table-caption" tabIndex={0}>
              <table class="data-table data-table--audit">
                <caption id="audit-table-caption" class="data-table__caption--heading">
                  {i18n.t('staff.audit.tableCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('staff.audit.when')}</th>
                    <th scope="col">{i18n.t('staff.audit.who')}</th>
                    <th scope="col">{i18n.t('staff.audit.action')}</th>
                    <th scope="col">{i18n.t('staff.audit.subject')}</th>
                    <th scope="col">{i18n.t('staff.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.seq}>
                      <th scope="row" class="data-table__plain nowrap">
                        <time dateTime={entry.at}>{when(i18n, entry.at)}</time>
                      </th>
                      <td>{entry.actorEmail ?? i18n.t('staff.audit.system')}</td>
                      <td>{auditActionLabel(i18n, entry.action)}</td>
                      <td class="data-table__break">{entry.subject ? (users.get(entry.subject)?.email ?? entry.subject) : '–'}</td>
                      <td class="data-table__details">{auditDetails(entry.details) || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="visually-hidden" role="status" aria-live="polite">
            {busy ? i18n.t('staff.loading') : i18n.plural('staff.audit.shown', entries.length)}
          </p>
          {more && last ? (
            <button type="button" class="button audit__more" onClick={() => void load(last.seq)} aria-disabled={busy}>
              {i18n.t('staff.audit.more')}
            </button>
          ) : null}
        </section>
      ) : failure ? null : (
        <p class="loading">{i18n.t('staff.loading')}</p>
      )}
    </StaffLayout>
  );
}
