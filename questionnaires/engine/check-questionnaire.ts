/**
 * Static checks of a questionnaire definition, beyond what the schema can say:
 * duplicate ids, conditions on unknown or later questions, unknown options,
 * cycles, dimensions nothing scores into, level thresholds, level texts.
 * Every issue names the JSON path of the place to fix.
 */
import type { Catalogue } from './catalogue.ts';
import { referencedQuestions } from './conditions.ts';
import { type Issue, type PathSegment, type Result, fromZodIssues, issue, prototypeKeyIssues } from './issues.ts';
import { maxPointsOf } from './prepared.ts';
import { type Condition, type Question, Questionnaire } from './schema.ts';

interface QuestionSite {
  question: Question;
  order: number;
  path: PathSegment[];
}

/** Parses a definition and runs every static check; `value` is safe to prepare. */
export function checkQuestionnaire(input: unknown): Result<Questionnaire> {
  const protoKeys = prototypeKeyIssues(input);
  if (protoKeys.length) return { ok: false, issues: protoKeys };
  const parsed = Questionnaire.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const issues = semanticIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data };
}

function duplicates<T>(items: readonly T[], idOf: (item: T) => string, pathOf: (index: number) => PathSegment[], what: string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    const id = idOf(item);
    if (seen.has(id)) issues.push(issue('duplicate-id', pathOf(index), `duplicate ${what} id "${id}"`));
    seen.add(id);
  });
  return issues;
}

function semanticIssues(q: Questionnaire): Issue[] {
  const issues: Issue[] = [];
  const sites = new Map<string, QuestionSite>();
  const allSites: QuestionSite[] = [];
  q.sections.forEach((section, s) => {
    if (section.kind !== 'dimension') return;
    section.questions.forEach((question, i) => {
      const site = { question, order: allSites.length, path: ['sections', s, 'questions', i] };
      allSites.push(site);
      if (!sites.has(question.id)) sites.set(question.id, site);
    });
  });

  issues.push(
    ...duplicates(q.dimensions, (d) => d.id, (i) => ['dimensions', i, 'id'], 'dimension'),
    ...duplicates(q.levels, (l) => l.id, (i) => ['levels', i, 'id'], 'level'),
    ...duplicates(q.sections, (s) => s.id, (i) => ['sections', i, 'id'], 'section'),
    ...duplicates(allSites, (s) => s.question.id, (i) => [...allSites[i]!.path, 'id'], 'question'),
    ...duplicates(q.recommendations, (r) => r.id, (i) => ['recommendations', i, 'id'], 'recommendation'),
    ...duplicates(q.profile.trades, (t) => t.id, (i) => ['profile', 'trades', i, 'id'], 'trade'),
    ...duplicates(q.profile.employeeBands, (b) => b.id, (i) => ['profile', 'employeeBands', i, 'id'], 'employee band'),
  );
  for (const site of allSites) {
    if (site.question.type === 'single' || site.question.type === 'multi') {
      issues.push(...duplicates(site.question.options, (o) => o.id, (i) => [...site.path, 'options', i, 'id'], 'option'));
    }
    issues.push(...questionShapeIssues(site));
  }

  issues.push(...levelIssues(q));
  issues.push(...profileSectionIssues(q));

  const dimensionIds = new Set(q.dimensions.map((d) => d.id));
  const scoredPerDimension = new Map<string, number>([...dimensionIds].map((id) => [id, 0]));
  q.sections.forEach((section, s) => {
    if (section.kind !== 'dimension') return;
    if (!dimensionIds.has(section.dimension)) {
      issues.push(issue('unknown-dimension', ['sections', s, 'dimension'], `unknown dimension "${section.dimension}"`));
      return;
    }
    const scored = section.questions.filter((question) => maxPointsOf(question) > 0).length;
    scoredPerDimension.set(section.dimension, scoredPerDimension.get(section.dimension)! + scored);
  });
  q.dimensions.forEach((dimension, d) => {
    if (scoredPerDimension.get(dimension.id) === 0) {
      issues.push(issue('dimension-without-scored-question', ['dimensions', d], `dimension "${dimension.id}" has no scored question`));
    }
  });

  const context = { q, sites, dimensionIds };
  for (const site of allSites) {
    if (site.question.visibleIf) {
      issues.push(...conditionIssues(site.question.visibleIf, [...site.path, 'visibleIf'], context, site));
    }
  }
  issues.push(...cycleIssues(allSites, sites));
  q.recommendations.forEach((rule, r) => {
    if (!dimensionIds.has(rule.dimension)) {
      issues.push(issue('unknown-dimension', ['recommendations', r, 'dimension'], `unknown dimension "${rule.dimension}"`));
    }
    issues.push(...conditionIssues(rule.when, ['recommendations', r, 'when'], context, null));
  });
  return issues;
}

