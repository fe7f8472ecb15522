/** Mail 3: staff hear of new requests — one at once, or the day's in a digest. */
import { FOOTER, Html, type MailContent, type MailLocale, frame, html, link, pick } from './layout.ts';

export interface RequestLine {
  offerTitle: string;
  kind: 'interest' | 'contact';
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  createdAt: string;
  /** The lead in the inbox (`/kammer/anfragen?lead=…`). */
  leadUrl: string;
}

const KIND = { de: { interest: 'Interesse', contact: 'Bitte um Kontakt' }, en: { interest: 'Interest', contact: 'Please contact me' } };

function when(locale: MailLocale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

function who(r: RequestLine): string {
  return [r.company && r.company !== r.name ? `${r.name} (${r.company})` : r.name, r.email, r.phone].filter(Boolean).join(' · ');
}

function lines(locale: MailLocale, requests: RequestLine[]): { text: string; html: Html } {
  return {
    text: requests.map((r) => `- ${KIND[locale][r.kind]}: ${r.offerTitle}\n  ${who(r)}\n  ${when(locale, r.createdAt)} · ${r.leadUrl}`).join('\n'),
    html: html`<ul style="padding-left:20px">${requests.map(
      (r) => html`<li style="margin-bottom:12px"><strong>${KIND[locale][r.kind]}: ${r.offerTitle}</strong><br>${who(r)}<br>${when(locale, r.createdAt)} · ${link(r.leadUrl, locale === 'de' ? 'im Posteingang öffnen' : 'open in the inbox')}</li>`,
    )}</ul>`,
  };
}

export function newRequestsMail(locale: MailLocale, requests: RequestLine[], digest: { day: string } | null): MailContent {
  const day = digest ? new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(digest.day)) : '';
  const t = pick(locale, {
    de: {
      subject: digest ? `Neue Anfragen im Digitalisierungs-Check (${requests.length}) – ${day}` : `Neue Anfrage: ${requests[0]!.offerTitle}`,
      intro: digest ? `seit der letzten Übersicht sind ${requests.length} neue Anfragen eingegangen:` : 'ein Betrieb hat gerade eine Anfrage gestellt:',
      settings: 'Ob Sie sofort oder einmal täglich benachrichtigt werden, stellen Sie im Kammerbereich unter „E-Mail“ ein.',
    },
    en: {
      subject: digest ? `New requests in the digital-maturity check (${requests.length}) – ${day}` : `New request: ${requests[0]!.offerTitle}`,
      intro: digest ? `${requests.length} new requests arrived since the last digest:` : 'a business has just asked for help:',
      settings: 'Choose between at once and a daily digest in the chamber area under “E-mail”.',
    },
  });
  const list = lines(locale, requests);
  const hello = locale === 'de' ? 'Guten Tag,' : 'Hello,';
  return {
    subject: t.subject,
    text: `${hello}\n\n${t.intro}\n\n${list.text}\n\n${t.settings}\n\n-- \n${FOOTER[locale]}\n`,
    html: frame(locale, t.subject, html`<p>${hello}</p><p>${t.intro}</p>${list.html}<p>${t.settings}</p>`, FOOTER[locale]),
  };
}
