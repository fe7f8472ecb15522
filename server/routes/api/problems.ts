/** The problem codes, so an integrator can list them and a problem's `type` URI answers its description. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROBLEM_CODES, PROBLEM_CODE_LIST } from '../../../api/problem-codes.ts';
import { ProblemCodeDescription } from '../../../api/problem.ts';
import { refusals } from '../../errors.ts';

const describe = (code: keyof typeof PROBLEM_CODES) => ({ code, status: PROBLEM_CODES[code].status, title: PROBLEM_CODES[code].title });

export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/problems',
    { schema: { tags: ['problems'], summary: 'Every problem code the API answers with, its status and title', response: { 200: z.array(ProblemCodeDescription) } } },
    async () => PROBLEM_CODE_LIST.map(describe),
  );

  app.get(
    '/api/problems/:code',
    {
      schema: {
        tags: ['problems'],
        summary: 'One problem code: the `type` of a problem details body points here',
        params: z.strictObject({ code: z.enum(PROBLEM_CODE_LIST) }),
        response: { 200: ProblemCodeDescription, ...refusals(['request.invalid']) },
      },
    },
    async (request) => describe(request.params.code),
  );
};
