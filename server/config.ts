/** Configuration from the environment, with defaults that work on a fresh clone. */
import { resolve } from 'node:path';
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
  /** Unsubmitted drafts older than this many days are deleted; null keeps them. */
  draftRetentionDays: number | null;
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
    draftRetentionDays: parseRetention(env.PROCHECK_DRAFT_RETENTION_DAYS),
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
