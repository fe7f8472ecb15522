/** A real app on a real, temporary SQLite file — or, in a suite run on PostgreSQL (engine.ts), on a new database there. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../server/app.ts';
import { testDatabase } from './engine.ts';

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  databaseFile: string;
  /** The database options of this app (the SQLite file, or also a PostgreSQL URL), for another app or process on the same data. */
  database: Pick<AppOptions, 'databaseFile' | 'databaseUrl'>;
  /** The same as environment variables, for a server process (test/helpers/server-process.ts). */
  databaseEnv: Record<string, string>;
  /** Closes this app and builds a new one on the same file: a restart. */
  restart(options?: Partial<AppOptions>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export const FIXED_NOW = new Date('2026-11-23T10:00:00Z');

export async function createTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'procheck-test-'));
  const databaseFile = join(dir, 'procheck.db');
  const database = { databaseFile, ...(await testDatabase()) };
  const base: AppOptions = {
    ...database,
    now: () => FIXED_NOW,
    rateLimits: { createPerMinute: 10_000, resumePerMinute: 10_000, resumeGlobalPerMinute: 10_000 },
    ...options,
  };
  const state: TestApp = {
    app: await buildApp(base),
    dir,
    databaseFile,
    database,
    databaseEnv: { PROCHECK_DB: databaseFile, ...(database.databaseUrl ? { PROCHECK_DATABASE_URL: database.databaseUrl } : {}) },
    async restart(more = {}) {
      await state.app.close();
      state.app = await buildApp({ ...base, ...more });
      return state.app;
    },
    async close() {
      await state.app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return state;
}
