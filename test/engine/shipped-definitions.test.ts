import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_SCHEMA_FILE, QUESTIONNAIRE_SCHEMA_FILE, catalogueJsonSchema, questionnaireJsonSchema } from '../../server/definitions/json-schemas.ts';
import { DEFAULT_CATALOGUE_DIR, DEFAULT_DEFINITIONS_DIR } from '../../server/definitions/load-definitions.ts';
import { createHash } from 'node:crypto';
import { isSoloBusiness, localize, resolveVisibility, type LocalizedText } from '../../questionnaires/engine/index.ts';
import { handwerkDigital, latestHandwerkDigital, shippedDefinitions } from '../helpers/shipped.ts';
import { painter } from '../fixtures/three-businesses.ts';

describe('shipped definitions and catalogue', () => {
  it('pass every check (the loader throws on any issue)', () => {
    const { questionnaires, catalogue } = shippedDefinitions();
    expect(questionnaires.length).toBeGreaterThan(0);
    expect(catalogue.workshops.length).toBeGreaterThan(0);
  });

  it('reference the JSON Schema, which is up to date with the zod format', () => {
    expect(readFileSync(QUESTIONNAIRE_SCHEMA_FILE, 'utf8')).toBe(questionnaireJsonSchema());
    expect(readFileSync(CATALOGUE_SCHEMA_FILE, 'utf8')).toBe(catalogueJsonSchema());
    for (const id of readdirSync(DEFAULT_DEFINITIONS_DIR)) {
      for (const file of readdirSync(join(DEFAULT_DEFINITIONS_DIR, id))) {
        expect(JSON.parse(readFileSync(join(DEFAULT_DEFINITIONS_DIR, id, file), 'utf8')).$schema).toBe('../../schema.json');
      }
    }
    for (const file of readdirSync(DEFAULT_CATALOGUE_DIR).filter((f) => f.endsWith('.json'))) {
      expect(JSON.parse(readFileSync(join(DEFAULT_CATALOGUE_DIR, file), 'utf8')).$schema).toBe('../catalogue.schema.json');
    }
  });

  it('the catalogue is marked as sample data', () => {
    expect(shippedDefinitions().catalogue.sampleData).toBe(true);
  });
});

describe.each(['1.0.0', '1.1.0'])('handwerk-digital %s', (version) => {
  const { prepared } = handwerkDigital(version);
  const { definition } = prepared;

  it('has at least 7 dimensions with at least 5 scored questions each', () => {
    expect(definition.dimensions.length).toBeGreaterThanOrEqual(7);
    for (const dimension of definition.dimensions) {
      const scored = prepared.questions.filter((e) => e.dimension === dimension.id && (prepared.maxPoints.get(e.question.id) ?? 0) > 0);
      expect(scored.length, dimension.id).toBeGreaterThanOrEqual(5);
    }
  });

  it('has five levels and a text for every level of every dimension, in German and English', () => {
    expect(definition.levels).toHaveLength(5);
    for (const dimension of definition.dimensions) {
      for (const level of definition.levels) {
        const text = dimension.levelTexts[level.id]!;
        expect(text.status.de.length, `${dimension.id}/${level.id}`).toBeGreaterThan(20);
        expect(text.nextStep.en?.length ?? 0, `${dimension.id}/${level.id}`).toBeGreaterThan(20);
      }
    }
  });

  it('gives at least three trade groups questions of their own', () => {
    const tradesWithOwnQuestions = new Set(
      [...definition.profile.trades.map((t) => t.id)].filter((trade) =>
        prepared.questions.some(
          (e) => e.question.visibleIf && JSON.stringify(e.question.visibleIf).includes(`"${trade}"`) && JSON.stringify(e.question.visibleIf).includes('"trade"'),
        ),
      ),
    );
    expect(tradesWithOwnQuestions.size).toBeGreaterThanOrEqual(3);
  });

  it('asks the business profile the other parts rely on', () => {
    expect(prepared.profileFields.map((f) => f.field).sort()).toEqual(['companyName', 'contactConsent', 'email', 'employees', 'postcode', 'trade']);
    expect(definition.profile.trades).toHaveLength(7);
    expect(definition.profile.employeeBands.map((b) => b.id)).toEqual(['1', '2-4', '5-9', '10-19', '20-49', '50-plus']);
  });

  it('fits into 15–20 minutes: 40 to 60 questions visible to a typical business', () => {
    for (const trade of definition.profile.trades) {
      const visible = prepared.questions.filter((e) => !e.question.visibleIf || JSON.stringify(e.question.visibleIf).includes(trade.id));
      expect(visible.length, trade.id).toBeGreaterThanOrEqual(40);
      expect(visible.length, trade.id).toBeLessThanOrEqual(60);
    }
  });

  it('has every question and option translated into English', () => {
    for (const { question } of prepared.questions) {
      expect(question.text.en, question.id).toBeTruthy();
      if (question.type === 'single' || question.type === 'multi') for (const o of question.options) expect(o.label.en, `${question.id}/${o.id}`).toBeTruthy();
    }
  });
});

