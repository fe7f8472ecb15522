/**
 * The offers editor ("Angebote"): workshops with create, edit, copy (a
 * recurring workshop gets a new date in two clicks: "Kopieren", then the
 * date and "Speichern") and retire; partners and topics listed with retire.
 * A stale edit (someone else saved first) reloads the entry and says so,
 * nothing is overwritten; a refused field is named at the form.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Catalogue } from '../../../questionnaires/engine/index.ts';
import type { ApiFailure } from '../../api/api-result.ts';
import type { OfferEntry, OfferKind } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import type { MessageKey } from '../../state/i18n.ts';
import { fieldMessage } from '../../state/problem-messages.ts';
import { failureMessage } from './staff-labels.ts';

/** `/topics/1` → `topics 2`: the field a refusal names, as staff read it. */
const fieldLabel = (pointer: string) =>
  pointer
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? String(Number(s) + 1) : s))
    .join(' ');
import { StaffHeading } from './staff-heading.tsx';
import { STAFF_PAGES, StaffLayout } from './staff-layout.tsx';
import { useStaff } from './staff-state.ts';

const FORMATS = ['workshop', 'webinar', 'seminar', 'consultation-day', 'course', 'event'] as const;

interface WorkshopForm {
  id: string;
  titleDe: string;
  titleEn: string;
  summaryDe: string;
  topics: string[];
  format: (typeof FORMATS)[number];
  start: string;
  end: string;
  online: boolean;
  place: string;
  regions: string[];
  capacity: string;
  provider: string;
  registrationUrl: string;
}

type Localized = { de: string; en?: string };
const de = (v: unknown) => (typeof v === 'object' && v !== null ? ((v as Localized).de ?? '') : typeof v === 'string' ? v : '');

function formOf(entry: OfferEntry | null): WorkshopForm {
  const d = (entry?.data ?? {}) as Record<string, unknown>;
  return {
    id: entry?.id ?? '',
    titleDe: de(d.title),
    titleEn: typeof d.title === 'object' && d.title ? ((d.title as Localized).en ?? '') : '',
    summaryDe: de(d.summary),
    topics: (d.topics as string[] | undefined) ?? [],
    format: (d.format as WorkshopForm['format'] | undefined) ?? 'workshop',
    start: (d.start as string | undefined) ?? '',
    end: (d.end as string | undefined) ?? '',
    online: d.online === true,
    place: de(d.place),
    regions: (d.regions as string[] | undefined) ?? [],
    capacity: d.capacity === undefined ? '' : String(d.capacity),
    provider: de(d.provider),
    registrationUrl: (d.registrationUrl as string | undefined) ?? '',
  };
}

