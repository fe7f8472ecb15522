import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_SCHEMA_FILE, QUESTIONNAIRE_SCHEMA_FILE, catalogueJsonSchema, questionnaireJsonSchema } from '../../server/definitions/json-schemas.ts';
import { DEFAULT_CATALOGUE_DIR, DEFAULT_DEFINITIONS_DIR } from '../../server/definitions/load-definitions.ts';
import { handwerkDigital, shippedDefinitions } from '../helpers/shipped.ts';

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

describe('handwerk-digital 1.0.0', () => {
  const { prepared } = handwerkDigital();
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
