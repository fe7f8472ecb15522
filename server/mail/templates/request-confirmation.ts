/** Mail 2: the business's own confirmation that its request for a workshop or a contact arrived. */
import { FOOTER, type MailContent, type MailLocale, frame, html, link, pick } from './layout.ts';

export interface RequestConfirmationData {
  name: string;
  offerTitle: string;
  kind: 'interest' | 'contact';
  /** The result page, where requests are seen and withdrawn (opened with the resume code). */
  resultUrl: string;
}

export function requestConfirmationMail(locale: MailLocale, data: RequestConfirmationData): MailContent {
  const t = pick(locale, {
    de: {
      subject: 'Ihre Anfrage ist angekommen',
      hello: `Guten Tag ${data.name},`,
      what: data.kind === 'contact' ? 'Sie haben darum gebeten, zu diesem Angebot kontaktiert zu werden:' : 'Sie haben Interesse an diesem Angebot angemeldet:',
      next: 'Die Handwerkskammer meldet sich bei Ihnen. Ihre Anfragen sehen und widerrufen Sie auf Ihrer Ergebnisseite (mit Ihrem persönlichen Code):',
      linkLabel: 'Zur Ergebnisseite',
    },
    en: {
      subject: 'Your request has arrived',
      hello: `Hello ${data.name},`,
      what: data.kind === 'contact' ? 'You asked to be contacted about this offer:' : 'You registered your interest in this offer:',
      next: 'The chamber of crafts will get in touch. You see and withdraw your requests on your result page (with your personal code):',
      linkLabel: 'To the result page',
    },
  });
  return {
    subject: t.subject,
    text: `${t.hello}\n\n${t.what}\n${data.offerTitle}\n\n${t.next}\n${data.resultUrl}\n\n-- \n${FOOTER[locale]}\n`,
    html: frame(locale, t.subject, html`<p>${t.hello}</p><p>${t.what}</p><p><strong>${data.offerTitle}</strong></p><p>${t.next}<br>${link(data.resultUrl, t.linkLabel)}</p>`, FOOTER[locale]),
  };
}
