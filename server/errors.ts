/**
 * Every refusal is RFC 9457 problem details (`application/problem+json`) with
 * a stable code from api/problem-codes.ts. Routes and services throw a
 * `ProblemError`; the app's one error handler turns it — and Fastify's own
 * errors, failed validations and rate limits — into the body, sets
 * Retry-After on every 429, and keeps 5xx details in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';
import { FIELD_CODES, type FieldCode, type FieldLocation, PROBLEM_CODES, type ProblemCode, problemType } from '../api/problem-codes.ts';
import { type FieldError, PROBLEM_CONTENT_TYPE, type ProblemDetails, problemSchema } from '../api/problem.ts';
import type { Issue, PathSegment } from '../questionnaires/engine/index.ts';

export interface ProblemOptions {
  /** Names the offending fields. */
  errors?: FieldError[];
  /** Extension members of the body, e.g. the current state on a 409. */
  extension?: Record<string, unknown>;
  /** Seconds; sent as Retry-After (every 429 has one). */
  retryAfter?: number;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  readonly extension: Record<string, unknown>;
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: ProblemCode,
    detail: string = PROBLEM_CODES[code].title,
    options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = PROBLEM_CODES[code].status;
    this.errors = options.errors ?? [];
    this.extension = options.extension ?? {};
    this.retryAfter = options.retryAfter;
  }
}

/** RFC 6901: `['answers', 'a/b']` → `/answers/a~1b`. */
export const jsonPointer = (path: readonly PropertyKey[]): string =>
  path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

export const fieldError = (path: readonly PropertyKey[], code: FieldCode, message: string, location: FieldLocation = 'body'): FieldError => ({
  in: location,
  pointer: jsonPointer(path),
  code,
  message,
});

const FIELD_CODE_SET: ReadonlySet<string> = new Set(FIELD_CODES);

/** The field code of an engine issue: its code within the part of the request it is about. */
function fieldCodeOf(issue: Issue): FieldCode {
  const part = issue.path.find((s): s is string => typeof s === 'string' && ['answers', 'relevance', 'profile', 'notes', 'business'].includes(s));
  const scoped = part === 'answers' || part === 'relevance' || part === 'profile' ? `${part === 'answers' ? 'answer' : part}.${issue.code}` : null;
  if (scoped && FIELD_CODE_SET.has(scoped)) return scoped as FieldCode;
  switch (issue.code) {
    case 'unknown-trade':
    case 'unknown-employee-band':
      return `profile.${issue.code}`;
    case 'relevance-not-asked':
      return 'relevance.not-asked';
    case 'unknown-dimension':
      return 'note.unknown-dimension';
    case 'unknown-questionnaire':
      return 'questionnaire.unknown';
    case 'unknown-previous':
      return 'assessment.unknown-previous';
    case 'invalid-resume-code':
      return 'sync.invalid-resume-code';
    case 'submit-without-answers':
      return 'sync.submit-without-answers';
    case 'last-admin':
      return 'user.last-admin';
    case 'self':
      return 'user.cannot-disable-self';
    case 'forbidden-key':
      return 'field.forbidden-key';
    case 'unknown-step':
      return 'field.invalid-value';
    default:
      return zodFieldCode(issue.code);
  }
}

/** Engine issues (path in the body) as field errors. */
export const fieldErrorsOf = (issues: readonly Issue[], prefix: readonly PathSegment[] = []): FieldError[] =>
  issues.map((i) => fieldError([...prefix, ...i.path], fieldCodeOf(i), i.message));

function zodFieldCode(code: string): FieldCode {
  switch (code) {
    case 'invalid_type':
      return 'field.invalid-type';
    case 'too_small':
      return 'field.too-small';
    case 'too_big':
      return 'field.too-big';
    case 'invalid_format':
      return 'field.invalid-format';
    case 'invalid_value':
      return 'field.invalid-value';
    case 'unrecognized_keys':
      return 'field.unknown-key';
    default:
      return 'field.invalid';
  }
}

const LOCATIONS: Record<string, FieldLocation> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/** Validation failures keep zod's path (not a joined string), so pointers are exact. */
const kIssue = Symbol('procheck.zod-issue');
interface ValidationItem {
  [kIssue]: ZodIssueLike;
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
}

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = z.safeParse(schema, data);
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map(
        (issue): ValidationItem => ({
          [kIssue]: issue as ZodIssueLike,
          keyword: issue.code,
          instancePath: jsonPointer(issue.path),
          schemaPath: '',
          message: issue.message,
          params: {},
        }),
      ) as never,
    };
  };

const isValidationItem = (v: unknown): v is ValidationItem => typeof v === 'object' && v !== null && kIssue in v;

