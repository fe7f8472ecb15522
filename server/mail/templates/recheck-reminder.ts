/** Mail 4: the reminder to take the check again, with a link that starts a re-assessment linked to the earlier one. */
import { FOOTER, type MailContent, type MailLocale, frame, headerSafe, html, link, pick } from './layout.ts';

export interface RecheckReminderData {
  companyName: string | undefined;
  submittedAt: string;
  overallScore: number;
  recheckUrl: string;
  unsubscribeUrl: string;
}

export function recheckReminderMail(locale: MailLocale, data: RecheckReminderData): MailContent {
  const date = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(data.submittedAt));
  const score = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(data.overallScore);
  const company = data.companyName ? headerSafe(data.companyName, 120) : '';
  const t = pick(locale, {
    de: {
      subject: company ? `Zeit für einen neuen Digitalisierungs-Check: ${company}` : 'Zeit für einen neuen Digitalisierungs-Check',
      hello: 'Guten Tag,',
      intro: `am ${date} haben Sie den Digitalisierungs-Check gemacht (Gesamtergebnis ${score} von 100) und darum gebeten, an einen neuen Check erinnert zu werden.`,
      why: 'Ein neuer Check zeigt Ihnen, was sich seitdem getan hat – je Handlungsfeld im Vergleich mit dem ersten. Das dauert etwa 15 Minuten:',
      linkLabel: 'Neuen Check starten',
      unsubscribe: 'Sie möchten keine Erinnerung mehr? Abbestellen:',
      unsubscribeLabel: 'Erinnerung abbestellen',
    },
    en: {
      subject: company ? `Time for a new digital-maturity check: ${company}` : 'Time for a new digital-maturity check',
      hello: 'Hello,',
      intro: `on ${date} you took the digital-maturity check (overall result ${score} of 100) and asked to be reminded to take it again.`,
      why: 'A new check shows what has changed since — per field of action, compared with the first. It takes about 15 minutes:',
      linkLabel: 'Start a new check',
      unsubscribe: 'No more reminders? Unsubscribe:',
      unsubscribeLabel: 'Unsubscribe from the reminder',
    },
  });
  return {
    subject: t.subject,
    text: `${t.hello}\n\n${t.intro}\n\n${t.why}\n${data.recheckUrl}\n\n${t.unsubscribe}\n${data.unsubscribeUrl}\n\n-- \n${FOOTER[locale]}\n`,
    html: frame(
      locale,
      t.subject,
      html`<p>${t.hello}</p><p>${t.intro}</p><p>${t.why}<br>${link(data.recheckUrl, t.linkLabel)}</p><p style="font-size:14px">${t.unsubscribe} ${link(data.unsubscribeUrl, t.unsubscribeLabel)}</p>`,
      FOOTER[locale],
    ),
  };
}
