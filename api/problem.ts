/**
 * RFC 9457 problem details, the body of every refusal
 * (`application/problem+json`), and the per-route schemas that document
 * which codes a route answers with which status.
 */
import { z } from 'zod';
import { FIELD_CODES, FIELD_LOCATIONS, PROBLEM_CODES, PROBLEM_CODE_LIST, type ProblemCode } from './problem-codes.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldError = z.object({
  in: z.enum(FIELD_LOCATIONS).describe('The part of the request the pointer is into'),
  pointer: z.string().describe('RFC 6901 JSON pointer to the field, e.g. /answers/q12 or /changes/3/set/notes/strategie; "" for the whole part'),
  code: z.enum(FIELD_CODES),
  message: z.string().describe('English, for developers; the web app shows its own words for the code'),
});
export type FieldError = z.infer<typeof FieldError>;

export const ProblemDetails = z.object({
  type: z.string().describe('A URI naming the kind of problem: GET it for the description'),
  title: z.string().describe('English, the same for every occurrence of the code'),
  status: z.int(),
  detail: z.string().describe('English, about this occurrence'),
  code: z.enum(PROBLEM_CODE_LIST).describe('Stable and machine-readable; see GET /api/problems'),
  errors: z.array(FieldError).describe('The offending fields, if any'),
  instance: z.string().describe('urn:uuid:<request id>, also in the server log'),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;

export const ProblemCodeDescription = z.object({ code: z.enum(PROBLEM_CODE_LIST), status: z.int(), title: z.string() });
export type ProblemCodeDescription = z.infer<typeof ProblemCodeDescription>;

/** The problem details a route answers with one status: exactly the listed codes, plus extension members. */
export function problemSchema<const C extends ProblemCode, E extends z.ZodRawShape = Record<never, never>>(codes: readonly C[], extension?: E) {
  const status = PROBLEM_CODES[codes[0]!].status;
  return ProblemDetails.extend({
    status: z.literal(status),
    code: z.enum(codes as unknown as [C, ...C[]]),
    ...(extension ?? ({} as E)),
  }).describe(codes.map((c) => `\`${c}\`: ${PROBLEM_CODES[c].title}`).join('; '));
}
