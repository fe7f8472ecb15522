/**
 * Where mail goes: an SMTP server (PROCHECK_SMTP_URL, through nodemailer), or
 * — the embedded default, so `npm start` needs no mail server — `.eml` files
 * in a folder under the data directory, one per mail, ready to open in any
 * mail program.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { headerSafe } from './templates/layout.ts';

/** The sender without PROCHECK_MAIL_FROM: fine for `.eml` files, refused by real mail servers (so SMTP requires one). */
export const DEFAULT_MAIL_FROM = 'procheck <procheck@localhost>';

export interface OutgoingMail {
  from: string;
  /** Exactly one address: the one typed, never parsed out of a longer string. */
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SendOutcome {
  /** For the log and the CLI: the server's answer ("250 OK …") or the file written; never the recipient. */
  info: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** `smtp://mail.example.org:587` (without credentials) or the folder of `.eml` files. */
  describe(): string;
  close(): void;
}

export interface TransportSettings {
  smtpUrl: string | undefined;
  /** Where `.eml` files go without an SMTP URL. */
  fileDir: string;
  /** SMTP connection, greeting and socket timeouts, ms. */
  timeoutMs?: number;
}

/** The message as nodemailer takes it; the envelope is set apart from the headers so a header can never add a recipient. */
function nodemailerMessage(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    envelope: { from: mail.from.replace(/^.*<([^>]+)>\s*$/, '$1'), to: [mail.to] },
    // Last line of defence: whatever a template put together, no CR or LF reaches a header.
    subject: headerSafe(mail.subject, 250),
    text: mail.text,
    html: mail.html,
    headers: mail.headers && Object.fromEntries(Object.entries(mail.headers).map(([k, v]) => [k, headerSafe(v, 1000)])),
    attachments: mail.attachments,
    // No tracking, no remote content: nodemailer must not fetch anything named in the message.
    disableUrlAccess: true,
    disableFileAccess: true,
  };
}

/** The URL without user and password, for logs and the CLI. */
export function redactSmtpUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}

export function createMailTransport({ smtpUrl, fileDir, timeoutMs = 30_000 }: TransportSettings): MailTransport {
  if (smtpUrl) {
    const smtp = createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs * 2 } as never);
    return {
      async send(mail) {
        const info = (await smtp.sendMail(nodemailerMessage(mail))) as { response?: string; messageId?: string };
        return { info: info.response ?? info.messageId ?? 'sent' };
      },
      describe: () => redactSmtpUrl(smtpUrl),
      close: () => smtp.close(),
    };
  }
  const stream = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await stream.sendMail(nodemailerMessage(mail));
      mkdirSync(fileDir, { recursive: true });
      const file = join(fileDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40)}.eml`);
      writeFileSync(file, info.message as Buffer);
      return { info: file };
    },
    describe: () => fileDir,
    close: () => stream.close(),
  };
}

/** What the sender does after a failure: try again later, or give up (the server said no for good). */
export function isPermanentFailure(error: unknown): boolean {
  const { responseCode } = (error ?? {}) as { responseCode?: number };
  // 5xx: the server refuses this mail (unknown mailbox, policy). 4xx and every
  // connection failure (refused, timeout, reset) may pass: try again later.
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** One line for the admins' view and the log: the SMTP answer or the connection error, never a stack. */
export function describeFailure(error: unknown): string {
  const e = (error ?? {}) as { response?: string; code?: string; message?: string };
  return (e.response ?? [e.code, e.message].filter(Boolean).join(': ') ?? 'unknown error').slice(0, 500);
}
