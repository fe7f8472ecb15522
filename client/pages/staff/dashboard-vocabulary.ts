/**
 * The words the dashboard shows for ids: trades, employee bands, levels and
 * dimensions from the questionnaire, regions from the catalogue, channels and
 * "not given" from the staff i18n file. An id nobody knows (a trade of an
 * older version) is shown as it is rather than hidden.
 */
import type { Catalogue, PreparedQuestionnaire } from '../../../questionnaires/engine/index.ts';
import { COARSENED } from '../../../reports/coarsened.ts';
import { CHANNELS, type StatsGroup } from '../../api/staff-api.ts';
import type { Translator } from '../../state/i18n.ts';

export interface Choice {
  id: string;
  label: string;
}

export interface LevelLabel extends Choice {
  /** Score range of the level, 0–100. */
  from: number;
  to: number;
}

export interface DimensionLabel extends Choice {
  /** The short title, for chart rows and table headers. */
  short: string;
}

export interface Vocabulary {
  trades: Choice[];
  employees: Choice[];
  regions: Choice[];
  channels: Choice[];
  levels: LevelLabel[];
  dimensions: DimensionLabel[];
  /** The label of a group key under a grouping. */
  group(groupBy: StatsGroup, key: string): string;
  month(key: string): string;
}

export function buildVocabulary(prepared: PreparedQuestionnaire, catalogue: Catalogue | null, i18n: Translator): Vocabulary {
  const { profile, levels, dimensions } = prepared.definition;
  const trades = profile.trades.map((t) => ({ id: t.id, label: i18n.text(t.label) }));
  const employees = profile.employeeBands.map((b) => ({ id: b.id, label: i18n.text(b.label) }));
  const regions = (catalogue?.regions ?? []).map((r) => ({ id: r.id, label: i18n.text(r.name) }));
  const channels = CHANNELS.map((id) => ({ id, label: i18n.t(id === 'online' ? 'staff.channel.online' : 'staff.channel.visit') }));
  const monthFormat = new Intl.DateTimeFormat(i18n.locale === 'de' ? 'de-DE' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const month = (key: string) => (/^\d{4}-\d{2}$/.test(key) ? monthFormat.format(new Date(`${key}-01T00:00:00Z`)) : key);
  const lookup = (list: Choice[], key: string) =>
    key === COARSENED ? i18n.t('staff.coarsened') : key === '' ? i18n.t('staff.notGiven') : (list.find((c) => c.id === key)?.label ?? key);
  return {
    trades,
    employees,
    regions,
    channels,
    levels: levels.map((l, i) => ({ id: l.id, label: i18n.text(l.title), from: l.minScore, to: levels[i + 1]?.minScore ?? 100 })),
    dimensions: dimensions.map((d) => ({ id: d.id, label: i18n.text(d.title), short: i18n.text(d.shortTitle ?? d.title) })),
    month,
    group(groupBy, key) {
      switch (groupBy) {
        case 'trade':
          return lookup(trades, key);
        case 'employees':
          return lookup(employees, key);
        case 'region':
          return lookup(regions, key);
        case 'channel':
          return lookup(channels, key);
        case 'month':
          return key === COARSENED ? i18n.t('staff.coarsened') : month(key);
        case 'version':
          return key === COARSENED ? i18n.t('staff.coarsened') : key ? i18n.t('staff.versionLabel', { version: key }) : i18n.t('staff.notGiven');
      }
    },
  };
}
