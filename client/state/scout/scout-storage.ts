/**
 * What the tablet keeps in IndexedDB: the last known login (so a reload while
 * offline still knows the scout), the visits as edited here, and the outbox of
 * changes not yet acknowledged by the server. A visit and the change that
 * edits it are written in one transaction, so they never disagree.
 */
import type { ScoutUser } from '../../api/scout-api.ts';
import { inTransaction, openDatabase, requestOf } from './indexed-db.ts';
import { type ChangeBody, type DeviceCounter, type OutboxEntry, observeServerTime, queueChange } from './outbox.ts';
import type { LocalVisit } from './visit-records.ts';

export interface StoredAuth {
  user: ScoutUser;
  csrfToken: string;
}

export interface ScoutStorage {
  auth(): Promise<StoredAuth | null>;
  setAuth(auth: StoredAuth | null): Promise<void>;
  visits(userId: string): Promise<LocalVisit[]>;
  /** Writes the visit and, with a body, queues its change (merged into the visit's unsent last change where it can be). */
  saveVisit(visit: LocalVisit, body?: ChangeBody, inFlight?: ReadonlySet<number>): Promise<void>;
  /** Every waiting change, in order. */
  outbox(): Promise<OutboxEntry[]>;
  /** Removes acknowledged changes and marks their visits as known to the server. */
  acknowledge(entries: readonly OutboxEntry[]): Promise<void>;
  /** The server's clock (a sync's Date header, a login's serverTime) seen at this device time: corrects the changes' hybrid clock. */
  observeServerTime(serverTime: string, localMs: number): Promise<void>;
  /** The CSRF token of a session logged out offline, to end it on the server at the next connection; null when none waits. */
  pendingLogout(): Promise<string | null>;
  setPendingLogout(csrfToken: string | null): Promise<void>;
}

const DATABASE = 'procheck-scout';
const VERSION = 1;
const STORE = { meta: 'meta', visits: 'visits', outbox: 'outbox' } as const;
const KEY = { auth: 'auth', counter: 'counter', pendingLogout: 'pendingLogout' } as const;

/** A device id for the server's change versions: made once per browser profile. */
const newDeviceId = () => `tablet-${crypto.randomUUID()}`;

export async function openScoutStorage(factory: IDBFactory, now: () => Date = () => new Date()): Promise<ScoutStorage> {
  const db = await openDatabase(factory, DATABASE, VERSION, (database, oldVersion) => {
    if (oldVersion < 1) {
      database.createObjectStore(STORE.meta);
      database.createObjectStore(STORE.visits, { keyPath: 'id' }).createIndex('userId', 'userId');
      database.createObjectStore(STORE.outbox, { keyPath: 'seq' }).createIndex('visitId', 'change.visitId');
    }
  });

  return {
    auth: () => inTransaction(db, [STORE.meta], 'readonly', async (tx) => (await requestOf<StoredAuth | undefined>(tx.objectStore(STORE.meta).get(KEY.auth))) ?? null),
    setAuth: (auth) =>
      inTransaction(db, [STORE.meta], 'readwrite', async (tx) => {
        const meta = tx.objectStore(STORE.meta);
        if (auth) await requestOf(meta.put(auth, KEY.auth));
        else await requestOf(meta.delete(KEY.auth));
      }),
    visits: (userId) =>
      inTransaction(db, [STORE.visits], 'readonly', (tx) => requestOf<LocalVisit[]>(tx.objectStore(STORE.visits).index('userId').getAll(userId))),
    saveVisit: (visit, body, inFlight = new Set()) =>
      inTransaction(db, [STORE.meta, STORE.visits, STORE.outbox], 'readwrite', async (tx) => {
        const visits = tx.objectStore(STORE.visits);
        if (body) {
          const meta = tx.objectStore(STORE.meta);
          const outbox = tx.objectStore(STORE.outbox);
          const counter = (await requestOf<DeviceCounter | undefined>(meta.get(KEY.counter))) ?? { deviceId: newDeviceId(), seq: 0, at: null };
          const cursor = await requestOf(outbox.index('visitId').openCursor(IDBKeyRange.only(visit.id), 'prev'));
          const tail = (cursor?.value as OutboxEntry | undefined) ?? null;
          const decision = queueChange({ tail, body, counter, inFlight, visit, userId: visit.userId, now: now(), newId: () => crypto.randomUUID() });
          if (decision.replaces !== null) await requestOf(outbox.delete(decision.replaces));
          await requestOf(outbox.put(decision.entry));
          await requestOf(meta.put(decision.counter, KEY.counter));
        }
        // The sync may have acknowledged a change since the caller read the visit: that stays known.
        const stored = await requestOf<LocalVisit | undefined>(visits.get(visit.id));
        await requestOf(visits.put(stored?.acknowledged && !visit.acknowledged ? { ...visit, acknowledged: true } : visit));
      }),
    outbox: () => inTransaction(db, [STORE.outbox], 'readonly', (tx) => requestOf<OutboxEntry[]>(tx.objectStore(STORE.outbox).getAll())),
    observeServerTime: (serverTime, localMs) =>
      inTransaction(db, [STORE.meta], 'readwrite', async (tx) => {
        const meta = tx.objectStore(STORE.meta);
        const counter = (await requestOf<DeviceCounter | undefined>(meta.get(KEY.counter))) ?? { deviceId: newDeviceId(), seq: 0, at: null };
        await requestOf(meta.put(observeServerTime(counter, serverTime, localMs), KEY.counter));
      }),
    pendingLogout: () =>
      inTransaction(db, [STORE.meta], 'readonly', async (tx) => (await requestOf<string | undefined>(tx.objectStore(STORE.meta).get(KEY.pendingLogout))) ?? null),
    setPendingLogout: (csrfToken) =>
      inTransaction(db, [STORE.meta], 'readwrite', async (tx) => {
        const meta = tx.objectStore(STORE.meta);
        if (csrfToken) await requestOf(meta.put(csrfToken, KEY.pendingLogout));
        else await requestOf(meta.delete(KEY.pendingLogout));
      }),
    acknowledge: (entries) =>
      inTransaction(db, [STORE.visits, STORE.outbox], 'readwrite', async (tx) => {
        const outbox = tx.objectStore(STORE.outbox);
        const visits = tx.objectStore(STORE.visits);
        for (const entry of entries) await requestOf(outbox.delete(entry.seq));
        for (const id of new Set(entries.map((e) => e.change.visitId))) {
          const visit = await requestOf<LocalVisit | undefined>(visits.get(id));
          if (visit && !visit.acknowledged) await requestOf(visits.put({ ...visit, acknowledged: true }));
        }
      }),
  };
}
