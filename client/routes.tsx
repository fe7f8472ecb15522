/**
 * URLs of the web app. Each page of a check has its own, so the browser's
 * back and forward buttons move between pages and a reload stays put.
 *   /                      start
 *   /fortsetzen#CODE       continue with a resume code (the fragment never reaches the server)
 *   /wiederholen/<id>#TOKEN  a report's re-check link: a re-assessment compared with check <id>
 *   /check/<id>/<step>     a page of a check: a section id, `pruefen` or `ergebnis`
 *   /kammer/...            chamber staff and admins (login, dashboard, users, audit log)
 *   /scout/...             process scouts (visits, offline)
 */
export type Route =
  | { page: 'start' }
  | { page: 'resume'; code: string }
  | { page: 'retake'; id: string; token: string }
  | { page: 'check'; id: string; step: string | null; anchor: string }
  | { page: 'staff'; path: string }
  | { page: 'scout'; path: string }
  | { page: 'not-found' };

export const STAFF_PATH = '/kammer';
export const SCOUT_PATH = '/scout';

export const RESUME_PATH = '/fortsetzen';
export const RETAKE_PATH = '/wiederholen';

export function parseRoute(pathname: string, hash: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'start' };
  if (path === STAFF_PATH || path.startsWith(`${STAFF_PATH}/`)) return { page: 'staff', path: path.slice(STAFF_PATH.length) || '/' };
  if (path === SCOUT_PATH || path.startsWith(`${SCOUT_PATH}/`)) return { page: 'scout', path: path.slice(SCOUT_PATH.length) || '/' };
  if (path === RESUME_PATH) return { page: 'resume', code: decodeURIComponent(hash.replace(/^#/, '')) };
  const retake = /^\/wiederholen\/([0-9a-f-]{36})$/.exec(path);
  if (retake) return { page: 'retake', id: retake[1]!, token: decodeURIComponent(hash.replace(/^#/, '')) };
  const check = /^\/check\/([0-9a-f-]{36})(?:\/([a-z0-9-]+))?$/.exec(path);
  if (check) return { page: 'check', id: check[1]!, step: check[2] ?? null, anchor: hash.replace(/^#/, '') };
  return { page: 'not-found' };
}

export const checkPath = (id: string, step: string, anchor?: string) => `/check/${id}/${step}${anchor ? `#${anchor}` : ''}`;

/** The link that continues a check on another device; the code sits in the fragment. */
export const resumeLink = (origin: string, resumeCode: string) => `${origin}${RESUME_PATH}#${resumeCode}`;
