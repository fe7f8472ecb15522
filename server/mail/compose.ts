/**
 * A queued mail becomes a message at sending time: the outbox row names what
 * it is about (a check, a request, a digest's period), and the content comes
 * from the database as it is then — a request withdrawn meanwhile is not
 * announced, an erased check has no mail left at all (its rows cascade).
 */
import type { AssessmentRecord } from '../db/assessment-repository.ts';
import type { MailLocale, MailOutboxRepository, MailRecord, RequestForMail } from '../db/mail-outbox-repository.ts';
import type { OutgoingMail } from './transport.ts';
import { headerSafe } from './templates/layout.ts';
import { newRequestsMail } from './templates/new-requests.ts';
import { recheckReminderMail } from './templates/recheck-reminder.ts';
import { reportMail } from './templates/report.ts';
import { requestConfirmationMail } from './templates/request-confirmation.ts';

export interface ComposerDependencies {
  /** `procheck <noreply@…>` (PROCHECK_MAIL_FROM). */
  from: string;
  publicUrl: () => string;
  outbox: MailOutboxRepository;
  findCheck: (rowId: number) => Promise<AssessmentRecord | undefined>;
  /** Overall score and level title of a submitted check, in the mail's language. */
  summaryOf: (record: AssessmentRecord, locale: MailLocale) => Promise<{ score: number; levelTitle: string; submittedAt: string }>;
  offerTitle: (kind: 'workshop' | 'partner', id: string, locale: MailLocale) => Promise<string>;
  reportPdf: (record: AssessmentRecord, locale: MailLocale) => Promise<{ pdf: Buffer; fileName: string }>;
  retakeToken: (record: AssessmentRecord) => string;
  unsubscribeToken: (record: AssessmentRecord) => string;
}

/** The unsubscribe endpoint a reminder names in List-Unsubscribe (RFC 8058's one-click POST goes there). */
export const UNSUBSCRIBE_PATH = '/api/mail/unsubscribe';

export function createMailComposer(deps: ComposerDependencies) {
  const base = () => deps.publicUrl();
  const envelope = (mail: MailRecord) => ({ from: deps.from, to: mail.recipient });
  const line = async (r: RequestForMail, locale: MailLocale) => ({
    offerTitle: await deps.offerTitle(r.offerKind, r.offerId, locale),
    kind: r.kind,
    name: r.name,
    company: r.company,
    email: r.email,
    phone: r.phone,
    createdAt: r.createdAt,
    leadUrl: `${base()}/kammer/anfragen`,
  });

  /** The message, or null when there is nothing left to say (the cause is gone). */
  async function compose(mail: MailRecord): Promise<OutgoingMail | null> {
    const check = mail.assessmentRowId === null ? undefined : await deps.findCheck(mail.assessmentRowId);
    switch (mail.kind) {
      case 'report': {
        if (!check || check.status !== 'submitted') return null;
        const summary = await deps.summaryOf(check, mail.locale);
        const code = mail.payload.resumeCode;
        const content = reportMail(mail.locale, {
          companyName: check.profile.companyName,
          overallScore: summary.score,
          levelTitle: summary.levelTitle,
          submittedAt: summary.submittedAt,
          // The code in the fragment, as everywhere: it never reaches a server log.
          resumeUrl: `${base()}/fortsetzen${code ? `#${code}` : ''}`,
          hasResumeCode: Boolean(code),
        });
        const { pdf, fileName } = await deps.reportPdf(check, mail.locale);
        return { ...envelope(mail), ...content, attachments: [{ filename: fileName, content: pdf, contentType: 'application/pdf' }] };
      }
      case 'request-confirmation': {
        const request = await deps.outbox.request(mail.payload.requestId ?? '');
        if (!request) return null;
        return {
          ...envelope(mail),
          ...requestConfirmationMail(mail.locale, { name: headerSafe(request.name), offerTitle: await deps.offerTitle(request.offerKind, request.offerId, mail.locale), kind: request.kind, resultUrl: `${base()}/fortsetzen` }),
        };
      }
      case 'staff-request': {
        const request = await deps.outbox.request(mail.payload.requestId ?? '');
        return request ? { ...envelope(mail), ...newRequestsMail(mail.locale, [await line(request, mail.locale)], null) } : null;
      }
      case 'staff-digest': {
        const requests = await deps.outbox.requestsBetween(mail.payload.after ?? '', mail.payload.through ?? '');
        if (!requests.length) return null;
        const lines = [];
        for (const r of requests) lines.push(await line(r, mail.locale));
        return { ...envelope(mail), ...newRequestsMail(mail.locale, lines, { day: mail.payload.through! }) };
      }
      case 'recheck-reminder': {
        if (!check || check.status !== 'submitted') return null;
        const summary = await deps.summaryOf(check, mail.locale);
        const unsubscribeUrl = `${base()}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(deps.unsubscribeToken(check))}`;
        const content = recheckReminderMail(mail.locale, {
          companyName: check.profile.companyName,
          submittedAt: summary.submittedAt,
          overallScore: summary.score,
          recheckUrl: `${base()}/wiederholen/${check.id}#${deps.retakeToken(check)}`,
          unsubscribeUrl,
        });
        // RFC 8058: a mail program may unsubscribe with one POST, no page, no login.
        return { ...envelope(mail), ...content, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
      }
    }
  }

  return { compose };
}

export type MailComposer = ReturnType<typeof createMailComposer>;
