/** zod schemas of the assessment API: they validate requests and describe them in OpenAPI. */
import { z } from 'zod';
import { AnswerValue, BusinessProfile, Id } from '../../questionnaires/engine/index.ts';

const field = BusinessProfile.shape;
const ResumeCodeInput = z.string().min(1).max(80).describe('The resume code as shown to the business; case, spaces and dashes do not matter.');

export const CreateAssessmentBody = z.strictObject({
  questionnaireId: Id,
  version: z.string().max(32).optional().describe('Defaults to the latest released version.'),
  previousResumeCode: ResumeCodeInput.optional().describe('Resume code of an earlier, submitted check: the new check is a re-assessment of it.'),
  previous: z
    .strictObject({ id: z.uuid(), retakeToken: z.string().min(1).max(80) })
    .optional()
    .describe("From a report's re-check link (/wiederholen/<id>#<token>): the earlier check's id and token. The new check is a re-assessment of it; the business details are copied, contact details are not."),
});

export const AssessmentIdParams = z.strictObject({ id: z.uuid() });

/** In a PATCH, `null` clears a field, answer or rating. */
export const PatchAssessmentBody = z.strictObject({
  revision: z.number().int().min(0).describe('The revision this change is based on; a stale one answers 409.'),
  profile: z
    .strictObject({
      trade: field.trade.unwrap().nullable().optional(),
      employees: field.employees.unwrap().nullable().optional(),
      postcode: field.postcode.unwrap().nullable().optional(),
      companyName: field.companyName.unwrap().nullable().optional(),
      email: field.email.unwrap().nullable().optional(),
      contactConsent: field.contactConsent.unwrap().nullable().optional(),
    })
    .optional(),
  answers: z.record(Id, AnswerValue.nullable()).optional(),
  relevance: z.record(Id, z.number().int().min(1).max(5).nullable()).optional(),
});
export type PatchAssessmentBody = z.infer<typeof PatchAssessmentBody>;

export const ResumeBody = z.strictObject({ resumeCode: ResumeCodeInput });

export const ResumeCodeHeader = z.object({
  'x-resume-code': z.string().max(80).optional(),
});
