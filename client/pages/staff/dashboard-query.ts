/**
 * The dashboard's filters live in the address bar (`/kammer/dashboard?trade=…`),
 * so a view can be shared as a link and the back button undoes a filter.
 * Values the server would refuse are dropped on the way in rather than shown
 * as an error: a hand-edited or outdated link still opens a dashboard.
 */
import { CHANNELS, STATS_GROUPS, statsSearch, type Channel, type StatsGroup, type StatsQuery } from '../../api/staff-api.ts';
import type { Locale } from '../../../questionnaires/engine/index.ts';

export interface DashboardQuery {
  version?: string;
  channel?: Channel;
  /** '' selects checks that did not give a trade. */
  trade?: string;
  employees?: string;
  region?: string;
  from?: string;
  to?: string;
  groupBy?: StatsGroup;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const VERSION = /^[0-9A-Za-z.+-]{1,32}$/;

export const isMonth = (value: string) => MONTH.test(value);

export function parseDashboardQuery(search: string): DashboardQuery {
  const params = new URLSearchParams(search);
  const query: DashboardQuery = {};
  const id = (key: 'trade' | 'employees' | 'region') => {
    const value = params.get(key);
    if (value !== null && (value === '' || ID.test(value))) query[key] = value;
  };
  id('trade');
  id('employees');
  id('region');
  const version = params.get('version');
  if (version && VERSION.test(version)) query.version = version;
  const channel = params.get('channel');
  if (channel && (CHANNELS as readonly string[]).includes(channel)) query.channel = channel as Channel;
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key);
    if (value && MONTH.test(value)) query[key] = value;
  }
  const groupBy = params.get('groupBy');
  if (groupBy && (STATS_GROUPS as readonly string[]).includes(groupBy)) query.groupBy = groupBy as StatsGroup;
  return query;
}

/** The same order every time, so equal views have equal links. */
export const dashboardSearch = (query: DashboardQuery): string => statsSearch(query);

export const toStatsQuery = (query: DashboardQuery, locale?: Locale): StatsQuery => ({ ...query, ...(locale ? { locale } : {}) });

export const hasFilters = (query: DashboardQuery): boolean =>
  (['version', 'channel', 'trade', 'employees', 'region', 'from', 'to'] as const).some((key) => query[key] !== undefined);

/** Sets or clears one part; `undefined` removes it from the link. */
export function withPart<K extends keyof DashboardQuery>(query: DashboardQuery, key: K, value: DashboardQuery[K] | undefined): DashboardQuery {
  const next = { ...query };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
