/**
 * The README's table of which workshops a typical business of each sample
 * trade group, size and level is offered: the real engine on the shipped
 * catalogue, so the table shows what matching does. `npx procheck offers`
 * rewrites it; a test fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  type AnswerValue,
  type Answers,
  type BusinessProfile,
  type Catalogue,
  type PreparedQuestionnaire,
  type Question,
  assess,
  localize,
  resolveVisibility,
} from '../../questionnaires/engine/index.ts';

export const README_FILE = new URL('../../README.md', import.meta.url).pathname;
const START = '<!-- offer-table:start (npx procheck offers) -->';
const END = '<!-- offer-table:end -->';

/** The day the table is drawn up for: fixed, so the sample catalogue's dates stay upcoming and the table stable. */
export const OFFER_TABLE_DATE = '2026-11-23';
/** A postcode in the sample region (Bottrop), so regional workshops count. */
const POSTCODE = '46236';
const SIZES = ['1', '5-9', '20-49'];
/** How far a typical business at each level has come (0–1) … */
const LEVEL_REACH: Record<string, number> = { einsteiger: 0.1, anwender: 0.5, vorreiter: 0.9 };
/** … shaped as crafts businesses often are: ahead with customers, behind in workshop technology, security and strategy. */
const SHAPE: Record<string, number> = { strategie: -0.1, kunden: 0.1, auftrag: 0.05, einkauf: 0, technik: -0.15, mitarbeitende: 0.05, sicherheit: -0.1 };
const TOP = 3;

const clamp = (value: number) => Math.max(0, Math.min(1, value));

/** The answer that reaches about `reach` of a question's best answer. */
function answerAt(question: Question, reach: number): AnswerValue | undefined {
  const closest = <T>(items: readonly T[], distance: (item: T) => number) => items.reduce((best, item) => (distance(item) < distance(best) ? item : best));
  switch (question.type) {
    case 'single': {
      const best = Math.max(...question.options.map((o) => o.score), 0) || 1;
      return closest(question.options, (o) => Math.abs(o.score / best - reach)).id;
    }
    case 'multi': {
      const scored = question.options.filter((o) => !o.exclusive && o.score > 0);
      const max = question.maxScore ?? scored.reduce((sum, o) => sum + o.score, 0);
      const chosen: string[] = [];
      let sum = 0;
      for (const option of scored) {
        if (sum / max >= reach - 1e-9) break;
        chosen.push(option.id);
        sum += option.score;
      }
      const none = question.options.find((o) => o.exclusive);
      return chosen.length === 0 && none ? [none.id] : chosen;
    }
    case 'scale':
      return question.min + Math.round(reach * (question.max - question.min));
    case 'boolean':
      return reach >= 0.5;
    case 'number': {
      const bands = question.scoreBands ?? [];
      return bands.length ? closest(bands, (b) => Math.abs(b.score - reach)).atLeast : undefined;
    }
    case 'text':
      return undefined;
  }
}

/** Answers every question the business sees, in order, at its level's reach in each dimension. */
function typicalAnswers(prepared: PreparedQuestionnaire, profile: BusinessProfile, level: string): Answers {
  const answers: Answers = {};
  for (const { question, dimension } of prepared.questions) {
    const visible = resolveVisibility(prepared, answers, profile).visible.some((e) => e.question.id === question.id);
    if (!visible) continue;
    const value = answerAt(question, clamp(LEVEL_REACH[level]! + (SHAPE[dimension] ?? 0)));
    if (value !== undefined) answers[question.id] = value;
  }
  return answers;
}

/** The Markdown table: one row per trade group and size, one column per level, the top workshops in each cell. */
export function offerTable(prepared: PreparedQuestionnaire, catalogue: Catalogue, today = OFFER_TABLE_DATE): string {
  const { definition } = prepared;
  const de = (value: Parameters<typeof localize>[0]) => localize(value, { locale: 'de', solo: false });
  const levels = definition.levels.filter((l) => l.id in LEVEL_REACH);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `| trade group | size | ${levels.map((l) => `${de(l.title)} (≈ ${Math.round(LEVEL_REACH[l.id]! * 100)})`).join(' | ')} |`,
    `| --- | --- | ${levels.map(() => '---').join(' | ')} |`,
  ];
  for (const trade of definition.profile.trades) {
    for (const size of SIZES) {
      const band = definition.profile.employeeBands.find((b) => b.id === size);
      if (!band) continue;
      const profile: BusinessProfile = { trade: trade.id, employees: size, postcode: POSTCODE };
      const cells = levels.map((level) => {
        const set = { questionnaireId: definition.id, version: definition.version, profile, answers: typicalAnswers(prepared, profile, level.id), relevance: {} };
        const { referrals } = assess(prepared, set, { catalogue, today, maxWorkshops: TOP });
        if (referrals.workshops.length === 0) return referrals.beyondCatalogue ? '*nothing more advanced — chamber adviser*' : '—';
        return referrals.workshops.map((w) => cell(de(w.workshop.title))).join('<br>');
      });
      lines.push(`| ${cell(de(trade.label))} | ${cell(de(band.label))} | ${cells.join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The README with its offer table replaced; throws when the markers are missing (a broken invariant). */
export function withOfferTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  return `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`;
}

/** The table as the README has it now. */
export function readmeOfferTable(readme: string = readFileSync(README_FILE, 'utf8')): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? '' : readme.slice(start + START.length + 1, end);
}

export function writeOfferTable(prepared: PreparedQuestionnaire, catalogue: Catalogue): string {
  writeFileSync(README_FILE, withOfferTable(readFileSync(README_FILE, 'utf8'), offerTable(prepared, catalogue)));
  return README_FILE;
}