function questionShapeIssues({ question, path }: QuestionSite): Issue[] {
  if ((question.type === 'scale' || question.type === 'number') && question.min >= question.max) {
    return [issue('invalid-range', [...path, 'max'], 'max must be greater than min')];
  }
  if (question.type === 'text' && question.relevance) {
    return [issue('relevance-on-unscored', [...path, 'relevance'], 'a text question has no implementation to compare relevance with')];
  }
  return [];
}

function levelIssues(q: Questionnaire): Issue[] {
  const issues: Issue[] = [];
  const first = q.levels[0];
  if (first && first.minScore !== 0) {
    issues.push(issue('levels-do-not-cover-range', ['levels', 0, 'minScore'], 'the first level must start at 0 so that every score 0–100 has a level'));
  }
  q.levels.forEach((level, i) => {
    const previous = q.levels[i - 1];
    if (previous && level.minScore <= previous.minScore) {
      issues.push(issue('levels-not-ascending', ['levels', i, 'minScore'], `must be greater than the previous level's ${previous.minScore}`));
    }
  });
  const levelIds = new Set(q.levels.map((l) => l.id));
  if (q.highlights && !levelIds.has(q.highlights.strengthFromLevel)) {
    issues.push(issue('unknown-level', ['highlights', 'strengthFromLevel'], `unknown level "${q.highlights.strengthFromLevel}"`));
  }
  q.dimensions.forEach((dimension, d) => {
    for (const level of q.levels) {
      if (!Object.hasOwn(dimension.levelTexts, level.id)) {
        issues.push(issue('missing-level-text', ['dimensions', d, 'levelTexts', level.id], `dimension "${dimension.id}" needs a text for level "${level.id}"`));
      }
    }
    for (const key of Object.keys(dimension.levelTexts)) {
      if (!levelIds.has(key)) issues.push(issue('unknown-level', ['dimensions', d, 'levelTexts', key], `unknown level "${key}"`));
    }
  });
  return issues;
}

function profileSectionIssues(q: Questionnaire): Issue[] {
  const issues: Issue[] = [];
  const profileSections = q.sections.flatMap((section, s) => (section.kind === 'profile' ? [{ section, s }] : []));
  if (profileSections.length === 0) {
    return [issue('missing-profile-section', ['sections'], 'a profile section asking at least for the trade is required')];
  }
  const seen = new Set<string>();
  for (const { section, s } of profileSections) {
    section.fields.forEach((field, f) => {
      if (seen.has(field.field)) issues.push(issue('duplicate-id', ['sections', s, 'fields', f, 'field'], `profile field "${field.field}" is asked twice`));
      seen.add(field.field);
    });
  }
  if (!seen.has('trade')) issues.push(issue('missing-profile-field', ['sections', profileSections[0]!.s, 'fields'], 'the profile section must ask for the trade'));
  return issues;
}

interface ConditionContext {
  q: Questionnaire;
  sites: Map<string, QuestionSite>;
  dimensionIds: Set<string>;
}

/** `owner` is the question whose visibility the condition decides; null for recommendation rules. */
function conditionIssues(condition: Condition, path: PathSegment[], context: ConditionContext, owner: QuestionSite | null): Issue[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => conditionIssues(c, [...path, 'all', i], context, owner));
  if ('any' in condition) return condition.any.flatMap((c, i) => conditionIssues(c, [...path, 'any', i], context, owner));
  if ('not' in condition) return conditionIssues(condition.not, [...path, 'not'], context, owner);
  if ('dimension' in condition) {
    if (owner) return [issue('dimension-condition-in-visibility', path, 'visibility cannot depend on scores; use answers or the profile')];
    if (!context.dimensionIds.has(condition.dimension)) return [issue('unknown-dimension', [...path, 'dimension'], `unknown dimension "${condition.dimension}"`)];
    if ('atOrBelowLevel' in condition && !context.q.levels.some((l) => l.id === condition.atOrBelowLevel)) {
      return [issue('unknown-level', [...path, 'atOrBelowLevel'], `unknown level "${condition.atOrBelowLevel}"`)];
    }
    return [];
  }
  if ('profile' in condition) return profileConditionIssues(condition, path, context.q);

  const target = context.sites.get(condition.question);
  if (!target) return [issue('unknown-question', [...path, 'question'], `unknown question "${condition.question}"`)];
  if (owner && target.question.id === owner.question.id) {
    return [issue('condition-cycle', [...path, 'question'], `question "${owner.question.id}" depends on itself`)];
  }
  if (owner && target.order > owner.order) {
    return [issue('condition-forward-reference', [...path, 'question'], `refers to question "${target.question.id}", which comes later; a condition may only look at earlier questions`)];
  }
  return valueIssues(condition, path, target.question);
}

