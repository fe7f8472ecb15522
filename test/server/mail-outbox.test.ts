/**
 * The outbox's claim, directly on the repository: one sender at a time per
 * mail, a lease that runs out after a crash gives exactly one more try, and a
 * second crash fails the mail instead of sending it a third time. On
 * PostgreSQL also across two app instances (two connection pools).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../../server/db/migrate.ts';
import { createSqliteClient } from '../../server/db/sqlite-client.ts';
import { openSqlClient } from '../../server/db/open-sql-client.ts';
import type { SqlClient } from '../../server/db/sql-client.ts';
import { createMailOutboxRepository } from '../../server/db/mail-outbox-repository.ts';
import { describeIfPostgres, freshDatabase } from '../helpers/postgres-server.ts';
import { retryDelay, DEFAULT_SENDER_TIMING } from '../../server/mail/sender.ts';
import { addMonths } from '../../server/mail/mail-service.ts';

function outbox() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, readMigrations());
  return { db, repository: createMailOutboxRepository(createSqliteClient(db, { file: ':memory:' })) };
}

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 2, 12, 0, seconds)).toISOString();
const mail = (id: string) => ({ id, kind: 'staff-digest' as const, recipient: `${id}@example.org`, locale: 'de' as const, assessmentRowId: null, userRowId: null, payload: {} });

describe('the mail outbox (migration 0100)', () => {
  it('a claimed mail is not claimed again while its lease holds', async () => {
    const { repository } = outbox();
    await repository.enqueue(mail('a'), at(0));
    expect(await repository.claimNext(at(1), at(61))).toMatchObject({ id: 'a', status: 'sending', attempts: 1, interrupted: 0 });
    expect(await repository.claimNext(at(30), at(90))).toBeUndefined();
  });

  it('claims made at the same moment take different mails', async () => {
    const { repository } = outbox();
    for (const id of ['a', 'b', 'c']) await repository.enqueue(mail(id), at(0));
    const claimed = await Promise.all([1, 2, 3, 4].map(() => repository.claimNext(at(1), at(61))));
    expect(claimed.filter((m) => m !== undefined).map((m) => m!.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('after a crash the lease runs out: one resend, then failed — never a third send', async () => {
    const { repository } = outbox();
    await repository.enqueue(mail('a'), at(0));
    await repository.claimNext(at(1), at(61));
    // The sender died; its lease ran out.
    expect(await repository.claimNext(at(62), at(122))).toMatchObject({ id: 'a', attempts: 2, interrupted: 1 });
    // It died again while sending.
    expect(await repository.claimNext(at(123), at(183))).toBeUndefined();
    expect(await repository.list(undefined, 10)).toMatchObject([{ id: 'a', status: 'failed', lastError: expect.stringContaining('interrupted twice') }]);
  });

  it('a deferred mail waits for its next attempt; sent mail is deleted', async () => {
    const { repository } = outbox();
    await repository.enqueue(mail('a'), at(0));
    const claimed = (await repository.claimNext(at(1), at(61)))!;
    await repository.retryLater(claimed.rowId, '451 try later', at(100));
    expect(await repository.claimNext(at(50), at(110))).toBeUndefined();
    const again = (await repository.claimNext(at(100), at(160)))!;
    expect(again).toMatchObject({ attempts: 2, lastError: '451 try later' });
    await repository.delete(again.rowId);
    expect(await repository.counts()).toEqual({ queued: 0, sending: 0, failed: 0 });
  });

  it('backs off exponentially up to a ceiling; reminders land on the same day months later', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, DEFAULT_SENDER_TIMING) / 60_000)).toEqual([1, 2, 4, 8]);
    expect(retryDelay(20, DEFAULT_SENDER_TIMING)).toBe(DEFAULT_SENDER_TIMING.maxRetryMs);
    expect(addMonths(new Date('2026-11-23T10:00:00Z'), 6).toISOString()).toBe('2027-05-23T10:00:00.000Z');
    expect(addMonths(new Date('2026-08-31T10:00:00Z'), 6).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  });
});

describeIfPostgres('the mail outbox on PostgreSQL, two instances', (serverUrl) => {
  let first: SqlClient;
  let second: SqlClient;
  beforeAll(async () => {
    const url = await freshDatabase(serverUrl);
    first = await openSqlClient({ file: '', url, poolSize: 4 });
    second = await openSqlClient({ file: '', url, poolSize: 4 });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('instances claiming at the same moment take every due mail exactly once', async () => {
    const [a, b] = [createMailOutboxRepository(first), createMailOutboxRepository(second)];
    const ids = Array.from({ length: 24 }, (_, i) => `m${i}`);
    for (const id of ids) await a.enqueue(mail(id), at(0));
    // Each instance drains with several claims in flight, as senders on a loaded pool would.
    const drain = async (outbox: typeof a) => {
      const taken: string[] = [];
      for (;;) {
        const batch = await Promise.all([1, 2, 3].map(() => outbox.claimNext(at(1), at(61))));
        const claimed = batch.filter((m) => m !== undefined);
        if (claimed.length === 0) return taken;
        taken.push(...claimed.map((m) => m.id));
      }
    };
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);
    expect([...byA, ...byB].sort()).toEqual([...ids].sort());
    expect(await b.counts()).toEqual({ queued: 0, sending: ids.length, failed: 0 });
  });

  it('a lease that ran out on one instance gives one resend on the other, then failed', async () => {
    const [a, b] = [createMailOutboxRepository(first), createMailOutboxRepository(second)];
    await a.purge(undefined);
    await a.enqueue(mail('crash'), at(0));
    expect(await a.claimNext(at(1), at(61))).toMatchObject({ id: 'crash', attempts: 1 });
    expect(await b.claimNext(at(30), at(90))).toBeUndefined();
    expect(await b.claimNext(at(62), at(122))).toMatchObject({ id: 'crash', attempts: 2, interrupted: 1 });
    expect(await a.claimNext(at(123), at(183))).toBeUndefined();
    expect(await a.list(undefined, 10)).toMatchObject([{ id: 'crash', status: 'failed', lastError: expect.stringContaining('interrupted twice') }]);
  });
});
