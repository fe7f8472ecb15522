/** Mail 1: the PDF report a business asked for on its result page, with the link back to its check. */
import { FOOTER, type MailContent, type MailLocale, frame, headerSafe, html, link, pick } from './layout.ts';

export interface ReportMailData {
  companyName: string | undefined;
  overallScore: number;
  levelTitle: string;
  /** `/fortsetzen#CODE` when the code is known (asked for with it), else `/fortsetzen`. */
  resumeUrl: string;
  hasResumeCode: boolean;
  submittedAt: string;
}

export function reportMail(locale: MailLocale, data: ReportMailData): MailContent {
  const score = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(data.overallScore);
  const date = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(data.submittedAt));
  const company = data.companyName ? headerSafe(data.companyName, 120) : '';
  const t = pick(locale, {
    de: {
      subject: company ? `Ihr Ergebnis im Digitalisierungs-Check: ${company}` : 'Ihr Ergebnis im Digitalisierungs-Check',
      title: 'Ihr Bericht zum Digitalisierungs-Check',
      hello: 'Guten Tag,',
      intro: `anbei erhalten Sie den Bericht zu Ihrem Check vom ${date} als PDF.`,
      result: `Ihr Gesamtergebnis: ${score} von 100 Punkten – Stufe „${data.levelTitle}“.`,
      resume: data.hasResumeCode
        ? 'Über diesen Link öffnen Sie Ihr Ergebnis jederzeit wieder, fragen Workshops und Beratung an oder starten einen neuen Check zum Vergleich. Der Link enthält Ihren persönlichen Code – geben Sie ihn nicht weiter:'
        : 'Ihr Ergebnis öffnen Sie mit Ihrem persönlichen Code wieder:',
      linkLabel: 'Ergebnis öffnen',
      notYou: 'Sie haben diesen Bericht nicht angefordert? Dann können Sie diese E-Mail einfach löschen.',
    },
    en: {
      subject: company ? `Your digital-maturity check result: ${company}` : 'Your digital-maturity check result',
      title: 'Your digital-maturity check report',
      hello: 'Hello,',
      intro: `please find attached the report of your check of ${date} as a PDF.`,
      result: `Your overall result: ${score} of 100 points – level “${data.levelTitle}”.`,
      resume: data.hasResumeCode
        ? 'This link opens your result again at any time, to ask for workshops and advice or to start a new check for comparison. It contains your personal code – do not pass it on:'
        : 'Open your result again with your personal code:',
      linkLabel: 'Open your result',
      notYou: 'You did not ask for this report? Then simply delete this e-mail.',
    },
  });
  const company2 = data.companyName ? `${data.companyName}\n` : '';
  return {
    subject: t.subject,
    text: `${t.hello}\n\n${t.intro}\n${company2}\n${t.result}\n\n${t.resume}\n${data.resumeUrl}\n\n${t.notYou}\n\n-- \n${FOOTER[locale]}\n`,
    html: frame(
      locale,
      t.title,
      html`<p>${t.hello}</p><p>${t.intro}</p>${data.companyName ? html`<p><strong>${data.companyName}</strong></p>` : html``}<p>${t.result}</p><p>${t.resume}<br>${link(data.resumeUrl, t.linkLabel)}</p><p>${t.notYou}</p>`,
      FOOTER[locale],
    ),
  };
}
