/** Words for the staff area's ids and failures, from the staff i18n file. */
import type { ApiFailure } from '../../api/api-result.ts';
import type { StaffRole, StatsGroup } from '../../api/staff-api.ts';
import type { MessageKey, Translator } from '../../state/i18n.ts';
import { problemMessage } from '../../state/problem-messages.ts';

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
  'mail.queue.view': 'staff.audit.action.mailQueueView',
  'mail.queue.purge': 'staff.audit.action.mailQueuePurge',
  'mail.queue.delete': 'staff.audit.action.mailQueueDelete',
};

/** A known action in words; an action added to the server later is shown by its id. */
export const auditActionLabel = (i18n: Translator, action: string): string => {
  const key = AUDIT_KEYS[action];
  return key ? i18n.t(key) : action;
};

/** What went wrong, for a request made on the session's authority: the code's words, never the server's English. */
export function failureMessage(i18n: Translator, failure: ApiFailure): string {
  // Requests on a session that has ended: whatever the code, the way on is to log in again.
  if (failure.code === 'auth.login-required') return i18n.t('staff.error.sessionEnded');
  return problemMessage(i18n, failure);
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
