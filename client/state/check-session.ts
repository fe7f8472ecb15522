/**
 * One open check: the server's copy, the changes not yet saved on top of it,
 * and autosave. Changes are batched (debounced), written to local storage at
 * once so a dropped connection or a closed tab loses nothing, retried with
 * backoff, and re-applied on the fresh state when the revision was stale.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { AnswerValue, BusinessProfile, PreparedQuestionnaire, Progress, Visibility } from '../../questionnaires/engine/index.ts';
// From the module, not index.ts: the web app must not pull in zod (see vite.config.ts).
import { progressOf, resolveVisibility } from '../../questionnaires/engine/visibility.ts';
import type { ApiClient, Credentials } from '../api/api-client.ts';
import { pathOfPointer } from '../api/api-failure.ts';
import type { FieldCode } from '../../api/problem-codes.ts';
import type { AssessmentPatch, AssessmentState, ResultDocument } from '../../api/assessments.ts';
import type { LocalStore } from './local-store.ts';
import { applyPatch, isEmptyPatch, mergePatches, patchHasPath, withoutPath, type CheckValues } from './patches.ts';

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'retrying'; attempt: number }
  /** Automatic retries are used up, or the server will not take the change: the business decides. */
  | { kind: 'failed'; reason: 'network' | 'forbidden' | 'submitted' | 'rejected' };

export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

export interface CheckSessionOptions {
  api: ApiClient;
  store: LocalStore;
  credentials: Credentials;
  prepared: PreparedQuestionnaire;
  initial: AssessmentState;
  debounceMs?: number;
  /** Waits before automatic retries; when they are used up the business gets a retry button. */
  retryDelaysMs?: number[];
  timers?: Timers;
}

export interface CheckSession {
  credentials: Credentials;
  prepared: PreparedQuestionnaire;
  /** The check as the server last confirmed it. */
  server: ReadonlySignal<AssessmentState>;
  /** What the business sees: the server's copy plus unsaved changes. */
  values: ReadonlySignal<CheckValues>;
  visibility: ReadonlySignal<Visibility>;
  progress: ReadonlySignal<Progress>;
  save: ReadonlySignal<SaveState>;
  /** Changes the server refused, by path (`profile.postcode`): shown at the field until it changes. */
  /** Values the server refused, by path (`profile.postcode`), with the reason's code. */
  rejected: ReadonlySignal<Record<string, FieldCode>>;
  result: ReadonlySignal<ResultDocument | null>;
  setProfile<K extends keyof BusinessProfile>(field: K, value: BusinessProfile[K] | null): void;
  setAnswer(questionId: string, value: AnswerValue | null): void;
  setRelevance(questionId: string, rating: number | null): void;
  /** The page the business is on: saved with the next autosave (and on its own), so resuming opens it. */
  setStep(step: string): void;
  /** The page last set here or saved on any device; null when none was. */
  step(): string | null;
  /** Saves now; true when nothing is left unsaved. */
  flush(): Promise<boolean>;
  /** The retry button after automatic retries gave up. */
  retry(): void;
  setResult(result: ResultDocument): void;
  /** Replaces the server copy (after a submit), keeping unsaved changes. */
  replaceServer(state: AssessmentState): void;
  dispose(): void;
}

const MAX_CONFLICT_ROUNDS = 5;

