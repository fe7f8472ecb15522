/** Entry point: builds the app state from the browser's pieces and renders the app. */
import { render } from 'preact';
import { createApiClient } from './api/api-client.ts';
import { App } from './app.tsx';
import { createAppState } from './state/app-state.ts';
import { createLocalStore } from './state/local-store.ts';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const state = createAppState({ api: createApiClient(), store: createLocalStore(browserStorage()), window });
render(<App state={state} />, document.getElementById('app')!);
