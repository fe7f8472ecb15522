/**
 * Text hygiene and formatting for the report: free text from a business, a
 * scout or a catalogue reaches the PDF only through these functions.
 */

// C0 and C1 controls except the line feed, which separates paragraphs.
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi overrides and invisible formatting marks: PDF text is laid out left to
// right, so they would only show up as empty boxes or reorder nothing.
const INVISIBLE = /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function truncate(text: string, maxLength: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= maxLength) return text;
  return `${codePoints.slice(0, maxLength - 1).join('').trimEnd()}…`;
}

function clean(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC');
}

/** One line of text (a name, a title): no line breaks, no controls, at most `maxLength` characters. */
export function sanitizeLine(text: string, maxLength = 300): string {
  const line = clean(text).replace(/\s+/g, ' ').trim();
  return truncate(line, maxLength).replace(LONE_SURROGATE, '\uFFFD');
}

/** A paragraph or several (a note, an offer): paragraphs kept, blank runs collapsed. */
export function sanitizeBlock(text: string, maxLength = 10_000): string {
  const block = clean(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(block, maxLength).replace(LONE_SURROGATE, '\uFFFD');
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : match));
}

export interface NumberFormats {
  score(value: number): string;
  /** With a sign: +4,5 · −2 · ±0 */
  delta(value: number): string;
}

export function numberFormats(intlLocale: string): NumberFormats {
  const plain = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 });
  return {
    score: (value) => plain.format(value),
    delta: (value) => {
      const rounded = Math.round(value * 10) / 10;
      if (rounded === 0) return '±0';
      return `${rounded > 0 ? '+' : '\u2212'}${plain.format(Math.abs(rounded))}`;
    },
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function utcDate(year: string, month: string, day: string): Date {
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

/** `2026-11-23` → „23. November 2026“ / “23 November 2026”. */
export function formatDate(isoDate: string, intlLocale: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): ${isoDate}`);
  const [, year, month, day] = match as unknown as [string, string, string, string];
  return new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    utcDate(year, month, day),
  );
}

export interface LocalDateTimeParts {
  /** With weekday: „Do., 3. Dezember 2026“. */
  date: string;
  /** `17:00` */
  time: string;
  /** `2026-12-03`, to tell whether two times fall on one day. */
  day: string;
  dayOfMonth: string;
  /** „Dez.“ / “Dec” */
  monthShort: string;
  year: string;
}

/** Splits a catalogue's local date-time (`2026-12-03T17:00`) into printable parts; no time zone is involved. */
export function formatLocalDateTime(value: string, intlLocale: string): LocalDateTimeParts {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) throw new Error(`not a local date-time (YYYY-MM-DDTHH:MM): ${value}`);
  const [, year, month, day, hour, minute] = match as unknown as [string, string, string, string, string, string];
  const date = new Intl.DateTimeFormat(intlLocale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(year, month, day));
  const monthShort = new Intl.DateTimeFormat(intlLocale, { month: 'short', timeZone: 'UTC' }).format(utcDate(year, month, day));
  return { date, time: `${hour}:${minute}`, day: `${year}-${month}-${day}`, dayOfMonth: String(Number(day)), monthShort, year };
}