export function createCheckSession(options: CheckSessionOptions): CheckSession {
  const { api, store, credentials, prepared } = options;
  const debounceMs = options.debounceMs ?? 400;
  const retryDelays = options.retryDelaysMs ?? [1000, 3000];
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle),
  };

  const server = signal(options.initial);
  const inFlight = signal<AssessmentPatch>({});
  const pending = signal<AssessmentPatch>(store.pending(credentials.id) ?? {});
  const save = signal<SaveState>({ kind: 'saved' });
  const rejected = signal<Record<string, FieldCode>>({});
  const result = signal<ResultDocument | null>(null);

  const values = computed(() => applyPatch(applyPatch(server.value, inFlight.value), pending.value));
  const visibility = computed(() => resolveVisibility(prepared, values.value.answers, values.value.profile));
  const progress = computed(() => progressOf(prepared, values.value.answers, values.value.profile));

  let timer: number | null = null;
  let attempt = 0;
  let conflictRounds = 0;
  let sending: Promise<void> | null = null;
  let disposed = false;

  const unsaved = () => mergePatches(inFlight.value, pending.value);
  const currentStep = () => pending.peek().step ?? inFlight.peek().step ?? server.peek().step ?? null;
  const persist = () => {
    const all = unsaved();
    store.setPending(credentials.id, isEmptyPatch(all) ? null : all);
  };
  const schedule = (ms: number) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void send();
    }, ms);
  };

  function change(patch: AssessmentPatch, paths: string[]) {
    if (server.value.status === 'submitted') return;
    batch(() => {
      pending.value = mergePatches(pending.value, patch);
      if (paths.some((path) => Object.hasOwn(rejected.value, path))) {
        const rest = { ...rejected.value };
        for (const path of paths) delete rest[path];
        rejected.value = rest;
      }
      if (save.value.kind !== 'failed' && save.value.kind !== 'retrying') save.value = { kind: 'saving' };
    });
    persist();
    // While retries wait for the network, a new change rides along with the next attempt.
    if (save.value.kind === 'saving') schedule(debounceMs);
  }

  function send(): Promise<void> {
    if (sending) return sending;
    if (isEmptyPatch(pending.value)) {
      if (save.value.kind === 'saving') save.value = { kind: 'saved' };
      return Promise.resolve();
    }
    sending = sendOnce().finally(() => {
      sending = null;
    });
    return sending;
  }

  async function sendOnce(): Promise<void> {
    const changes = pending.value;
    batch(() => {
      inFlight.value = changes;
      pending.value = {};
      if (save.value.kind !== 'retrying') save.value = { kind: 'saving' };
    });
    const response = await api.patch(credentials, server.value.revision, changes);
    if (disposed) return;
    if (response.ok) {
      attempt = 0;
      conflictRounds = 0;
      batch(() => {
        server.value = response.value;
        inFlight.value = {};
        save.value = { kind: isEmptyPatch(pending.value) ? 'saved' : 'saving' };
      });
      persist();
      if (!isEmptyPatch(pending.value)) schedule(0);
      return;
    }
    const { failure } = response;
    // Whatever went wrong, the changes go back in front of anything typed meanwhile.
    const putBack = (kept: AssessmentPatch) => {
      batch(() => {
        pending.value = mergePatches(kept, pending.value);
        inFlight.value = {};
      });
      persist();
    };
    if (failure.status === 409 && failure.current) {
      server.value = failure.current;
      putBack(changes);
      if (failure.current.status === 'submitted') {
        save.value = { kind: 'failed', reason: 'submitted' };
      } else if (++conflictRounds <= MAX_CONFLICT_ROUNDS) {
        schedule(0);
      } else {
        save.value = { kind: 'failed', reason: 'network' };
      }
      return;
    }
    if (failure.status === 400) {
      let kept = changes;
      const refused: Record<string, FieldCode> = {};
      for (const error of failure.errors) {
        const path = pathOfPointer(error.pointer);
        if (error.in !== 'body' || !patchHasPath(kept, path)) continue;
        refused[path] = error.code;
        kept = withoutPath(kept, path);
      }
      if (Object.keys(refused).length === 0) {
        putBack(changes);
        save.value = { kind: 'failed', reason: 'rejected' };
        return;
      }
      // The refused values stay out of the queue (they can never be saved) but stay visible at their field.
      rejected.value = { ...rejected.value, ...refused };
      putBack(kept);
      save.value = { kind: isEmptyPatch(pending.value) ? 'saved' : 'saving' };
      if (!isEmptyPatch(pending.value)) schedule(0);
      return;
    }
    putBack(changes);
    if (failure.status === 401 || failure.status === 403) {
      save.value = { kind: 'failed', reason: 'forbidden' };
      return;
    }
    attempt += 1;
    if (attempt <= retryDelays.length) {
      save.value = { kind: 'retrying', attempt };
      schedule(retryDelays[attempt - 1]!);
    } else {
      save.value = { kind: 'failed', reason: 'network' };
    }
  }

  async function flush(): Promise<boolean> {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
    for (let round = 0; round < MAX_CONFLICT_ROUNDS + 2; round++) {
      if (sending) {
        await sending;
        continue;
      }
      if (isEmptyPatch(pending.value)) return save.value.kind !== 'failed';
      if (save.value.kind === 'failed' || save.value.kind === 'retrying') attempt = retryDelays.length;
      await send();
      if (save.value.kind === 'failed' || save.value.kind === 'retrying') return false;
    }
    return isEmptyPatch(unsaved());
  }

  function retry() {
    attempt = 0;
    conflictRounds = 0;
    save.value = { kind: 'saving' };
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    void send();
  }

  // Back online: try at once rather than waiting for the button.
  const onOnline = () => {
    if (!isEmptyPatch(pending.value)) retry();
  };
  // Leaving or hiding the page: send what is waiting instead of waiting for the debounce.
  const onHide = () => {
    if (document.visibilityState === 'hidden' && !isEmptyPatch(pending.value) && save.value.kind === 'saving') void send();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onHide);

  // Changes a previous visit could not save are sent first.
  if (!isEmptyPatch(pending.value)) {
    save.value = { kind: 'saving' };
    schedule(0);
  }

  return {
    credentials,
    prepared,
    server,
    values,
    visibility,
    progress,
    save,
    rejected,
    result,
    setProfile: (field, value) => change({ profile: { [field]: value } }, [`profile.${field}`]),
    setAnswer: (id, value) => change({ answers: { [id]: value } }, [`answers.${id}`]),
    setRelevance: (id, rating) => change({ relevance: { [id]: rating } }, [`relevance.${id}`]),
    setStep: (step) => {
      if (currentStep() === step) return;
      // A check with nothing saved yet reopens on its first page anyway: its page rides along with the first answer.
      if (server.peek().revision === 0 && isEmptyPatch({ ...unsaved(), step: undefined })) {
        pending.value = mergePatches(pending.value, { step });
        persist();
        return;
      }
      change({ step }, []);
    },
    step: currentStep,
    flush,
    retry,
    setResult: (document) => {
      result.value = document;
    },
    replaceServer: (state) => {
      server.value = state;
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onHide);
    },
  };
}
