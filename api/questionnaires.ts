/** Released questionnaires and the referral catalogue: the public, read-only part of the API. */
import { z } from 'zod';
import { Catalogue, Id, LocalizedText, Questionnaire } from '../questionnaires/engine/index.ts';

export const QuestionnaireSummary = z.object({ id: z.string(), version: z.string(), title: LocalizedText, hash: z.string() });
export type QuestionnaireSummary = z.infer<typeof QuestionnaireSummary>;

export const QuestionnaireParams = z.strictObject({ id: Id, version: z.string().max(32) });

export const QuestionnaireDocument = z.object({ hash: z.string(), definition: Questionnaire });
export type QuestionnaireDocument = z.infer<typeof QuestionnaireDocument>;

export { Catalogue };
