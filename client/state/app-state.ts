/**
 * The whole state of the web app, created once in main.tsx and handed down
 * through context: nothing lives in module-level variables, so a test can
 * build as many independent apps as it likes.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Locale, PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { prepareQuestionnaire } from '../../questionnaires/engine/prepared.ts';
import { progressOf } from '../../questionnaires/engine/visibility.ts';
import type { ApiClient, Credentials } from '../api/api-client.ts';
import type { AssessmentState, CreatedAssessment } from '../../api/assessments.ts';
import type { QuestionnaireSummary } from '../../api/questionnaires.ts';
import type { ApiFailure, ApiResult } from '../api/api-result.ts';
import { offlineFailure } from '../api/api-failure.ts';

import { parseRoute, type Route } from '../routes.tsx';
import { createCheckSession, type CheckSession, type CheckSessionOptions } from './check-session.ts';
import { chooseLocale, createTranslator, type Translator } from './i18n.ts';
import type { LocalStore } from './local-store.ts';

/** No questionnaire released: the server's own 404 for one that is missing. */
const noQuestionnaire: ApiFailure = { status: 404, code: 'questionnaire.not-found', detail: 'no questionnaire released', errors: [], retryAfter: null };

export interface AppState {
  api: ApiClient;
  store: LocalStore;
  locale: ReadonlySignal<Locale>;
  i18n: ReadonlySignal<Translator>;
  route: ReadonlySignal<Route>;
  /** Counts in-app navigations; pages move focus to their heading only after the first. */
  navigations: ReadonlySignal<number>;
  /** The check open on this device, if any. */
  session: ReadonlySignal<CheckSession | null>;
  setLocale(locale: Locale): void;
  navigate(path: string, options?: { replace?: boolean }): void;
  /** The newest released questionnaire (for the start page). */
  latestQuestionnaire(): Promise<ApiResult<PreparedQuestionnaire>>;
  questionnaire(id: string, version: string): Promise<ApiResult<PreparedQuestionnaire>>;
  /** Loads a check with its questionnaire and makes it the open one. */
  openCheck(credentials: Credentials): Promise<ApiResult<CheckSession>>;
  /** Starts a new check, or a re-assessment of a submitted one. */
  startCheck(previousResumeCode?: string): Promise<ApiResult<CheckSession>>;
  /** Starts a re-assessment from a report's re-check link (the earlier check's id and token). */
  startRetake(previous: { id: string; retakeToken: string }): Promise<ApiResult<CheckSession>>;
  dispose(): void;
}

const versionKey = (version: string) => version.split('.').map((part) => part.padStart(6, '0')).join('.');

/** The newest version of the first questionnaire the server offers (this app runs one check). */
function latestOf(list: readonly QuestionnaireSummary[]): QuestionnaireSummary | undefined {
  const id = list[0]?.id;
  return list.filter((q) => q.id === id).sort((a, b) => versionKey(b.version).localeCompare(versionKey(a.version)))[0];
}

/** A check just created, before anything is in it: what the server would answer for it. */
function emptyCheck(created: CreatedAssessment, prepared: PreparedQuestionnaire, now: string): AssessmentState {
  return {
    id: created.id,
    status: 'draft',
    channel: 'online',
    questionnaireId: created.questionnaireId,
    version: created.version,
    profile: {},
    answers: {},
    relevance: {},
    revision: created.revision,
    progress: progressOf(prepared, {}, {}),
    step: null,
    isReassessment: false,
    // The device's clock: the web app shows neither, the next save brings the server's.
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
  };
}

export interface AppStateOptions {
  api: ApiClient;
  store: LocalStore;
  window: Window;
  /** Autosave timing, shortened in tests. */
  session?: Pick<CheckSessionOptions, 'debounceMs' | 'retryDelaysMs'>;
}

