/**
 * UI strings come from i18n/<locale>.json, questionnaire texts from the
 * definition ({ de, en }, falling back to German). The message files are
 * read-only data; the chosen locale lives in the app state.
 */
import type { Locale, LocalizedText } from '../../questionnaires/engine/index.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { localize } from '../../questionnaires/engine/localize.ts';
import de from '../i18n/de.json';
import en from '../i18n/en.json';
import problemsDe from '../i18n/problems.de.json';
import problemsEn from '../i18n/problems.en.json';
import scoutDe from '../i18n/scout.de.json';
import scoutEn from '../i18n/scout.en.json';
import staffDe from '../i18n/staff.de.json';
import staffEn from '../i18n/staff.en.json';

// One file per area (the check, chamber staff, process scouts) and one for the API's problem codes, merged; keys are prefixed per area.
const german = { ...de, ...staffDe, ...scoutDe, ...problemsDe };
export type Messages = typeof german;
export type MessageKey = keyof Messages;
// Typed against the German files, so a key missing in English fails the type check.
const english: Messages = { ...en, ...staffEn, ...scoutEn, ...problemsEn };
const MESSAGES: Readonly<Record<Locale, Messages>> = { de: german, en: english };

export const LOCALES: readonly Locale[] = ['de', 'en'];

/**
 * The first of the browser's languages we speak, by primary subtag (en-GB,
 * en-US and en all mean English; de-AT German); German when none fits: the
 * check is for German craft businesses.
 */
export function chooseLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.split('-')[0]!.toLowerCase();
    const found = LOCALES.find((locale) => locale === primary);
    if (found) return found;
  }
  return 'de';
}

export type Params = Record<string, string | number>;

/** A message with plural forms: `key#one`, `key#other` (the categories of Intl.PluralRules) in the files. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}#other` ? Base : never }[MessageKey];

export interface Translator {
  locale: Locale;
  /** Questionnaire texts in their one-person variant (the owner alone: no team, no apprentices). */
  solo: boolean;
  /** A UI string; `{name}` placeholders are filled from params. */
  t(key: MessageKey, params?: Params): string;
  /** Whether there is a UI string for this key (e.g. a problem code from a newer server). */
  has(key: string): key is MessageKey;
  /** The form of a counted message this locale's plural rules choose for `count` (also `{count}` in it). */
  plural(key: PluralKey, count: number, params?: Params): string;
  /** A questionnaire or catalogue text in this locale, else German; for a one-person business its `solo` variant. */
  text(value: LocalizedText | undefined): string;
  /** The same translator speaking to a one-person business, or to a business with a team. */
  voice(solo: boolean): Translator;
  number(value: number, digits?: number): string;
  date(iso: string, withTime?: boolean): string;
}

export function createTranslator(locale: Locale, solo = false, sibling?: Translator): Translator {
  const messages = MESSAGES[locale];
  const numbers = new Map<number, Intl.NumberFormat>();
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const pluralRules = new Intl.PluralRules(tag);
  let other = sibling;
  const translator: Translator = {
    locale,
    solo,
    has: (key): key is MessageKey => Object.hasOwn(MESSAGES.de, key),
    t(key, params) {
      const template = messages[key] ?? MESSAGES.de[key] ?? key;
      return params ? template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : template;
    },
    plural(key, count, params) {
      const form = `${key}#${pluralRules.select(count)}` as MessageKey;
      const chosen = Object.hasOwn(messages, form) ? form : (`${key}#other` as MessageKey);
      return translator.t(chosen, { count: translator.number(count), ...params });
    },
    text: (value) => (value ? localize(value, { locale, solo }) : ''),
    voice(next) {
      if (next === solo) return translator;
      other ??= createTranslator(locale, next, translator);
      return other;
    },
    number(value, digits = 0) {
      let format = numbers.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(tag, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
        numbers.set(digits, format);
      }
      return format.format(value);
    },
    date(iso, withTime = false) {
      // Catalogue times are local times without a zone, as printed on a flyer: shown as written.
      const local = iso.length === 16;
      return new Intl.DateTimeFormat(tag, {
        weekday: withTime ? 'short' : undefined,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
        ...(local ? { timeZone: 'UTC' } : {}),
      }).format(new Date(local ? `${iso}:00Z` : iso));
    },
  };
  return translator;
}
