/**
 * Words for the business in front of you: a text in the reader's language,
 * and in its one-person variant when the business is the owner alone. The
 * web app, the PDF and the scouts' tablet resolve every questionnaire and
 * catalogue text through here, so they all say the same thing.
 */
import type { Locale, LocalizedText, Questionnaire } from './schema.ts';

/** Who a text is written for: the language, and whether the business is one person. */
export interface Voice {
  locale: Locale;
  solo: boolean;
}

/**
 * The text in `voice`. A one-person business gets the `solo` variant where
 * there is one; English falls back to the usual English text before German,
 * because the wrong language is worse than a mention of a team.
 */
export function localize(value: LocalizedText, voice: Voice): string {
  const solo = voice.solo ? value.solo : undefined;
  if (voice.locale === 'en') return solo?.en ?? value.en ?? solo?.de ?? value.de;
  return solo?.de ?? value.de;
}

/**
 * Whether an employee band means the owner alone. Bands say so with
 * `solo: true`; a definition released before that flag existed (handwerk-digital
 * 1.0.0) marks no band, and there the band "1" is the one-person business.
 */
export function isSoloBusiness(questionnaire: Pick<Questionnaire, 'profile'>, employees: string | null | undefined): boolean {
  if (!employees) return false;
  const bands = questionnaire.profile.employeeBands;
  if (bands.some((band) => band.solo !== undefined)) return bands.some((band) => band.id === employees && band.solo === true);
  return employees === '1';
}
