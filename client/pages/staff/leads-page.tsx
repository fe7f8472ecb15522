/**
 * The leads inbox ("Anfragen"): every business that consented to contact,
 * newest activity first, with its result summary and what it asked for;
 * status, outcome, assignee and notes per lead; filters and "load more".
 * A stale save (a colleague saved first) reloads the lead and says so.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Catalogue } from '../../../questionnaires/engine/index.ts';
import type { ApiFailure } from '../../api/api-result.ts';
import type { Lead, LeadFilters, LeadOutcome, LeadStatus } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import type { MessageKey } from '../../state/i18n.ts';
import { failureMessage } from './staff-labels.ts';
import { StaffHeading } from './staff-heading.tsx';
import { STAFF_PAGES, StaffLayout } from './staff-layout.tsx';
import { useStaff } from './staff-state.ts';

const STATUSES: LeadStatus[] = ['new', 'contacted', 'closed'];
const OUTCOMES: LeadOutcome[] = ['workshop-attended', 'consultation-started', 'no-interest'];
type Localized = { de: string; en?: string };

export function LeadsPage() {
  const i18n = useI18n();
  const staff = useStaff();
  const [filters, setFilters] = useState<LeadFilters>({});
  const [leads, setLeads] = useState<Lead[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [assignees, setAssignees] = useState<{ id: string; name: string; email: string }[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const text = (v: Localized | undefined) => (v ? (i18n.locale === 'en' ? (v.en ?? v.de) : v.de) : '');

  const load = async (after?: string) => {
    const page = await staff.api.leads(filters, after);
    if (!page.ok) return setFailure(page.failure);
    setLeads((list) => [...(after ? (list ?? []) : []), ...page.value.items]);
    setCursor(page.value.nextCursor);
  };
  useEffect(() => {
    setLeads(null);
    void load();
  }, [JSON.stringify(filters)]);
  useEffect(() => {
    void staff.api.catalogue().then((r) => r.ok && setCatalogue(r.value));
    void staff.api.assignees().then((r) => r.ok && setAssignees(r.value));
  }, []);

  const save = async (lead: Lead, change: { status?: LeadStatus; outcome?: LeadOutcome | null; assigneeId?: string | null; notes?: string }) => {
    setFailure(null);
    const result = await staff.api.updateLead(lead.id, { revision: lead.revision, ...change });
    if (!result.ok) {
      setFailure(result.failure);
      if (result.failure.status === 409) {
        setStatus(i18n.t('staff.leads.stale'));
        await load();
      }
      return;
    }
    setLeads((list) => list && list.map((l) => (l.id === lead.id ? result.value : l)));
    setStatus(i18n.t('staff.leads.saved', { name: result.value.name }));
  };

  const select = (key: keyof LeadFilters, label: string, options: { value: string; label: string }[]) => (
    <label class="field">
      <span>{label}</span>
      <select value={filters[key] ?? ''} onChange={(e) => setFilters((f) => ({ ...f, [key]: e.currentTarget.value || undefined }))}>
        <option value="">{i18n.t('staff.leads.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <StaffLayout current="leads">
      <StaffHeading page={STAFF_PAGES.leads}>{i18n.t('staff.leads.title')}</StaffHeading>
      <p class="lead">{i18n.t('staff.leads.lead')}</p>
      <div class="staff-filters">
        {select('status', i18n.t('staff.leads.status'), STATUSES.map((s) => ({ value: s, label: i18n.t(`staff.leads.statusValue.${s}` as MessageKey) })))}
        {select('topic', i18n.t('staff.leads.topic'), (catalogue?.topics ?? []).map((t) => ({ value: t.id, label: text(t.title) })))}
        {select('region', i18n.t('staff.leads.region'), (catalogue?.regions ?? []).map((r) => ({ value: r.id, label: text(r.name) })))}
        {select('assignee', i18n.t('staff.leads.assignee'), [{ value: 'none', label: i18n.t('staff.leads.unassigned') }, ...assignees.map((a) => ({ value: a.id, label: a.name || a.email }))])}
        <a class="button" href={staff.api.leadsExportUrl(filters)}>
          {i18n.t('staff.leads.export')}
        </a>
      </div>
      <p role="status" class="staff-status">
        {status}
      </p>
      {failure ? <Notice kind="error">{failureMessage(i18n, failure)}</Notice> : null}
      {leads === null ? (
        <p class="loading" role="status">
          {i18n.t('staff.loading')}
        </p>
      ) : leads.length === 0 ? (
        <p>{i18n.t('staff.leads.none')}</p>
      ) : (
        <ul class="leads">
          {leads.map((lead) => (
            <li key={lead.id} class="card lead">
              <h2 class="card__title">
                {lead.company ?? lead.name}
                {lead.company && lead.company !== lead.name ? ` – ${lead.name}` : ''}
              </h2>
              <p>
                {[lead.email, lead.phone].filter(Boolean).join(' · ')} · {i18n.t('staff.leads.index', { score: lead.overallScore })} · {i18n.date(lead.lastActivityAt)}
              </p>
              <ul>
                {lead.requests.map((r) => (
                  <li key={r.id}>
                    {i18n.t(r.kind === 'interest' ? 'staff.leads.kind.interest' : 'staff.leads.kind.contact')}: {text(r.title)} ({i18n.date(r.createdAt)})
                  </li>
                ))}
              </ul>
              <div class="staff-filters">
                <label class="field">
                  <span>{i18n.t('staff.leads.status')}</span>
                  <select value={lead.status} onChange={(e) => void save(lead, { status: e.currentTarget.value as LeadStatus, ...(e.currentTarget.value === 'closed' ? { outcome: lead.outcome ?? 'consultation-started' } : {}) })}>
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {i18n.t(`staff.leads.statusValue.${s}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
                {lead.status === 'closed' ? (
                  <label class="field">
                    <span>{i18n.t('staff.leads.outcome')}</span>
                    <select value={lead.outcome ?? ''} onChange={(e) => void save(lead, { outcome: e.currentTarget.value as LeadOutcome })}>
                      {OUTCOMES.map((o) => (
                        <option key={o} value={o}>
                          {i18n.t(`staff.leads.outcomeValue.${o}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null}
                <label class="field">
                  <span>{i18n.t('staff.leads.assignee')}</span>
                  <select value={lead.assignee?.id ?? ''} onChange={(e) => void save(lead, { assigneeId: e.currentTarget.value || null })}>
                    <option value="">{i18n.t('staff.leads.unassigned')}</option>
                    {assignees.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name || a.email}
                      </option>
                    ))}
                  </select>
                </label>
                <label class="field">
                  <span>{i18n.t('staff.leads.notes')}</span>
                  <textarea rows={2} maxLength={10_000} value={lead.notes} onChange={(e) => void save(lead, { notes: e.currentTarget.value })} />
                </label>
              </div>
            </li>
          ))}
        </ul>
      )}
      {cursor ? (
        <button type="button" class="button" onClick={() => void load(cursor)}>
          {i18n.t('staff.leads.more')}
        </button>
      ) : null}
    </StaffLayout>
  );
}
