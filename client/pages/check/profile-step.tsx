import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { BusinessProfile, ProfileField, ProfileFieldSpec, ProfileSection } from '../../../questionnaires/engine/index.ts';
import { useI18n } from '../../app-context.ts';
import { HelpText } from '../../components/help-text/help-text.tsx';
import type { CheckSession } from '../../state/check-session.ts';
import type { MessageKey, Translator } from '../../state/i18n.ts';

const INVALID: Partial<Record<ProfileField, MessageKey>> = {
  postcode: 'profile.postcodeInvalid',
  email: 'profile.emailInvalid',
};

/** The business profile: every field comes from the questionnaire's profile section, in its order. */
export function ProfileFields({ section, session }: { section: ProfileSection; session: CheckSession }) {
  const i18n = useI18n();
  const profile = session.values.value.profile;
  const rejected = session.rejected.value;
  return (
    <div class="questions">
      {section.fields.map((spec) => (
        <ProfileFieldInput
          key={spec.field}
          spec={spec}
          profile={profile}
          error={rejected[`profile.${spec.field}`] === undefined ? null : i18n.t(INVALID[spec.field] ?? 'profile.invalid')}
          session={session}
          i18n={i18n}
        />
      ))}
    </div>
  );
}

function ProfileFieldInput({
  spec,
  profile,
  error,
  session,
  i18n,
}: {
  spec: ProfileFieldSpec;
  profile: BusinessProfile;
  error: string | null;
  session: CheckSession;
  i18n: Translator;
}) {
  const { definition } = session.prepared;
  const id = `profile-${spec.field}`;
  const optional = spec.required ? null : <span class="tag">{i18n.t('question.optional')}</span>;
  const title = (
    <>
      <span class="question__text">{i18n.text(spec.text)}</span>
      {optional}
    </>
  );

  if (spec.field === 'trade' || spec.field === 'employees') {
    const choices = spec.field === 'trade' ? definition.profile.trades : definition.profile.employeeBands;
    const field = spec.field;
    return (
      <div class="question" id={`q-profile-${field}`} tabIndex={-1}>
        <fieldset class="question__fieldset">
          <legend class="question__legend">{title}</legend>
          {spec.help ? <HelpText text={i18n.text(spec.help)} /> : null}
          <div class={field === 'employees' ? 'choices choices--grid' : 'choices'}>
            {choices.map((choice) => {
              const inputId = `${id}-${choice.id}`;
              return (
                <label class="choice" for={inputId} key={choice.id}>
                  <input
                    type="radio"
                    id={inputId}
                    name={id}
                    checked={profile[field] === choice.id}
                    aria-labelledby={`${inputId}-label`}
                    aria-describedby={choice.help ? `${inputId}-help` : undefined}
                    onChange={() => session.setProfile(field, choice.id)}
                  />
                  <span class="choice__body">
                    <span class="choice__label" id={`${inputId}-label`}>
                      {i18n.text(choice.label)}
                    </span>
                    {choice.help ? (
                      <span class="choice__help" id={`${inputId}-help`}>
                        {i18n.text(choice.help)}
                      </span>
                    ) : null}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
      </div>
    );
  }

  if (spec.field === 'contactConsent') {
    return (
      <div class="question" id={`q-profile-${spec.field}`} tabIndex={-1}>
        <div class="choices">
          <label class="choice" for={id}>
            <input
              type="checkbox"
              id={id}
              checked={profile.contactConsent === true}
              aria-labelledby={`${id}-label`}
              aria-describedby={spec.help ? `${id}-help` : undefined}
              onChange={(event) => session.setProfile('contactConsent', event.currentTarget.checked ? true : null)}
            />
            <span class="choice__body">
              <span class="choice__label" id={`${id}-label`}>
                {i18n.text(spec.text)}
              </span>
              {spec.help ? (
                <span class="choice__help" id={`${id}-help`}>
                  {i18n.text(spec.help)}
                </span>
              ) : null}
            </span>
          </label>
        </div>
        {profile.contactConsent === true && profile.email === undefined ? <p class="question__hint">{i18n.t('profile.consentNeedsEmail')}</p> : null}
      </div>
    );
  }

  return <TextProfileField spec={spec} id={id} title={title} value={profile[spec.field]} error={error} session={session} i18n={i18n} />;
}

const AUTOCOMPLETE: Partial<Record<ProfileField, string>> = { postcode: 'postal-code', companyName: 'organization', email: 'email' };

/** Postcode, company name, e-mail: saved when the field is left, checked by the server. */
function TextProfileField({
  spec,
  id,
  title,
  value,
  error,
  session,
  i18n,
}: {
  spec: ProfileFieldSpec;
  id: string;
  title: ComponentChildren;
  value: string | boolean | undefined;
  error: string | null;
  session: CheckSession;
  i18n: Translator;
}) {
  const field = spec.field as 'postcode' | 'companyName' | 'email';
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (typeof value === 'string' ? value : '');
  const describedBy = [spec.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const commit = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === (typeof value === 'string' ? value : '') && !error) return;
    session.setProfile(field, trimmed === '' ? null : trimmed);
  };
  return (
    <div class="question" id={`q-profile-${field}`} tabIndex={-1}>
      <div class="question__fieldset">
        <label class="question__legend" for={id}>
          {title}
        </label>
        {spec.help ? (
          <p class="question__hint" id={`${id}-help`}>
            {i18n.text(spec.help)}
          </p>
        ) : null}
        <input
          id={id}
          name={id}
          class={field === 'postcode' ? 'input input--postcode' : 'input'}
          type="text"
          inputMode={field === 'postcode' ? 'numeric' : field === 'email' ? 'email' : undefined}
          autoComplete={AUTOCOMPLETE[field]}
          maxLength={field === 'postcode' ? 5 : field === 'email' ? 254 : 200}
          value={shown}
          required={spec.required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={(event) => commit(event.currentTarget.value)}
        />
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
