/**
 * The scouts' app state, created when /scout opens and handed down through
 * context: who is logged in (remembered in IndexedDB, so a reload offline
 * still works), the visits on this tablet merged with the server's list,
 * what waits to be synced, and the edits that write a visit and its outbox
 * change in one IndexedDB transaction before anything else happens.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { AnswerValue, Catalogue, PreparedQuestionnaire, ScoredResult } from '../../../questionnaires/engine/index.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { assess } from '../../../questionnaires/engine/assess.ts';
import { progressOf } from '../../../questionnaires/engine/visibility.ts';
import type { ApiFailure } from '../../api/api-result.ts';
import type { ScoutApi, ScoutUser, VisitBusiness, VisitSummary } from '../../api/scout-api.ts';
import { type ChangeBody, pendingByVisit } from './outbox.ts';
import { generateResumeCode } from './resume-code.ts';
import type { ScoutStorage } from './scout-storage.ts';
import { type SyncLoop, type SyncStatus, type Timers, createSyncLoop } from './sync-loop.ts';
import { type LocalVisit, type VisitListItem, clearedVisit, mergeVisitLists, profileOf } from './visit-records.ts';

export type AuthState =
  | { kind: 'loading' }
  | { kind: 'logged-out' }
  /** `expired`: the server no longer knows the session; local work goes on, syncing waits for a new login. */
  | { kind: 'logged-in'; user: ScoutUser; csrfToken: string; expired: boolean };

/** `invalid`: wrong e-mail or password; a refusal of another kind comes as the server's failure (e.g. throttled, with Retry-After). */
export type LoginOutcome = 'ok' | 'invalid' | 'not-a-scout' | 'offline' | ApiFailure;

export interface NewVisit {
  business: VisitBusiness;
  visitDate: string;
}

export interface ScoutState {
  api: ScoutApi;
  auth: ReadonlySignal<AuthState>;
  online: ReadonlySignal<boolean>;
  /** The service worker has cached the app: it opens without a connection. */
  offlineReady: ReadonlySignal<boolean>;
  visits: ReadonlySignal<LocalVisit[]>;
  list: ReadonlySignal<VisitListItem[]>;
  /** Waiting changes per visit. */
  pending: ReadonlySignal<Readonly<Record<string, number>>>;
  pendingTotal: ReadonlySignal<number>;
  sync: ReadonlySignal<SyncStatus>;
  /** Writing to the tablet's storage failed: the edit is on screen only. */
  storageFailed: ReadonlySignal<boolean>;
  catalogue: ReadonlySignal<Catalogue | null>;
  setOfflineReady(ready: boolean): void;
  login(email: string, password: string): Promise<LoginOutcome>;
  /** Ends the session (offline: at the next connection); the visits and the outbox stay on the tablet for the next login. */
  logout(): Promise<void>;
  createVisit(input: NewVisit, prepared: PreparedQuestionnaire): Promise<LocalVisit>;
  updateBusiness(id: string, input: NewVisit): Promise<void>;
  setAnswer(id: string, questionId: string, value: AnswerValue | null): void;
  setRelevance(id: string, questionId: string, rating: number | null): void;
  setNote(id: string, dimensionId: string, text: string): void;
  /**
   * Continues here a visit of this scout that another tablet started: its
   * business, answers, ratings and notes come from the server (the other
   * tablet's changes count once synced). The resume code is not among them —
   * the server keeps only its hash — so the visit has none here until
   * `issueNewCode`. 'gone' when the server no longer has it as a draft.
   */
  takeOver(id: string): Promise<'ok' | 'gone' | 'offline'>;
  /** A new code for the business of a visit that has none on this tablet; the one handed out before stops working. */
  issueNewCode(id: string): void;
  /** Scores in the browser, queues the submit with the final answer set, and syncs when it can. */
  submit(id: string, prepared: PreparedQuestionnaire, catalogue: Catalogue): Promise<ScoredResult>;
  syncNow(): void;
  refresh(): Promise<void>;
  dispose(): void;
}

export interface ScoutStateOptions {
  api: ScoutApi;
  storage: ScoutStorage;
  window: Window;
  timers?: Timers;
  now?: () => Date;
  /** Wait after an edit before syncing, so a burst of typing goes in one batch. */
  syncDelayMs?: number;
  /** How often the list is refreshed and unconfirmed submits are checked while online. */
  refreshMs?: number;
}

/** Today as the tablet sees it, `YYYY-MM-DD` in local time (the visit happens here and now). */
export const localDate = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const canSync = (user: ScoutUser) => user.role === 'scout' || user.role === 'admin';

