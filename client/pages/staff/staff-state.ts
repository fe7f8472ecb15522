/**
 * The staff area's own state: who is logged in and the session's CSRF token.
 * Created when the area opens (never module-level) and handed down through
 * StaffContext. A 401 on any later request means the session ended on the
 * server (idle, disabled, logged out elsewhere): the area falls back to the
 * login form and says why.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Fetch } from '../../api/api-client.ts';
import type { ApiFailure, ApiResult } from '../../api/api-result.ts';
import { createStaffApi, type StaffApi, type StaffSession, type StaffUser } from '../../api/staff-api.ts';

export type StaffAuth =
  | { status: 'checking' }
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'logged-out' }
  | { status: 'in'; user: StaffUser; csrfToken: string }
  /** The server could not be asked; the area offers a retry. */
  | { status: 'unreachable'; failure: ApiFailure };

export interface StaffState {
  api: StaffApi;
  auth: ReadonlySignal<StaffAuth>;
  /** Asks the server whether the cookie still names a session. */
  check(): Promise<void>;
  login(email: string, password: string): Promise<ApiResult<StaffSession>>;
  /** Ends the session; on failure the user stays logged in and is told. */
  logout(): Promise<ApiResult<null>>;
}

export function createStaffState({ fetcher }: { fetcher?: Fetch } = {}): StaffState {
  const auth = signal<StaffAuth>({ status: 'checking' });
  const api = createStaffApi({
    fetcher,
    csrfToken: () => {
      const current = auth.peek();
      return current.status === 'in' ? current.csrfToken : null;
    },
    onSessionEnded: () => {
      if (auth.peek().status === 'in') auth.value = { status: 'anonymous', reason: 'expired' };
    },
  });

  return {
    api,
    auth,
    async check() {
      const me = await api.me();
      if (me.ok) auth.value = { status: 'in', user: me.value.user, csrfToken: me.value.csrfToken };
      else if (me.failure.status === 401) auth.value = { status: 'anonymous', reason: 'none' };
      else auth.value = { status: 'unreachable', failure: me.failure };
    },
    async login(email, password) {
      const result = await api.login(email, password);
      if (result.ok) auth.value = { status: 'in', user: result.value.user, csrfToken: result.value.csrfToken };
      return result;
    },
    async logout() {
      const result = await api.logout();
      // Only the server can clear the httpOnly cookie: without its answer the session is still alive.
      if (result.ok) auth.value = { status: 'anonymous', reason: 'logged-out' };
      return result;
    },
  };
}

export const StaffContext = createContext<StaffState | null>(null);

export function useStaff(): StaffState {
  const staff = useContext(StaffContext);
  if (!staff) throw new Error('useStaff() outside <StaffContext.Provider>');
  return staff;
}
