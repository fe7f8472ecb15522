/** Asserting RFC 9457 problem details: the whole envelope, then what the test cares about. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { PROBLEM_CODES, type ProblemCode } from '../../api/problem-codes.ts';
import type { FieldError, ProblemDetails } from '../../api/problem.ts';

export function expectProblem(response: LightMyRequestResponse, code: ProblemCode, more: Record<string, unknown> = {}): ProblemDetails & Record<string, unknown> {
  const { status, title } = PROBLEM_CODES[code];
  expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as ProblemDetails & Record<string, unknown>;
  expect(body).toMatchObject({ type: `/api/problems/${code}`, title, status, code, detail: expect.any(String), errors: expect.any(Array), instance: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/), ...more });
  return body;
}

/** The field errors as `in pointer code` lines, for compact comparisons. */
export const fieldsOf = (body: { errors: FieldError[] }): string[] => body.errors.map((e) => `${e.in} ${e.pointer} ${e.code}`);