describe('released versions', () => {
  // Results name the hash they were scored with: a released file must never change. A change is a new version.
  const RELEASED: Record<string, string> = {
    '1.0.0': 'sha256:34063c702e114fcf61eec5f3df7155038dae011b00b89c8c92f2c27ff4ed9af1',
    '1.1.0': 'sha256:8f7c0cb28419187b7f7f275373ab6d5acfbb07074549777d4be97ebe5e3121bb',
  };

  it.each(Object.entries(RELEASED))('handwerk-digital %s is unchanged since its release', (version, hash) => {
    const bytes = readFileSync(join(DEFAULT_DEFINITIONS_DIR, 'handwerk-digital', `${version}.json`));
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(hash);
  });

  it('1.1.0 is the latest and lists its changes', () => {
    const { definition } = latestHandwerkDigital().prepared;
    expect(definition.version).toBe('1.1.0');
    expect(definition.changes?.length).toBeGreaterThanOrEqual(4);
  });

  it('1.1.0 keeps the ids of 1.0.0, so results of both versions compare dimension by dimension', () => {
    const ids = (version: string) => {
      const { prepared } = handwerkDigital(version);
      return {
        dimensions: prepared.definition.dimensions.map((d) => d.id),
        levels: prepared.definition.levels.map((l) => [l.id, l.minScore]),
        questions: prepared.questions.map(({ question }) => [question.id, 'options' in question ? question.options.map((o) => [o.id, o.score]) : question.type]),
      };
    };
    expect(ids('1.1.0')).toEqual(ids('1.0.0'));
  });
});

describe('handwerk-digital 1.1.0 for a one-person business', () => {
  const { prepared } = handwerkDigital('1.1.0');
  const { definition } = prepared;
  const set = painter(prepared);

  it('marks the band "1 person" as solo', () => {
    expect(definition.profile.employeeBands.filter((b) => b.solo).map((b) => b.id)).toEqual(['1']);
    expect(isSoloBusiness(definition, '1')).toBe(true);
    expect(isSoloBusiness(definition, '2-4')).toBe(false);
  });

  it('hides the questions about apprentices, recruiting and staff from the owner alone, and only from them', () => {
    const hidden = ['mitarbeitende-ausbildung', 'mitarbeitende-recruiting', 'mitarbeitende-beteiligung', 'mitarbeitende-ausstattung'];
    const visibleFor = (employees: string) => resolveVisibility(prepared, set.answers, { ...set.profile, employees }).visible.map((e) => e.question.id);
    for (const id of hidden) {
      expect(visibleFor('1')).not.toContain(id);
      expect(visibleFor('2-4')).toContain(id);
    }
  });

  it('speaks to the owner alone: no team, no apprentices, no staff in any text the business can see', () => {
    const texts: [string, LocalizedText | undefined][] = [];
    for (const d of definition.dimensions) {
      texts.push([`${d.id} title`, d.title], [`${d.id} description`, d.description]);
      for (const [level, t] of Object.entries(d.levelTexts)) texts.push([`${d.id} ${level} status`, t.status], [`${d.id} ${level} next step`, t.nextStep]);
    }
    for (const section of definition.sections) texts.push([`${section.id} title`, section.title], [`${section.id} intro`, section.intro]);
    for (const { question } of resolveVisibility(prepared, set.answers, set.profile).visible) {
      texts.push([question.id, question.text], [`${question.id} help`, question.help]);
      if ('options' in question) for (const o of question.options) texts.push([`${question.id} ${o.id}`, o.label]);
      if (question.type === 'scale') texts.push([`${question.id} max`, question.maxLabel]);
    }
    // Only rules a one-person business can trigger: those on questions it sees, or on scores.
    const seen = new Set(resolveVisibility(prepared, set.answers, set.profile).visible.map((e) => e.question.id));
    for (const rule of definition.recommendations) {
      if (JSON.stringify(rule.when).match(/"question":"([^"]+)"/g)?.every((m) => seen.has(m.slice(12, -1))) ?? true) texts.push([rule.id, rule.title], [`${rule.id} text`, rule.text]);
    }
    const offending = texts.flatMap(([where, text]) =>
      text
        ? [
            ...(/\bTeam|Auszubild|Azubi|Mitarbeitende|Beschäftigte/.test(localize(text, { locale: 'de', solo: true })) ? [`de ${where}`] : []),
            ...(/\bteam\b|apprentice|\bstaff\b/i.test(localize(text, { locale: 'en', solo: true })) ? [`en ${where}`] : []),
          ]
        : [],
    );
    expect(offending).toEqual([]);
  });

  it('informs with the attitude question but does not score it', () => {
    const attitude = prepared.questionById.get('strategie-einstellung')!.question;
    expect(attitude.text.de).toMatch(/^Wie sehen Sie die Digitalisierung/);
    expect(prepared.maxPoints.get('strategie-einstellung')).toBe(0);
    expect(handwerkDigital('1.0.0').prepared.maxPoints.get('strategie-einstellung')).toBeGreaterThan(0);
  });

  it('states the strength level', () => {
    expect(definition.highlights).toEqual({ strengthFromLevel: 'anwender', maxStrengths: 2, maxActionFields: 3 });
  });
});
