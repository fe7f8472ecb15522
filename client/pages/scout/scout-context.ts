/** The scouts' state travels through context, like the app state; `useScout()` reads it. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ScoutState } from '../../state/scout/scout-state.ts';

export const ScoutContext = createContext<ScoutState | null>(null);

export function useScout(): ScoutState {
  const scout = useContext(ScoutContext);
  if (!scout) throw new Error('useScout() outside <ScoutContext.Provider>');
  return scout;
}
