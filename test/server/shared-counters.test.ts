/**
 * Counters that several app instances share through their one database
 * (server/db/shared-counters.ts): a limit holds for the installation, not per
 * process. Two limiters or two Fastify instances on one database stand for
 * two app instances.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSharedAttemptLimiter, sharedRateLimitStore } from '../../server/db/shared-counters.ts';
import type { SqlClient } from '../../server/db/sql-client.ts';
import { openSqliteClient } from '../../server/db/sqlite-client.ts';

describe('shared counters', () => {
  let dir: string;
  let sql: SqlClient;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'procheck-counters-'));
    sql = await openSqliteClient({ file: join(dir, 'c.db') });
  });
  afterEach(async () => {
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts failed attempts made on either instance together, in a sliding window', async () => {
    let now = 1_000_000;
    const options = { name: 'login', maxFailures: 3, windowMs: 60_000, now: () => now };
    const [first, second] = [createSharedAttemptLimiter(sql, options), createSharedAttemptLimiter(sql, options)];
    await first.recordFailure('203.0.113.7');
    now += 10_000;
    await second.recordFailure('203.0.113.7');
    expect(await first.allowed('203.0.113.7')).toBe(true);
    now += 10_000;
    await first.recordFailure('203.0.113.7');
    expect([await first.allowed('203.0.113.7'), await second.allowed('203.0.113.7')]).toEqual([false, false]);
    // The first failure leaves the window 60 s after it was made: 40 s from now.
    expect(await second.retryAfterMs('203.0.113.7')).toBe(40_000);
    expect(await second.allowed('198.51.100.1')).toBe(true);
    now += 40_000;
    expect(await second.allowed('203.0.113.7')).toBe(true);
    // Another limiter on the same client address counts apart.
    expect(await createSharedAttemptLimiter(sql, { ...options, name: 'resume' }).allowed('203.0.113.7')).toBe(true);
    await first.recordFailure('203.0.113.7');
    await second.reset('203.0.113.7');
    expect(await first.retryAfterMs('203.0.113.7')).toBe(0);
  });

  it('limits requests per route across two Fastify instances on one database', async () => {
    const store = sharedRateLimitStore(() => sql);
    const instance = async () => {
      const app = Fastify();
      await app.register(rateLimit, { global: false, store });
      app.post('/limited', { config: { rateLimit: { max: 3, timeWindow: 60_000 } } }, async () => ({ ok: true }));
      app.post('/other', { config: { rateLimit: { max: 3, timeWindow: 60_000 } } }, async () => ({ ok: true }));
      return app;
    };
    const [a, b] = [await instance(), await instance()];
    try {
      const statuses = [];
      for (const app of [a, b, a, b, a]) statuses.push((await app.inject({ method: 'POST', url: '/limited', remoteAddress: '203.0.113.7' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await b.inject({ method: 'POST', url: '/limited', remoteAddress: '203.0.113.7' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another client, and another route, have their own counts.
      expect((await b.inject({ method: 'POST', url: '/limited', remoteAddress: '198.51.100.1' })).statusCode).toBe(200);
      expect((await a.inject({ method: 'POST', url: '/other', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