function valueIssues(condition: Condition, path: PathSegment[], question: Question): Issue[] {
  const options = question.type === 'single' || question.type === 'multi' ? new Set(question.options.map((o) => o.id)) : null;
  const unknown = (value: unknown, at: PathSegment[]): Issue[] =>
    options && typeof value === 'string' && value !== 'n/a' && !options.has(value)
      ? [issue('unknown-option', at, `question "${question.id}" has no option "${value}"`)]
      : [];
  if ('equals' in condition) return unknown(condition.equals, [...path, 'equals']);
  if ('in' in condition) return condition.in.flatMap((value, i) => unknown(value, [...path, 'in', i]));
  if ('includes' in condition) {
    if (question.type !== 'multi') return [issue('invalid-operator', [...path, 'includes'], `"includes" needs a multiple-choice question; "${question.id}" is ${question.type}`)];
    return unknown(condition.includes, [...path, 'includes']);
  }
  if (('greaterThan' in condition || 'lessThan' in condition) && question.type !== 'number' && question.type !== 'scale') {
    return [issue('invalid-operator', path, `comparing numbers needs a number or scale question; "${question.id}" is ${question.type}`)];
  }
  return [];
}

function profileConditionIssues(condition: Extract<Condition, { profile: string }>, path: PathSegment[], q: Questionnaire): Issue[] {
  const allowed =
    condition.profile === 'trade' ? q.profile.trades : condition.profile === 'employees' ? q.profile.employeeBands : null;
  if (!allowed) return [];
  const ids = new Set(allowed.map((a) => a.id));
  const values = 'equals' in condition ? [[condition.equals, [...path, 'equals']] as const] : condition.in.map((v, i) => [v, [...path, 'in', i]] as const);
  return values.flatMap(([value, at]) =>
    typeof value === 'string' && ids.has(value) ? [] : [issue('unknown-profile-value', [...at], `no ${condition.profile} "${String(value)}" in profile`)],
  );
}

/** A dependency cycle between questions, reported once at the question that closes it. */
function cycleIssues(allSites: readonly QuestionSite[], sites: Map<string, QuestionSite>): Issue[] {
  const issues: Issue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const site = sites.get(id)!;
      if (cycle.length > 2) issues.push(issue('condition-cycle', [...site.path, 'visibleIf'], `questions depend on each other in a cycle: ${cycle.join(' → ')}`));
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    const condition = sites.get(id)?.question.visibleIf;
    for (const next of condition ? referencedQuestions(condition) : []) if (sites.has(next)) visit(next);
    stack.pop();
    state.set(id, 'done');
  };
  for (const site of allSites) visit(site.question.id);
  return issues;
}

/** Every topic a questionnaire names must exist in the catalogue it is used with. */
export function checkTopics(q: Questionnaire, catalogue: Pick<Catalogue, 'topics'>): Issue[] {
  const known = new Set(catalogue.topics.map((t) => t.id));
  const issues: Issue[] = [];
  const check = (topics: readonly string[], path: PathSegment[]) =>
    topics.forEach((topic, i) => {
      if (!known.has(topic)) issues.push(issue('unknown-topic', [...path, i], `topic "${topic}" is not in the catalogue`));
    });
  q.dimensions.forEach((d, i) => check(d.topics, ['dimensions', i, 'topics']));
  q.sections.forEach((section, s) => {
    if (section.kind === 'dimension') section.questions.forEach((question, i) => check(question.topics, ['sections', s, 'questions', i, 'topics']));
  });
  q.recommendations.forEach((r, i) => check(r.topics, ['recommendations', i, 'topics']));
  return issues;
}
