/** Configuration from the environment, with defaults that work on a fresh clone. */
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAIL_FROM } from './mail/transport.ts';
import { parsePublicUrl } from './plugins/public-url.ts';
import { DEFAULT_CATALOGUE_DIR, DEFAULT_DEFINITIONS_DIR } from './definitions/load-definitions.ts';

export interface Config {
  port: number;
  host: string;
  /** The SQLite file (the default engine); with `databaseUrl` only the folder of the `.eml` mail files. */
  databaseFile: string;
  /** PROCHECK_DATABASE_URL: run on this PostgreSQL database instead of the SQLite file. */
  databaseUrl: string | undefined;
  /** PROCHECK_DATABASE_POOL: pooled PostgreSQL connections per instance. */
  databasePoolSize: number;
  questionnairesDir: string;
  catalogueDir: string;
  logLevel: string;
  /** Behind a reverse proxy: `true` or the proxy's addresses (comma-separated), so client IPs (rate limits) are right. */
  trustProxy: boolean | string;
  /** Base of every absolute link (PROCHECK_PUBLIC_URL); undefined: the listening address. */
  publicUrl: string | undefined;
  /** Unsubmitted drafts older than this many days are deleted; null keeps them. */
  draftRetentionDays: number | null;
  /** The longest a tablet may stay offline: the sync ledger keeps changes this long (replays answer the same), then forgets them. */
  syncWindowDays: number;
  /** Requests per minute: per client for creating checks, resuming and logging in; resume attempts from everyone together. */
  rateLimits: { createPerMinute: number; resumePerMinute: number; resumeGlobalPerMinute: number; loginPerMinute: number };
  mail: MailConfig;
}

/** Outbound mail (issue 17): SMTP or `.eml` files, the sender's timing and the mail rules. */
export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; undefined: `.eml` files in `fileDir`. */
  smtpUrl: string | undefined;
  from: string;
  fileDir: string;
  recheckReminderMonths: number;
  reportsPerHour: number;
  digestHourUtc: number;
  keepFailedDays: number;
  pollMs: number;
  retryBaseMs: number;
  leaseMs: number;
  timeoutMs: number;
}

const seconds = (fallback: number) => z.coerce.number().positive().max(86_400).default(fallback);
const MailEnv = z.object({
  PROCHECK_SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v) && URL.canParse(v), 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587')
    .optional(),
  PROCHECK_MAIL_FROM: z
    .string()
    // A display name and an address, or an address: nothing that could end the header.
    .regex(/^(?:[^<>\r\n"]{1,100} <[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address or "Name <address>", e.g. "Handwerkskammer <check@hwk.example>"')
    .optional(),
  PROCHECK_RECHECK_REMINDER_MONTHS: z.coerce.number().int().min(1).max(60).default(6),
  PROCHECK_MAIL_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(3),
  PROCHECK_MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  PROCHECK_MAIL_KEEP_FAILED_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  PROCHECK_MAIL_POLL_SECONDS: seconds(15),
  PROCHECK_MAIL_RETRY_SECONDS: seconds(60),
  PROCHECK_MAIL_LEASE_SECONDS: seconds(300),
  PROCHECK_MAIL_TIMEOUT_SECONDS: seconds(30),
});

export function readMailConfig(env: NodeJS.ProcessEnv, databaseFile: string): MailConfig {
  const present = Object.fromEntries(Object.keys(MailEnv.shape).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = MailEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    // The SMTP URL may hold a password: never echo it.
    throw new Error(`${name} ${issue.message}${name === 'PROCHECK_SMTP_URL' ? '' : `, not "${env[name]}"`}`);
  }
  const e = parsed.data;
  if (e.PROCHECK_SMTP_URL && !e.PROCHECK_MAIL_FROM) throw new Error('PROCHECK_MAIL_FROM must be set with PROCHECK_SMTP_URL: the sender address your mail server may send as');
  return {
    smtpUrl: e.PROCHECK_SMTP_URL,
    from: e.PROCHECK_MAIL_FROM ?? DEFAULT_MAIL_FROM,
    // Beside the database: the data directory holds everything the app writes.
    fileDir: join(dirname(databaseFile), 'mail-outbox'),
    recheckReminderMonths: e.PROCHECK_RECHECK_REMINDER_MONTHS,
    reportsPerHour: e.PROCHECK_MAIL_REPORTS_PER_HOUR,
    digestHourUtc: e.PROCHECK_MAIL_DIGEST_HOUR,
    keepFailedDays: e.PROCHECK_MAIL_KEEP_FAILED_DAYS,
    pollMs: e.PROCHECK_MAIL_POLL_SECONDS * 1000,
    retryBaseMs: e.PROCHECK_MAIL_RETRY_SECONDS * 1000,
    leaseMs: e.PROCHECK_MAIL_LEASE_SECONDS * 1000,
    timeoutMs: e.PROCHECK_MAIL_TIMEOUT_SECONDS * 1000,
  };
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  const databaseFile = resolve(env.PROCHECK_DB ?? './data/procheck.db');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseFile,
    databaseUrl: parseDatabaseUrl(env.PROCHECK_DATABASE_URL),
    databasePoolSize: positive(env, 'PROCHECK_DATABASE_POOL', 10),
    questionnairesDir: resolve(env.PROCHECK_QUESTIONNAIRES ?? DEFAULT_DEFINITIONS_DIR),
    catalogueDir: resolve(env.PROCHECK_CATALOGUE ?? DEFAULT_CATALOGUE_DIR),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.PROCHECK_TRUST_PROXY),
    publicUrl: env.PROCHECK_PUBLIC_URL ? parsePublicUrl(env.PROCHECK_PUBLIC_URL) : undefined,
    draftRetentionDays: parseRetention(env.PROCHECK_DRAFT_RETENTION_DAYS),
    syncWindowDays: positive(env, 'PROCHECK_SYNC_WINDOW_DAYS', 30),
    rateLimits: {
      createPerMinute: positive(env, 'PROCHECK_CREATE_PER_MINUTE', 30),
      resumePerMinute: positive(env, 'PROCHECK_RESUME_PER_MINUTE', 10),
      resumeGlobalPerMinute: positive(env, 'PROCHECK_RESUME_GLOBAL_PER_MINUTE', 300),
      loginPerMinute: positive(env, 'PROCHECK_LOGIN_PER_MINUTE', 20),
    },
    mail: readMailConfig(env, databaseFile),
  };
}

function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('PROCHECK_DATABASE_URL must be a URL like postgres://user:password@host:5432/procheck');
  }
  // The password never goes into the message: configuration errors end up in logs.
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error(`PROCHECK_DATABASE_URL must start with postgres://, not ${url.protocol}//`);
  return value;
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

function parseRetention(value: string | undefined): number | null {
  if (value === undefined || value === '') return 180;
  if (value === 'off') return null;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw new Error(`PROCHECK_DRAFT_RETENTION_DAYS must be a whole number of days or "off", not "${value}"`);
  return days;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${value}"`);
  return n;
}
