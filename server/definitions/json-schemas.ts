/** The JSON Schemas that definition and catalogue files reference with `$schema`. */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Catalogue, Questionnaire } from '../../questionnaires/engine/index.ts';

export const QUESTIONNAIRE_SCHEMA_FILE = new URL('../../questionnaires/schema.json', import.meta.url).pathname;
export const CATALOGUE_SCHEMA_FILE = new URL('../../questionnaires/catalogue.schema.json', import.meta.url).pathname;

function jsonSchemaOf(schema: z.ZodType, title: string): string {
  // `io: 'input'` describes what an author writes: fields with defaults are optional.
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

export function questionnaireJsonSchema(): string {
  return jsonSchemaOf(Questionnaire, 'procheck questionnaire definition');
}

/** Each catalogue file holds some of the catalogue's keys, so every key is optional. */
export function catalogueJsonSchema(): string {
  return jsonSchemaOf(Catalogue.partial(), 'procheck referral catalogue file');
}

export function writeJsonSchemas(): string[] {
  writeFileSync(QUESTIONNAIRE_SCHEMA_FILE, questionnaireJsonSchema());
  writeFileSync(CATALOGUE_SCHEMA_FILE, catalogueJsonSchema());
  return [QUESTIONNAIRE_SCHEMA_FILE, CATALOGUE_SCHEMA_FILE];
}
