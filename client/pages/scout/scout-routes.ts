/**
 * URLs of the scouts' area, below /scout (the app passes the rest as `path`):
 *   /                           the visit list (or the login)
 *   /besuch/neu                 a new visit: the business's details
 *   /besuch/<id>/<step>         a page of a visit: `betrieb`, a section id, `abschluss`, `ergebnis`
 */
import { SCOUT_PATH } from '../../routes.tsx';

export const BUSINESS_STEP = 'betrieb';
export const REVIEW_STEP = 'abschluss';
export const RESULT_STEP = 'ergebnis';

export type ScoutRoute = { view: 'list' } | { view: 'new' } | { view: 'visit'; id: string; step: string | null } | { view: 'not-found' };

export function parseScoutPath(path: string): ScoutRoute {
  if (path === '/') return { view: 'list' };
  if (path === '/besuch/neu') return { view: 'new' };
  const visit = /^\/besuch\/([0-9a-f-]{36})(?:\/([a-z0-9-]+))?$/.exec(path);
  if (visit) return { view: 'visit', id: visit[1]!, step: visit[2] ?? null };
  return { view: 'not-found' };
}

export const scoutListPath = () => SCOUT_PATH;
export const newVisitPath = () => `${SCOUT_PATH}/besuch/neu`;
export const visitPath = (id: string, step: string, anchor?: string) => `${SCOUT_PATH}/besuch/${id}/${step}${anchor ? `#${anchor}` : ''}`;
export const visitHomePath = (id: string) => `${SCOUT_PATH}/besuch/${id}`;
