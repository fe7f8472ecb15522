/**
 * What every mail shares: escaping, header-safe text, and one plain HTML
 * frame (inline styles, no images, no remote content — mail programs block it
 * and it would tell a sender when a mail is read).
 */
export type MailLocale = 'de' | 'en';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** Free text (a company name, an offer title) in HTML: never markup. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Text that goes into a header (subject, a name): CR, LF and every other
 * control character become a space, so no value can start a header of its own.
 */
export function headerSafe(value: string, max = 200): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** A tagged template for HTML: every interpolated value is escaped unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[])[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map((x) => x.value).join('') : v instanceof Html ? v.value : escapeHtml(String(v));
    out += part + strings[i + 1]!;
  });
  return new Html(out);
}

export function link(url: string, label: string): Html {
  return html`<a href="${url}" style="color:#0b5cad">${label}</a>`;
}

/** The HTML frame: a heading, the paragraphs, a footer line; `lang` for screen readers. */
export function frame(locale: MailLocale, title: string, body: Html, footer: string): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
<div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body.value}
<p style="margin-top:32px;font-size:13px;color:#555">${escapeHtml(footer)}</p>
</div></body></html>
`;
}

/** German or English, picked once per mail. */
export const pick = <T>(locale: MailLocale, texts: { de: T; en: T }): T => texts[locale];

export const FOOTER = {
  de: 'Diese E-Mail wurde automatisch von procheck, dem Digitalisierungs-Check für Handwerksbetriebe, versandt.',
  en: 'This e-mail was sent automatically by procheck, the digital-maturity check for craft businesses.',
};