function validationErrors(items: readonly ValidationItem[], location: FieldLocation): FieldError[] {
  return items.flatMap(({ [kIssue]: issue }) =>
    issue.code === 'unrecognized_keys' && issue.keys?.length
      ? issue.keys.map((key) => fieldError([...issue.path, key], 'field.unknown-key', 'is not a known field', location))
      : [fieldError(issue.path, zodFieldCode(issue.code), issue.message, location)],
  );
}

/** Problem bodies are built from the code table; success bodies are checked against their zod schema. */
export const serializerCompiler: typeof zodSerializerCompiler = (route) => {
  if ((route as { contentType?: string }).contentType === PROBLEM_CONTENT_TYPE) return (data: unknown) => JSON.stringify(data);
  return zodSerializerCompiler(route);
};

export function problemBody(request: Pick<FastifyRequest, 'id'>, problem: ProblemError): ProblemDetails & Record<string, unknown> {
  return {
    type: problemType(problem.code),
    title: PROBLEM_CODES[problem.code].title,
    status: problem.status,
    detail: problem.message,
    code: problem.code,
    errors: problem.errors,
    instance: `urn:uuid:${request.id}`,
    ...problem.extension,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply {
  if (problem.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(problem.retryAfter))));
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problemBody(request, problem));
}

/** Fastify's own errors (body parsing, limits, rate limits) as problems. */
function fromFastifyError(error: FastifyError, reply: FastifyReply): ProblemError | null {
  if (error instanceof ProblemError) return error;
  const status = error.statusCode ?? 500;
  if (status >= 500 || status < 400) return null;
  if (status === 413) return new ProblemError('request.too-large', error.message);
  if (status === 415) return new ProblemError('request.unsupported-media-type', error.message);
  if (status === 404) return new ProblemError('route.not-found', error.message);
  if (status === 429) {
    const header = Number(reply.getHeader('retry-after'));
    return new ProblemError('rate-limited', error.message, { retryAfter: Number.isFinite(header) && header > 0 ? header : 60 });
  }
  return new ProblemError('request.malformed', error.message);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (Array.isArray(error.validation) && error.validation.length > 0 && error.validation.every(isValidationItem)) {
      const location = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
      const errors = validationErrors(error.validation as unknown as ValidationItem[], location);
      const where = location === 'body' ? 'body' : location === 'query' ? 'query string' : location === 'path' ? 'path' : 'headers';
      return sendProblem(request, reply, new ProblemError('request.invalid', `the ${where} does not match the API: ${errors.length} field(s)`, { errors }));
    }
    const problem = fromFastifyError(error, reply);
    if (problem) return sendProblem(request, reply, problem);
    request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, new ProblemError('internal', 'The request id (instance) names the failure in the server log.'));
  });
}

/**
 * Unknown API paths answer 404 problem details; with the web app built, any
 * other page GET answers its index.html so client-side routes survive a reload.
 */
export function registerNotFoundHandler(app: FastifyInstance, { spaFallback }: { spaFallback: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/docs') && !/\.[a-z0-9]+$/i.test(path);
    if (spaFallback && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return sendProblem(request, reply, new ProblemError('route.not-found', `no route ${request.method} ${path}`));
  });
}

/** For Fastify's `frameworkErrors`: malformed URLs never reach a route but still answer problem details. */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const problem = status === 413 ? new ProblemError('request.too-large', error.message) : new ProblemError('request.malformed', error.message);
  void sendProblem(request, reply, problem);
}

// ---------------------------------------------------------------------------
// Documenting refusals per route.

/** The request's own faults, on every route with a body. */
export const BODY_REFUSALS = ['request.invalid', 'request.malformed', 'request.too-large', 'request.unsupported-media-type'] as const satisfies readonly ProblemCode[];
/** A session with one of the route's roles. */
export const SESSION_REFUSALS = ['auth.login-required', 'auth.role-required'] as const satisfies readonly ProblemCode[];
/** … and, for state changes, its CSRF token. */
export const SESSION_WRITE_REFUSALS = [...SESSION_REFUSALS, 'auth.csrf-missing', 'auth.cross-site'] as const satisfies readonly ProblemCode[];

/**
 * The `response` entries for a route's refusals: one problem schema per
 * status, listing exactly the codes the route may answer with it (OpenAPI
 * shows them per route). `extension` adds members to one status's body.
 */
export function refusals(codes: readonly ProblemCode[], extension: Partial<Record<number, z.ZodRawShape>> = {}) {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<number, { description: string; content: Record<string, { schema: ZodType }> }> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const schema = problemSchema(list, extension[status]);
    responses[status] = { description: list.map((c) => `\`${c}\``).join(', '), content: { [PROBLEM_CONTENT_TYPE]: { schema } } };
  }
  return responses;
}
