/** `npx procheck mail test ADDRESS`: proves the settings reach a mailbox. */
import { FOOTER, type MailContent, frame, html } from './layout.ts';

export function testMail(sentAt: string, via: string): MailContent {
  const text = `Diese Testnachricht zeigt, dass procheck E-Mails versenden kann (${sentAt}, über ${via}).\nThis test message shows that procheck can send e-mail.`;
  return {
    subject: 'procheck: Testnachricht / test message',
    text: `${text}\n\n-- \n${FOOTER.de}\n`,
    html: frame('de', 'procheck: Testnachricht / test message', html`<p>${text}</p>`, FOOTER.de),
  };
}