/** The body of a workshop from the form; `null` clears what the form left empty. */
function bodyOf(form: WorkshopForm, forPatch: boolean): Record<string, unknown> {
  const empty = forPatch ? null : undefined;
  const body: Record<string, unknown> = {
    title: form.titleEn.trim() ? { de: form.titleDe, en: form.titleEn } : { de: form.titleDe },
    summary: form.summaryDe.trim() ? { de: form.summaryDe } : empty,
    topics: form.topics,
    format: form.format,
    start: form.start,
    end: form.end || empty,
    online: form.online,
    place: form.place.trim() ? form.place : empty,
    regions: form.regions,
    capacity: form.capacity ? Number(form.capacity) : empty,
    provider: form.provider,
    registrationUrl: form.registrationUrl,
  };
  if (!forPatch) body.id = form.id;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/** `backup-abend-2027-03-04` from the title and the new date. */
const suggestId = (title: string, start: string) =>
  `${title.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40)}-${start.slice(0, 10)}`.replace(/^-/, '');

export function OffersPage() {
  const i18n = useI18n();
  const staff = useStaff();
  const [kind, setKind] = useState<OfferKind>('workshop');
  const [entries, setEntries] = useState<OfferEntry[] | null>(null);
  const [withRetired, setWithRetired] = useState(false);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [editing, setEditing] = useState<{ entry: OfferEntry | null; form: WorkshopForm } | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');

  const load = async () => {
    const list = await staff.api.offers(kind, withRetired);
    if (list.ok) setEntries(list.value);
    else setFailure(list.failure);
  };
  useEffect(() => {
    setEntries(null);
    void load();
  }, [kind, withRetired]);
  useEffect(() => {
    void staff.api.catalogue().then((r) => r.ok && setCatalogue(r.value));
  }, []);

  const topicTitle = (id: string) => de(catalogue?.topics.find((t) => t.id === id)?.title) || id;
  const title = (e: OfferEntry) => de(e.data.title ?? e.data.name);

  const save = async () => {
    if (!editing) return;
    setFailure(null);
    const { entry, form } = editing;
    const result = entry ? await staff.api.updateOffer('workshop', entry.id, entry.revision, bodyOf(form, true)) : await staff.api.createOffer('workshop', bodyOf(form, false));
    if (!result.ok) {
      if (result.failure.status === 409) setStatus(i18n.t('staff.offers.stale'));
      setFailure(result.failure);
      if (result.failure.status === 409) await load();
      return;
    }
    setEditing(null);
    setStatus(i18n.t('staff.offers.saved', { title: title(result.value) }));
    await load();
  };

  const retire = async (entry: OfferEntry) => {
    if (!window.confirm(i18n.t('staff.offers.retireConfirm', { title: title(entry) || entry.id }))) return;
    const result = await staff.api.retireOffer(kind, entry.id, entry.revision);
    if (!result.ok) return setFailure(result.failure);
    setStatus(i18n.t('staff.offers.retired', { title: title(entry) || entry.id }));
    await load();
  };

  const copy = (entry: OfferEntry) => {
    const form = formOf(entry);
    setEditing({ entry: null, form: { ...form, id: '', start: '', end: '' } });
  };

  const field = (key: keyof WorkshopForm) => ({
    value: editing?.form[key] as string,
    onInput: (e: Event) => {
      const value = (e.currentTarget as HTMLInputElement).value;
      setEditing((ed) => {
        if (!ed) return ed;
        const form = { ...ed.form, [key]: value };
        // A copy gets its id from the title and the new date, unless someone typed one.
        if (!ed.entry && key === 'start' && (!ed.form.id || ed.form.id === suggestId(ed.form.titleDe, ed.form.start))) form.id = suggestId(form.titleDe, value);
        return { ...ed, form };
      });
    },
  });
  const toggle = (key: 'topics' | 'regions', id: string) =>
    setEditing((ed) => ed && { ...ed, form: { ...ed.form, [key]: ed.form[key].includes(id) ? ed.form[key].filter((x) => x !== id) : [...ed.form[key], id] } });

  return (
    <StaffLayout current="offers">
      <StaffHeading page={STAFF_PAGES.offers}>{i18n.t('staff.offers.title')}</StaffHeading>
      <p class="lead">{i18n.t('staff.offers.lead')}</p>
      <div class="staff-toolbar" role="group" aria-label={i18n.t('staff.offers.kinds')}>
        {(['workshop', 'partner', 'topic'] as const).map((k) => (
          <button key={k} type="button" class="button button--small" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {i18n.t(`staff.offers.kind.${k}` as MessageKey)}
          </button>
        ))}
        <label class="choice-inline">
          <input type="checkbox" checked={withRetired} onChange={(e) => setWithRetired(e.currentTarget.checked)} /> {i18n.t('staff.offers.showRetired')}
        </label>
        {kind === 'workshop' ? (
          <button type="button" class="button button--primary" onClick={() => setEditing({ entry: null, form: formOf(null) })}>
            {i18n.t('staff.offers.new')}
          </button>
        ) : null}
      </div>
      <p role="status" class="staff-status">
        {status}
      </p>
      {failure ? <Notice kind="error">{failureMessage(i18n, failure)}{failure.errors.length ? ` (${failure.errors.map((e) => `${fieldLabel(e.pointer)}: ${fieldMessage(i18n, e)}`).join('; ')})` : ''}</Notice> : null}

      {editing ? (
        <form
          class="card offer-form"
          aria-labelledby="offer-form-title"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2 id="offer-form-title">{editing.entry ? i18n.t('staff.offers.edit', { title: editing.form.titleDe }) : i18n.t('staff.offers.new')}</h2>
          {!editing.entry ? (
            <label class="field">
              <span>{i18n.t('staff.offers.field.id')}</span>
              <input type="text" required pattern="[a-z0-9]+(-[a-z0-9]+)*" {...field('id')} />
            </label>
          ) : null}
          <label class="field">
            <span>{i18n.t('staff.offers.field.titleDe')}</span>
            <input type="text" required maxLength={300} {...field('titleDe')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.titleEn')}</span>
            <input type="text" maxLength={300} {...field('titleEn')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.summary')}</span>
            <textarea maxLength={2000} rows={3} {...field('summaryDe')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.format')}</span>
            <select {...field('format')}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {i18n.t(`workshopFormat.${f}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.start')}</span>
            <input type="datetime-local" required {...field('start')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.end')}</span>
            <input type="datetime-local" {...field('end')} />
          </label>
          <label class="choice-inline">
            <input type="checkbox" checked={editing.form.online} onChange={(e) => setEditing((ed) => ed && { ...ed, form: { ...ed.form, online: e.currentTarget.checked } })} /> {i18n.t('staff.offers.field.online')}
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.place')}</span>
            <input type="text" maxLength={300} {...field('place')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.capacity')}</span>
            <input type="number" min={1} {...field('capacity')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.provider')}</span>
            <input type="text" required maxLength={300} {...field('provider')} />
          </label>
          <label class="field">
            <span>{i18n.t('staff.offers.field.registrationUrl')}</span>
            <input type="url" required maxLength={500} {...field('registrationUrl')} />
          </label>
          <fieldset class="field">
            <legend>{i18n.t('staff.offers.field.topics')}</legend>
            <div class="offer-form__choices">
              {(catalogue?.topics ?? []).map((t) => (
                <label key={t.id} class="choice-inline">
                  <input type="checkbox" checked={editing.form.topics.includes(t.id)} onChange={() => toggle('topics', t.id)} /> {de(t.title)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset class="field">
            <legend>{i18n.t('staff.offers.field.regions')}</legend>
            <div class="offer-form__choices">
              {(catalogue?.regions ?? []).map((r) => (
                <label key={r.id} class="choice-inline">
                  <input type="checkbox" checked={editing.form.regions.includes(r.id)} onChange={() => toggle('regions', r.id)} /> {de(r.name)}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="staff-toolbar">
            <button type="submit" class="button button--primary">
              {i18n.t('staff.offers.save')}
            </button>
            <button type="button" class="button" onClick={() => setEditing(null)}>
              {i18n.t('staff.offers.cancel')}
            </button>
          </div>
        </form>
      ) : null}

      {entries === null ? (
        <p class="loading" role="status">
          {i18n.t('staff.loading')}
        </p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="offers-table-caption" tabIndex={0}>
        <table class="data-table">
          <caption id="offers-table-caption" class="visually-hidden">
            {i18n.t(`staff.offers.kind.${kind}` as MessageKey)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('staff.offers.col.title')}</th>
              {kind === 'workshop' ? <th scope="col">{i18n.t('staff.offers.col.start')}</th> : null}
              {kind !== 'topic' ? <th scope="col">{i18n.t('staff.offers.col.topics')}</th> : null}
              <th scope="col">{i18n.t('staff.offers.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} class={e.retired ? 'is-retired' : undefined}>
                <th scope="row">
                  {title(e) || e.id}
                  {e.retired ? ` (${i18n.t('staff.offers.retiredTag')})` : ''}
                </th>
                {kind === 'workshop' ? <td>{String(e.data.start ?? '').replace('T', ' ')}</td> : null}
                {kind !== 'topic' ? <td>{((e.data.topics as string[] | undefined) ?? []).map(topicTitle).join(', ')}</td> : null}
                <td class="staff-table__actions">
                  {kind === 'workshop' && !e.retired ? (
                    <>
                      <button type="button" class="button button--small" onClick={() => setEditing({ entry: e, form: formOf(e) })}>
                        {i18n.t('staff.offers.editAction')}
                        <span class="visually-hidden">: {title(e)}</span>
                      </button>
                      <button type="button" class="button button--small" onClick={() => copy(e)}>
                        {i18n.t('staff.offers.copy')}
                        <span class="visually-hidden">: {title(e)}</span>
                      </button>
                      <a class="button button--small button--quiet" href={staff.api.interestedUrl(e.id)}>
                        {i18n.t('staff.offers.interested')}
                        <span class="visually-hidden">: {title(e)}</span>
                      </a>
                    </>
                  ) : null}
                  {!e.retired ? (
                    <button type="button" class="button button--small button--danger" onClick={() => void retire(e)}>
                      {i18n.t('staff.offers.retire')}
                      <span class="visually-hidden">: {title(e) || e.id}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </StaffLayout>
  );
}
