/** Released questionnaires and the referral catalogue: the public, read-only part of the API. */
import { z } from 'zod';
import { type Catalogue as EngineCatalogue, Id, LocalizedText, Questionnaire } from '../questionnaires/engine/index.ts';

export const QuestionnaireSummary = z.object({ id: z.string(), version: z.string(), title: LocalizedText, hash: z.string() });
export type QuestionnaireSummary = z.infer<typeof QuestionnaireSummary>;

export const QuestionnaireParams = z.strictObject({ id: Id, version: z.string().max(32) });

export const QuestionnaireDocument = z.object({ hash: z.string(), definition: Questionnaire });
export type QuestionnaireDocument = z.infer<typeof QuestionnaireDocument>;

// The catalogue file's schema turns short names into { de } on parsing, so it cannot
// describe (or re-encode) what it parsed: the API documents the parsed outline and
// passes its entries through as the engine made them.
const catalogueShape = {
  $schema: z.string().optional(),
  sampleData: z.boolean(),
  operator: z.string().optional(),
  generalAdviser: z.string().optional(),
  topics: z.array(z.looseObject({ id: z.string(), title: LocalizedText })),
  regions: z.array(z.looseObject({ id: z.string() })),
  workshops: z.array(z.looseObject({ id: z.string() })),
  partners: z.array(z.looseObject({ id: z.string() })),
};
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const catalogueMatchesEngine: SameKeys<typeof catalogueShape, EngineCatalogue> = true;
void catalogueMatchesEngine;
export const Catalogue = z
  .object(catalogueShape)
  .describe('The referral catalogue in force (questionnaires/engine/catalogue.ts), names as { de, en? }') as unknown as z.ZodType<EngineCatalogue>;
export type Catalogue = EngineCatalogue;