export function createAppState({ api, store, window: win, session: sessionOptions }: AppStateOptions): AppState {
  // The business's own choice, else the browser's languages (en-GB → English), else German.
  const locale = signal<Locale>(store.locale() ?? chooseLocale(win.navigator.languages ?? [win.navigator.language]));
  win.document.documentElement.lang = locale.peek();
  const i18n = computed(() => createTranslator(locale.value));
  const readRoute = () => parseRoute(win.location.pathname, win.location.hash);
  const route = signal<Route>(readRoute());
  const navigations = signal(0);
  const session: Signal<CheckSession | null> = signal(null);
  const prepared = new Map<string, Promise<ApiResult<PreparedQuestionnaire>>>();

  const onPopState = () => {
    route.value = readRoute();
    navigations.value += 1;
  };
  win.addEventListener('popstate', onPopState);

  function questionnaire(id: string, version: string): Promise<ApiResult<PreparedQuestionnaire>> {
    const key = `${id}@${version}`;
    let loading = prepared.get(key);
    if (!loading) {
      loading = api.questionnaire(id, version).then((result) =>
        result.ok ? { ok: true, value: prepareQuestionnaire(result.value.definition, result.value.hash) } : result,
      );
      // A failed load may be retried later; only successes are kept.
      void loading.then((result) => {
        if (!result.ok) prepared.delete(key);
      });
      prepared.set(key, loading);
    }
    return loading;
  }

  // The check asked for last; an older request that answers late must not replace it.
  let wanted: string | null = null;

  /** `fresh`: a check this app has just created with nothing in it, whose state needs no round trip. */
  async function openCheck(credentials: Credentials, fresh?: CreatedAssessment): Promise<ApiResult<CheckSession>> {
    const current = session.peek();
    if (current && current.credentials.id === credentials.id) return { ok: true, value: current };
    wanted = credentials.id;
    const loaded = fresh ? null : await api.load(credentials);
    if (loaded && !loaded.ok) return loaded;
    const ids = loaded ? loaded.value : fresh!;
    const definition = await questionnaire(ids.questionnaireId, ids.version);
    if (!definition.ok) return definition;
    if (wanted !== credentials.id) return { ok: false, failure: offlineFailure(new Error('superseded by another check')) };
    const initial = loaded ? loaded.value : emptyCheck(fresh!, definition.value, new Date().toISOString());
    store.remember(credentials);
    session.peek()?.dispose();
    const created = createCheckSession({ api, store, credentials, prepared: definition.value, initial, ...sessionOptions });
    session.value = created;
    return { ok: true, value: created };
  }

  // The released questionnaires, asked for once per page load (the start page and "start" both need them).
  let released: Promise<ApiResult<QuestionnaireSummary[]>> | null = null;
  function latestSummary(): Promise<ApiResult<QuestionnaireSummary>> {
    if (!released) {
      released = api.listQuestionnaires();
      void released.then((result) => {
        if (!result.ok) released = null;
      });
    }
    return released.then((list) => {
      if (!list.ok) return list;
      const latest = latestOf(list.value);
      return latest ? { ok: true, value: latest } : { ok: false, failure: noQuestionnaire };
    });
  }

  async function start(link: { previousResumeCode?: string; previous?: { id: string; retakeToken: string } }): Promise<ApiResult<CheckSession>> {
    const latest = await latestSummary();
    if (!latest.ok) return latest;
    // Without a version the server picks the latest of this questionnaire.
    const created = await api.create({ questionnaireId: latest.value.id, ...link });
    if (!created.ok) return created;
    // A re-assessment starts with the earlier check's business details: only the server has them.
    return openCheck({ id: created.value.id, resumeCode: created.value.resumeCode }, created.value.isReassessment ? undefined : created.value);
  }

  return {
    api,
    store,
    locale,
    i18n,
    route,
    navigations,
    session,
    setLocale(next) {
      locale.value = next;
      store.setLocale(next);
      win.document.documentElement.lang = next;
    },
    navigate(path, options = {}) {
      const here = win.location.pathname + win.location.hash;
      // A link to the page the business is on adds no history entry.
      if (options.replace || path === here) win.history.replaceState(null, '', path);
      else win.history.pushState(null, '', path);
      route.value = readRoute();
      navigations.value += 1;
    },
    async latestQuestionnaire() {
      const latest = await latestSummary();
      return latest.ok ? questionnaire(latest.value.id, latest.value.version) : latest;
    },
    questionnaire,
    openCheck,
    startCheck: (previousResumeCode) => start(previousResumeCode ? { previousResumeCode } : {}),
    startRetake: (previous) => start({ previous }),
    dispose() {
      win.removeEventListener('popstate', onPopState);
      session.peek()?.dispose();
    },
  };
}
