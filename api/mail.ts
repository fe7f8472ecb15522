/**
 * Outbound mail (issue 17): a business asks for its report by mail and opts in
 * to a re-check reminder; staff choose how they hear of new requests; admins
 * see and purge the queue.
 */
import { z } from 'zod';
import { Locale } from '../questionnaires/engine/index.ts';

/**
 * An address as it goes into a mail header and the SMTP envelope: one plain
 * address, nothing a mail library could read as a second recipient, a name or
 * a header (no commas, quotes, angle brackets, spaces or line breaks).
 */
export const MailAddress = z
  .string()
  .max(254, { message: 'is too long for an e-mail address', abort: true })
  .regex(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u, 'is not a single plain e-mail address');

export const MailReportBody = z.strictObject({
  email: MailAddress.describe('The address the business typed; the report goes there and nowhere else'),
  locale: Locale.describe('The language of the mail and the attached report'),
});
export type MailReportBody = z.infer<typeof MailReportBody>;

export const MailQueued = z.object({ queuedAt: z.string().describe('The mail is in the outbox; it usually arrives within seconds') });

export const RecheckReminderBody = z.strictObject({
  email: MailAddress,
  locale: Locale,
});
export const RecheckReminder = z.object({
  reminder: z.object({ email: z.string(), locale: Locale, dueAt: z.string().describe('When the reminder goes out') }).nullable(),
  months: z.int().describe('The period after the check (PROCHECK_RECHECK_REMINDER_MONTHS)'),
});
export type RecheckReminder = z.infer<typeof RecheckReminder>;

export const UnsubscribeQuery = z.strictObject({ token: z.string().min(1).max(200).describe('From the reminder’s List-Unsubscribe link') });

export const NEW_REQUEST_MODES = ['immediate', 'daily', 'off'] as const;
export type NewRequestMode = (typeof NEW_REQUEST_MODES)[number];
export const MailPreferences = z.strictObject({
  newRequests: z.enum(NEW_REQUEST_MODES).describe('New requests for help: a mail each at once, one daily digest, or none'),
  locale: Locale.describe('The language of these mails'),
});
export type MailPreferences = z.infer<typeof MailPreferences>;

export const MAIL_KINDS = ['report', 'request-confirmation', 'staff-request', 'staff-digest', 'recheck-reminder'] as const;
export const MAIL_STATUSES = ['queued', 'sending', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const QueuedMail = z.object({
  id: z.string(),
  kind: z.enum(MAIL_KINDS),
  recipient: z.string(),
  locale: Locale,
  status: z.enum(MAIL_STATUSES),
  attempts: z.int(),
  lastError: z.string().nullable().describe('The mail server’s answer or the connection error of the last attempt'),
  nextAttemptAt: z.string().nullable().describe('Queued: the next attempt; sending: when the claim runs out; failed: null'),
  createdAt: z.string(),
  failedAt: z.string().nullable(),
});
export type QueuedMail = z.infer<typeof QueuedMail>;

export const MailQueue = z.object({
  transport: z.string().describe('smtp://host:port (no credentials) or the folder .eml files are written to'),
  counts: z.object({ queued: z.int(), sending: z.int(), failed: z.int() }),
  items: z.array(QueuedMail).describe('Newest first, at most 200'),
});
export type MailQueue = z.infer<typeof MailQueue>;

export const MailQueueQuery = z.strictObject({ status: z.enum(MAIL_STATUSES).optional() });
export const MailIdParams = z.strictObject({ id: z.uuid() });
export const MailPurged = z.object({ deleted: z.int() });
