import { useRef, useState } from 'preact/hooks';
import type { PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import { useI18n } from '../../app-context.ts';
import type { VisitBusiness } from '../../api/scout-api.ts';
import type { MessageKey } from '../../state/i18n.ts';
import type { NewVisit } from '../../state/scout/scout-state.ts';

type Field = 'name' | 'trade' | 'employees' | 'postcode' | 'contactPerson' | 'visitDate';
type Errors = Partial<Record<Field, MessageKey>>;

const NAME_MAX = 200;

/**
 * Checked here as the server checks them (visit-schemas.ts): a value the
 * server would refuse would hold up the whole outbox, so it never gets in.
 */
function validate(values: Record<Field, string>, prepared: PreparedQuestionnaire): Errors {
  const errors: Errors = {};
  if (values.name.trim() === '') errors.name = 'scout.businessRequired';
  if (!prepared.tradeIds.has(values.trade)) errors.trade = 'scout.businessChooseOne';
  if (!prepared.employeeBandIds.has(values.employees)) errors.employees = 'scout.businessChooseOne';
  if (!/^\d{5}$/.test(values.postcode.trim())) errors.postcode = 'scout.businessPostcodeInvalid';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.visitDate)) errors.visitDate = 'scout.businessDateInvalid';
  return errors;
}

export function BusinessForm({
  prepared,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  disabled = false,
}: {
  prepared: PreparedQuestionnaire;
  initial: NewVisit;
  submitLabel: string;
  onSubmit: (value: NewVisit) => Promise<void> | void;
  onCancel?: () => void;
  disabled?: boolean;
}) {
  const i18n = useI18n();
  const [values, setValues] = useState<Record<Field, string>>({
    name: initial.business.name,
    trade: initial.business.trade,
    employees: initial.business.employees,
    postcode: initial.business.postcode,
    contactPerson: initial.business.contactPerson ?? '',
    visitDate: initial.visitDate,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const set = (field: Field) => (event: Event) => setValues({ ...values, [field]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const { trades, employeeBands } = prepared.definition.profile;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || disabled) return;
    const found = validate(values, prepared);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // The summary takes the focus so a screen reader hears what to fix; each field names its own problem.
      window.setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    const contact = values.contactPerson.trim();
    const business: VisitBusiness = {
      name: values.name.trim(),
      trade: values.trade,
      employees: values.employees,
      postcode: values.postcode.trim(),
      ...(contact ? { contactPerson: contact } : {}),
    };
    setBusy(true);
    try {
      await onSubmit({ business, visitDate: values.visitDate });
    } finally {
      setBusy(false);
    }
  };

  const error = (field: Field) =>
    errors[field] ? (
      <p class="field-error" id={`visit-${field}-error`}>
        {i18n.t(errors[field]!)}
      </p>
    ) : null;
  const described = (field: Field, hint?: string) => [hint, errors[field] ? `visit-${field}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form class="business-form" onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 ? (
        <div class="notice notice--error" tabIndex={-1} ref={summary} role="alert">
          {i18n.t('scout.businessErrors')}
        </div>
      ) : null}
      <fieldset class="business-form__grid" disabled={disabled}>
        <div class="scout-field scout-field--wide">
          <label class="scout-field__label" for="visit-name">
            {i18n.t('scout.businessName')}
          </label>
          <input
            id="visit-name"
            class="input"
            autoComplete="organization"
            maxLength={NAME_MAX}
            value={values.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={described('name')}
            onInput={set('name')}
          />
          {error('name')}
        </div>
        <div class="scout-field">
          <label class="scout-field__label" for="visit-trade">
            {i18n.t('scout.businessTrade')}
          </label>
          <select
            id="visit-trade"
            class="input select"
            value={values.trade}
            aria-invalid={errors.trade ? true : undefined}
            aria-describedby={described('trade')}
            onChange={set('trade')}
          >
            <option value="">{i18n.t('scout.businessTradeChoose')}</option>
            {trades.map((trade) => (
              <option key={trade.id} value={trade.id}>
                {i18n.text(trade.label)}
              </option>
            ))}
          </select>
          {error('trade')}
        </div>
        <div class="scout-field">
          <label class="scout-field__label" for="visit-postcode">
            {i18n.t('scout.businessPostcode')}
          </label>
          <input
            id="visit-postcode"
            class="input input--postcode"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            value={values.postcode}
            aria-invalid={errors.postcode ? true : undefined}
            aria-describedby={described('postcode', 'visit-postcode-hint')}
            onInput={set('postcode')}
          />
          <p class="question__hint" id="visit-postcode-hint">
            {i18n.t('scout.businessPostcodeHint')}
          </p>
          {error('postcode')}
        </div>
        <div class="scout-field scout-field--wide" role="radiogroup" aria-labelledby="visit-employees-label" aria-describedby={described('employees')}>
          <p class="scout-field__label" id="visit-employees-label">
            {i18n.t('scout.businessEmployees')}
          </p>
          <div class="segmented">
            {employeeBands.map((band) => (
              <label class="segmented__option" key={band.id}>
                <input type="radio" name="visit-employees" value={band.id} checked={values.employees === band.id} onChange={set('employees')} />
                <span>{i18n.text(band.label)}</span>
              </label>
            ))}
          </div>
          {error('employees')}
        </div>
        <div class="scout-field">
          <label class="scout-field__label" for="visit-contact">
            {i18n.t('scout.businessContact')} <span class="tag">{i18n.t('question.optional')}</span>
          </label>
          <input id="visit-contact" class="input" autoComplete="name" maxLength={NAME_MAX} value={values.contactPerson} onInput={set('contactPerson')} />
        </div>
        <div class="scout-field">
          <label class="scout-field__label" for="visit-date">
            {i18n.t('scout.businessVisitDate')}
          </label>
          <input
            id="visit-date"
            class="input input--date"
            type="date"
            value={values.visitDate}
            aria-invalid={errors.visitDate ? true : undefined}
            aria-describedby={described('visitDate')}
            onInput={set('visitDate')}
          />
          {error('visitDate')}
        </div>
      </fieldset>
      <div class="business-form__actions">
        {onCancel ? (
          <button type="button" class="button button--quiet" onClick={onCancel}>
            {i18n.t('scout.cancel')}
          </button>
        ) : null}
        <button type="submit" class="button button--primary button--large" aria-disabled={busy || disabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