export function createScoutState(options: ScoutStateOptions): ScoutState {
  const { api, storage, window: win } = options;
  const now = options.now ?? (() => new Date());
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle),
  };
  const syncDelay = options.syncDelayMs ?? 600;

  const auth = signal<AuthState>({ kind: 'loading' });
  const online = signal(win.navigator.onLine);
  const offlineReady = signal(false);
  const visits = signal<LocalVisit[]>([]);
  const server = signal<VisitSummary[] | null>(null);
  const pending = signal<Readonly<Record<string, number>>>({});
  const storageFailed = signal(false);
  const catalogue = signal<Catalogue | null>(null);
  const pendingTotal = computed(() => Object.values(pending.value).reduce((sum, n) => sum + n, 0));
  const list = computed(() => mergeVisitLists(visits.value, server.value, pending.value));
  let disposed = false;

  const user = (): ScoutUser | null => (auth.peek().kind === 'logged-in' ? (auth.peek() as Extract<AuthState, { kind: 'logged-in' }>).user : null);
  const session = () => {
    const current = auth.peek();
    return current.kind === 'logged-in' && !current.expired ? current : null;
  };

  const reloadPending = async () => {
    const who = user();
    pending.value = who ? pendingByVisit(await storage.outbox(), who.id) : {};
  };
  const reloadVisits = async () => {
    const who = user();
    visits.value = who ? await storage.visits(who.id) : [];
  };

  const markExpired = () => {
    const current = auth.peek();
    if (current.kind === 'logged-in' && !current.expired) auth.value = { ...current, expired: true };
  };

  const loop: SyncLoop = createSyncLoop({
    outbox: () => storage.outbox(),
    acknowledge: (entries) => storage.acknowledge(entries),
    send: async (changes) => {
      const response = await api.sync(session()?.csrfToken ?? '', changes);
      // The server's clock corrects this tablet's: edits are ordered by real time, not by a clock that runs fast.
      if (response.ok && response.value.serverTime) await storage.observeServerTime(response.value.serverTime, now().getTime()).catch(() => undefined);
      return response;
    },
    userId: () => session()?.user.id ?? null,
    online: () => online.peek(),
    timers,
    onSynced: () => afterSync(),
    onDrained: () => confirmSubmits(),
    onLoginRequired: markExpired,
  });

  // A visit becomes "known to the server" with its first acknowledged change: the list says so at once.
  async function afterSync() {
    await Promise.all([reloadPending(), reloadVisits()]);
  }

  /** A visit submitted on the tablet whose changes are all acknowledged: ask the server whether it scored it. */
  async function confirmSubmits() {
    await reloadPending();
    const waiting = visits.peek().filter((v) => v.status === 'submitting' && !v.cleared && (pending.peek()[v.id] ?? 0) === 0);
    for (const visit of waiting) {
      const view = await api.visit(visit.id);
      if (!view.ok || view.value.status !== 'submitted') continue;
      const result = await api.result(visit.id);
      if (!result.ok) continue;
      const { overall } = result.value.result;
      const cleared = clearedVisit(visit, { overall: overall.score, level: overall.level, submittedAt: result.value.submittedAt }, now().toISOString());
      await storage.saveVisit(cleared);
    }
    if (waiting.length) await reloadVisits();
    void refreshServerList();
  }

  async function refreshServerList() {
    if (!session() || !online.peek()) return;
    const response = await api.visits();
    if (response.ok) server.value = response.value;
    else if (response.failure.status === 401) markExpired();
  }

  let syncTimer: number | null = null;
  const syncSoon = () => {
    if (syncTimer !== null) timers.clearTimeout(syncTimer);
    syncTimer = timers.setTimeout(() => {
      syncTimer = null;
      loop.kick();
    }, syncDelay);
  };

  /** Every edit: on screen at once, then visit and change in one transaction, then a sync soon. */
  async function save(next: LocalVisit, body?: ChangeBody) {
    visits.value = visits.peek().map((v) => (v.id === next.id ? next : v));
    try {
      await storage.saveVisit(next, body, loop.inFlight);
      storageFailed.value = false;
    } catch {
      storageFailed.value = true;
      return;
    }
    await reloadPending();
    if (body) syncSoon();
  }

  const edit = (id: string, change: (visit: LocalVisit) => { next: LocalVisit; body: ChangeBody } | null) => {
    const visit = visits.peek().find((v) => v.id === id);
    if (!visit || visit.status !== 'draft') return;
    const edited = change(visit);
    if (edited) void save({ ...edited.next, updatedAt: now().toISOString() }, edited.body);
  };

  /**
   * A logout made offline could not reach the server; the session (and its
   * cookie) lived on. At the next connection it is ended. A failure without
   * an answer keeps it waiting; any answer (done, or the session is gone) ends the wait.
   */
  async function endPendingLogout() {
    if (!online.peek()) return;
    const token = await storage.pendingLogout().catch(() => null);
    if (token === null) return;
    const response = await api.logout(token);
    if (response.ok || response.failure.status !== 0) await storage.setPendingLogout(null);
  }

  const onOnline = () => {
    online.value = true;
    void endPendingLogout();
    loop.kick();
    void refreshSession().then(refreshServerList);
  };
  const onOffline = () => {
    online.value = false;
  };
  win.addEventListener('online', onOnline);
  win.addEventListener('offline', onOffline);
  const refreshTimer = win.setInterval(() => {
    if (!online.peek() || !session()) return;
    void refreshServerList();
    if (pendingTotal.peek() > 0 || visits.peek().some((v) => v.status === 'submitting')) loop.kick();
  }, options.refreshMs ?? 30_000);

  /** Checks the session with the server (and picks up its CSRF token); offline, the remembered login stands. */
  async function refreshSession() {
    const current = auth.peek();
    if (current.kind !== 'logged-in' || !online.peek()) return;
    const me = await api.me();
    if (me.ok) await storage.observeServerTime(me.value.serverTime, now().getTime()).catch(() => undefined);
    if (me.ok && me.value.user.id === current.user.id) {
      auth.value = { kind: 'logged-in', user: me.value.user, csrfToken: me.value.csrfToken, expired: false };
      await storage.setAuth({ user: me.value.user, csrfToken: me.value.csrfToken });
      loop.kick();
    } else if (!me.ok && me.failure.status === 401) markExpired();
    else if (me.ok) markExpired(); // Another account's session in this browser: this scout must log in again.
  }

  async function start() {
    const [stored, loadedCatalogue] = await Promise.all([storage.auth().catch(() => null), api.catalogue()]);
    if (disposed) return;
    if (loadedCatalogue.ok) catalogue.value = loadedCatalogue.value;
    await endPendingLogout();
    if (!stored) {
      auth.value = { kind: 'logged-out' };
      return;
    }
    auth.value = { kind: 'logged-in', user: stored.user, csrfToken: stored.csrfToken, expired: false };
    await Promise.all([reloadVisits(), reloadPending()]);
    await refreshSession();
    void refreshServerList();
    loop.kick();
  }
  void start();

  return {
    api,
    auth,
    online,
    offlineReady,
    visits,
    list,
    pending,
    pendingTotal,
    sync: loop.status,
    storageFailed,
    catalogue,
    setOfflineReady(ready) {
      offlineReady.value = ready;
    },
    async login(email, password) {
      if (!online.peek()) return 'offline';
      await endPendingLogout();
      const response = await api.login(email, password);
      if (!response.ok) {
        const { failure } = response;
        return failure.status === 0 ? 'offline' : failure.code === 'auth.login-failed' || failure.code === 'request.invalid' ? 'invalid' : failure;
      }
      const { user: who, csrfToken, serverTime } = response.value;
      await storage.observeServerTime(serverTime, now().getTime()).catch(() => undefined);
      if (!canSync(who)) {
        await api.logout(csrfToken);
        return 'not-a-scout';
      }
      await storage.setAuth({ user: who, csrfToken });
      batch(() => {
        auth.value = { kind: 'logged-in', user: who, csrfToken, expired: false };
        server.value = null;
      });
      await Promise.all([reloadVisits(), reloadPending()]);
      if (!catalogue.peek()) {
        const loaded = await api.catalogue();
        if (loaded.ok) catalogue.value = loaded.value;
      }
      loop.kick();
      void refreshServerList();
      return 'ok';
    },
    async logout() {
      const current = auth.peek();
      if (current.kind === 'logged-in') {
        const response = online.peek() ? await api.logout(current.csrfToken) : null;
        // Offline (or no answer): the server still holds the session; it is ended at the next connection.
        if (response === null || (!response.ok && response.failure.status === 0)) await storage.setPendingLogout(current.csrfToken);
      }
      await storage.setAuth(null);
      batch(() => {
        auth.value = { kind: 'logged-out' };
        visits.value = [];
        server.value = null;
        pending.value = {};
      });
    },
    async createVisit(input, prepared) {
      const who = user();
      if (!who) throw new Error('createVisit without a logged-in scout');
      const at = now().toISOString();
      const visit: LocalVisit = {
        id: crypto.randomUUID(),
        userId: who.id,
        questionnaireId: prepared.definition.id,
        version: prepared.definition.version,
        resumeCode: generateResumeCode(),
        visitDate: input.visitDate,
        business: input.business,
        answers: {},
        relevance: {},
        notes: {},
        status: 'draft',
        localResult: null,
        score: null,
        createdAt: at,
        updatedAt: at,
        acknowledged: false,
        cleared: false,
      };
      visits.value = [...visits.peek(), visit];
      await save(visit, { create: { resumeCode: visit.resumeCode!, visitDate: visit.visitDate, business: visit.business } });
      return visit;
    },
    async updateBusiness(id, input) {
      const same = (visit: LocalVisit) =>
        visit.visitDate === input.visitDate && JSON.stringify(visit.business) === JSON.stringify(input.business);
      edit(id, (visit) =>
        // Unchanged details queue nothing: "save" on the business page is also the way on.
        visit.resumeCode === null || same(visit)
          ? null
          : {
              next: { ...visit, business: input.business, visitDate: input.visitDate },
              // The create again, with a later version: the server corrects the business details.
              body: { create: { resumeCode: visit.resumeCode, visitDate: input.visitDate, business: input.business } },
            },
      );
    },
    setAnswer(id, questionId, value) {
      edit(id, (visit) => {
        const answers = { ...visit.answers };
        if (value === null) delete answers[questionId];
        else answers[questionId] = value;
        return { next: { ...visit, answers }, body: { set: { answers: { [questionId]: value } } } };
      });
    },
    setRelevance(id, questionId, rating) {
      edit(id, (visit) => {
        const relevance = { ...visit.relevance };
        if (rating === null) delete relevance[questionId];
        else relevance[questionId] = rating;
        return { next: { ...visit, relevance }, body: { set: { relevance: { [questionId]: rating } } } };
      });
    },
    setNote(id, dimensionId, text) {
      edit(id, (visit) => {
        const notes = { ...visit.notes };
        const value = text === '' ? null : text;
        if (value === null) delete notes[dimensionId];
        else notes[dimensionId] = value;
        return { next: { ...visit, notes }, body: { set: { notes: { [dimensionId]: value } } } };
      });
    },
    async submit(id, prepared, referralCatalogue) {
      const visit = visits.peek().find((v) => v.id === id);
      if (!visit || visit.status !== 'draft') throw new Error(`visit ${id} is not a draft`);
      const profile = profileOf(visit.business);
      if (progressOf(prepared, visit.answers, profile).requiredOpen.length > 0) throw new Error(`visit ${id} is incomplete`);
      const set = { questionnaireId: visit.questionnaireId, version: visit.version, profile, answers: visit.answers, relevance: visit.relevance };
      // The same engine the server scores with: the server's result must equal this one.
      const result = assess(prepared, set, { catalogue: referralCatalogue, today: localDate(now()) });
      const at = now().toISOString();
      await save(
        { ...visit, status: 'submitting', localResult: result, updatedAt: at, score: { overall: result.overall.score, level: result.overall.level, submittedAt: at } },
        { set: { profile, answers: visit.answers, relevance: visit.relevance }, submit: true },
      );
      loop.kick();
      return result;
    },
    async takeOver(id) {
      const who = user();
      if (!who) throw new Error('takeOver without a logged-in scout');
      if (visits.peek().some((v) => v.id === id)) return 'ok';
      const view = await api.visit(id);
      if (!view.ok) return view.failure.status === 0 ? 'offline' : 'gone';
      const remote = view.value;
      if (remote.status !== 'draft' || remote.submitRequested) return 'gone';
      const at = now().toISOString();
      const visit: LocalVisit = {
        id: remote.id,
        userId: who.id,
        questionnaireId: remote.questionnaireId,
        version: remote.version,
        resumeCode: null,
        visitDate: remote.business.visitDate ?? localDate(now()),
        business: {
          name: remote.business.name ?? '',
          trade: remote.profile.trade ?? '',
          employees: remote.profile.employees ?? '',
          postcode: remote.profile.postcode ?? '',
          ...(remote.business.contactPerson ? { contactPerson: remote.business.contactPerson } : {}),
        },
        answers: remote.answers,
        relevance: remote.relevance,
        notes: remote.notes,
        status: 'draft',
        localResult: null,
        score: null,
        createdAt: at,
        updatedAt: at,
        acknowledged: true,
        cleared: false,
      };
      // Nothing to send: this is the server's state. Later edits queue changes as on the first tablet.
      await save(visit);
      visits.value = [...visits.peek().filter((v) => v.id !== id), visit];
      return 'ok';
    },
    issueNewCode(id) {
      const visit = visits.peek().find((v) => v.id === id);
      if (!visit || visit.status !== 'draft' || visit.resumeCode !== null) return;
      const resumeCode = generateResumeCode();
      // The create again, later: the server replaces the code's hash (field-versioned like every other field).
      void save({ ...visit, resumeCode, updatedAt: now().toISOString() }, { create: { resumeCode, visitDate: visit.visitDate, business: visit.business } });
    },
    syncNow: () => loop.kick(),
    refresh: async () => {
      await refreshSession();
      await refreshServerList();
    },
    dispose() {
      disposed = true;
      loop.dispose();
      if (syncTimer !== null) timers.clearTimeout(syncTimer);
      win.clearInterval(refreshTimer);
      win.removeEventListener('online', onOnline);
      win.removeEventListener('offline', onOffline);
    },
  };
}
