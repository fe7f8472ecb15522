/** The app state travels through context; components read it with `useApp()`. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from './state/app-state.ts';
import type { Translator } from './state/i18n.ts';

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() outside <AppContext.Provider>');
  return app;
}

/**
 * Whether the business whose check is on screen is one person: a check or a
 * visit provides it, so questionnaire texts below speak to the owner alone.
 */
export const BusinessVoice = createContext<{ solo: boolean }>({ solo: false });
export const SOLO = { solo: true } as const;
export const TEAM = { solo: false } as const;

/** The translator for the current language and business; re-renders the caller when either changes. */
export const useI18n = (): Translator => useApp().i18n.value.voice(useContext(BusinessVoice).solo);
