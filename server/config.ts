/** Configuration from the environment, with defaults that work on a fresh clone. */
import { resolve } from 'node:path';
import { parsePublicUrl } from './plugins/public-url.ts';
import { DEFAULT_CATALOGUE_DIR, DEFAULT_DEFINITIONS_DIR } from './definitions/load-definitions.ts';

export interface Config {
  port: number;
  host: string;
  databaseFile: string;
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
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseFile: resolve(env.PROCHECK_DB ?? './data/procheck.db'),
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
  };
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
