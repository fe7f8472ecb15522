/** Words for the staff area's ids and failures, from the staff i18n file. */
import type { ApiFailure } from '../../api/api-types.ts';
import type { StaffRole, StatsGroup } from '../../api/staff-api.ts';
import type { MessageKey, Translator } from '../../state/i18n.ts';

const ROLE_KEYS: Record<StaffRole, MessageKey> = {
  admin: 'staff.role.admin',
  staff: 'staff.role.staff',
  scout: 'staff.role.scout',
};

export const roleLabel = (i18n: Translator, role: StaffRole): string => i18n.t(ROLE_KEYS[role]);

const AUDIT_KEYS: Record<string, MessageKey> = {
  'user.create': 'staff.audit.action.userCreate',
  'user.update': 'staff.audit.action.userUpdate',
  'export.results': 'staff.audit.action.exportResults',
  'export.aggregates': 'staff.audit.action.exportAggregates',
  'assessment.erase': 'staff.audit.action.assessmentErase',
  'assessment.data-export': 'staff.audit.action.assessmentDataExport',
};

/** A known action in words; an action added to the server later is shown by its id. */
export const auditActionLabel = (i18n: Translator, action: string): string => {
  const key = AUDIT_KEYS[action];
  return key ? i18n.t(key) : action;
};

/** What went wrong, for a request made on the session's authority. */
export function failureMessage(i18n: Translator, failure: ApiFailure): string {
  if (failure.status === 0) return i18n.t('staff.error.offline');
  if (failure.status === 401) return i18n.t('staff.error.sessionEnded');
  if (failure.status === 403) return i18n.t('staff.error.forbidden');
  if (failure.status === 429) return i18n.t('staff.error.throttled');
  if (failure.status >= 500) return i18n.t('staff.error.server');
  // A 4xx with the server's own words (e.g. "the last admin cannot be disabled"): shown as they are, after ours.
  const detail = failure.issues.length ? failure.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') : failure.error;
  return i18n.t('staff.error.refused', { detail });
}

const GROUP_KEYS: Record<StatsGroup, MessageKey> = {
  trade: 'staff.group.trade',
  employees: 'staff.group.employees',
  region: 'staff.group.region',
  channel: 'staff.group.channel',
  version: 'staff.group.version',
  month: 'staff.group.month',
};

/** The name of a grouping ("trade group"), for the group-by choice and headings. */
export const groupLabel = (i18n: Translator, group: StatsGroup): string => i18n.t(GROUP_KEYS[group]);
