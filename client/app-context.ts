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

/** The translator for the current language; re-renders the caller when it changes. */
export const useI18n = (): Translator => useApp().i18n.value;
