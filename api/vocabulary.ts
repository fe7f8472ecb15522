/**
 * The API's small closed vocabularies, free of zod so the web app can use
 * them at run time (role pickers, filter choices) without bundling zod.
 */

export const ROLES = ['admin', 'staff', 'scout'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['online', 'visit'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ASSESSMENT_STATUSES = ['draft', 'submitted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The dashboard's groupings (server/db/facts-repository.ts maps each to its column). */
export const STATS_GROUPS = ['trade', 'employees', 'region', 'channel', 'version', 'month'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const MIN_PASSWORD_LENGTH = 12;

/** Lists answer at most this many items per page, and this many unless asked. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
