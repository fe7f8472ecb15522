/**
 * What the browser keeps between visits: the language, the checks this
 * device has open (id and resume code, so a reload continues) and changes
 * not yet saved on the server. Storage may be missing or full (private
 * windows): then the app still works, it just forgets on reload.
 */
import type { Locale } from '../../questionnaires/engine/index.ts';
import type { Credentials } from '../api/api-client.ts';
import type { AssessmentPatch } from '../../api/assessments.ts';

const KEY = {
  locale: 'procheck.locale',
  checks: 'procheck.checks',
  pending: (id: string) => `procheck.pending.${id}`,
};

interface SavedChecks {
  /** The check this device worked on last. */
  current: string | null;
  codes: Record<string, string>;
}

export interface LocalStore {
  locale(): Locale | null;
  setLocale(locale: Locale): void;
  credentials(id: string): Credentials | null;
  /** The check this device worked on last, if any. */
  current(): Credentials | null;
  remember(credentials: Credentials): void;
  pending(id: string): AssessmentPatch | null;
  setPending(id: string, patch: AssessmentPatch | null): void;
  /** Drops everything this device kept about a check (after it was erased). */
  forget(id: string): void;
}

export function createLocalStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): LocalStore {
  const read = <T>(key: string): T | null => {
    try {
      const raw = storage?.getItem(key);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: unknown) => {
    try {
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Full or forbidden storage: the server copy still holds everything saved.
    }
  };
  const checks = (): SavedChecks => {
    const saved = read<SavedChecks>(KEY.checks);
    return saved && typeof saved.codes === 'object' && saved.codes ? saved : { current: null, codes: {} };
  };

  return {
    locale: () => {
      const value = read<string>(KEY.locale);
      return value === 'de' || value === 'en' ? value : null;
    },
    setLocale: (locale) => write(KEY.locale, locale),
    credentials: (id) => {
      const code = checks().codes[id];
      return typeof code === 'string' ? { id, resumeCode: code } : null;
    },
    current() {
      const saved = checks();
      const code = saved.current ? saved.codes[saved.current] : undefined;
      return saved.current && typeof code === 'string' ? { id: saved.current, resumeCode: code } : null;
    },
    remember({ id, resumeCode }) {
      const saved = checks();
      write(KEY.checks, { current: id, codes: { ...saved.codes, [id]: resumeCode } });
    },
    pending: (id) => read<AssessmentPatch>(KEY.pending(id)),
    setPending: (id, patch) => write(KEY.pending(id), patch),
    forget(id) {
      const saved = checks();
      const { [id]: _gone, ...codes } = saved.codes;
      write(KEY.checks, { current: saved.current === id ? null : saved.current, codes });
      write(KEY.pending(id), null);
    },
  };
}
