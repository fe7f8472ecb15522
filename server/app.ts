/**
 * buildApp assembles procheck without listening, so tests inject requests
 * into it and main.ts only adds the port.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_CATALOGUE_DIR, DEFAULT_DEFINITIONS_DIR } from './definitions/load-definitions.ts';
import { frameworkProblem, registerErrorHandler, registerNotFoundHandler, serializerCompiler, validatorCompiler } from './errors.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './auth/account-service.ts';
import { assessmentsPlugin } from './plugins/assessments.ts';
import { authPlugin } from './plugins/auth.ts';
import { reportsPlugin } from './plugins/reports.ts';
import { retentionPlugin } from './plugins/retention.ts';
import { statsPlugin } from './plugins/stats.ts';
import { DEFAULT_CLIENT_DIR, clientPlugin, isClientBuilt } from './plugins/client.ts';
import { compressionPlugin } from './plugins/compression.ts';
import { databasePlugin } from './plugins/database.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { publicUrlPlugin } from './plugins/public-url.ts';
import { questionnairesPlugin } from './plugins/questionnaires.ts';
import { securityPlugin } from './plugins/security.ts';
import { visitsPlugin } from './plugins/visits.ts';
import { assessmentRoutes } from './routes/api/assessments.ts';
import { questionnaireRoutes } from './routes/api/questionnaires.ts';
import { catalogueRoutes } from './routes/api/catalogue.ts';
import { leadRoutes } from './routes/api/leads.ts';
import { leadsPlugin } from './plugins/leads.ts';
import { mailPlugin } from './plugins/mail.ts';
import { mailRoutes } from './routes/api/mail.ts';
import { DEFAULT_MAIL_POLICY, type MailPolicy } from './mail/mail-service.ts';
import { DEFAULT_SENDER_TIMING, type SenderTiming } from './mail/sender.ts';
import { DEFAULT_MAIL_FROM, type MailTransport, createMailTransport } from './mail/transport.ts';
import { authRoutes } from './routes/api/auth.ts';
import { privacyRoutes } from './routes/api/privacy.ts';
import { problemRoutes } from './routes/api/problems.ts';
import { statsRoutes } from './routes/api/stats.ts';
import { userRoutes } from './routes/api/users.ts';
import { visitRoutes } from './routes/api/visits.ts';
import { healthRoutes } from './routes/health.ts';

export interface AppOptions {
  databaseFile: string;
  /** PostgreSQL instead of the SQLite file (issue 21). */
  databaseUrl?: string;
  databasePoolSize?: number;
  questionnairesDir?: string;
  catalogueDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  rateLimits?: Partial<typeof DEFAULT_RATE_LIMITS>;
  sessionPolicy?: SessionPolicy;
  /** The publisher named in report footers; defaults to the catalogue's operator. */
  reportOperator?: string;
  /** Drafts untouched for this many days are deleted; null keeps them. */
  draftRetentionDays?: number | null;
  /** Told how many submits each group commit wrote (benchmarks). */
  onSubmitBatch?: (size: number) => void;
  /** The longest a tablet may stay offline (days): the sync ledger is pruned after it. */
  syncWindowDays?: number;
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Base of every absolute link the app makes (PROCHECK_PUBLIC_URL); without it, the listening address. */
  publicUrl?: string;
  /** The built web app; null serves the API only. */
  clientDir?: string | null;
  mail?: MailOptions;
}

/** Outbound mail; every part has a default that works without a mail server. */
export interface MailOptions {
  /** PROCHECK_SMTP_URL; without it (and without `transport`), `.eml` files beside the database. */
  smtpUrl?: string;
  /** A transport of its own (tests); wins over `smtpUrl`. */
  transport?: MailTransport;
  from?: string;
  policy?: Partial<MailPolicy>;
  timing?: Partial<SenderTiming>;
  /** SMTP timeouts, ms. */
  timeoutMs?: number;
  /** Real time for the queue and the limits; tests may pass their own. */
  clock?: () => Date;
  /** false: nothing is sent until `app.mailSender.runOnce()`. Default true. */
  autoStart?: boolean;
}

export const DEFAULT_SYNC_WINDOW_DAYS = 30;

export const DEFAULT_RATE_LIMITS = {
  createPerMinute: 30,
  resumePerMinute: 10,
  resumeGlobalPerMinute: 300,
  loginPerMinute: 20,
  /** Failed logins per client address in 15 minutes, whatever the account. */
  loginFailuresPerClient: 20,
  /** Failed logins per account from one address in 15 minutes: an attacker elsewhere slows only themselves. */
  loginFailuresPerAccountAndClient: 5,
};

/**
 * Structured JSON logs with request ids and nothing personal: a request is
 * logged by method, path (no query string) and id — no headers (resume codes,
 * cookies), no client address, no bodies.
 */
export function loggerOptions(level: string) {
  return {
    level,
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Reject rather than silently strip: a client that sends these means harm or has a bug.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    // Malformed URLs (bad percent-encoding) never reach a route: answer them as problem details too.
    frameworkErrors: (error, request, reply) => frameworkProblem(error, request as never, reply as never),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(securityPlugin, { sharedCounters: options.databaseUrl !== undefined });
  // Before every route: it hooks each route as it is added.
  await app.register(compressionPlugin);
  await app.register(publicUrlPlugin, { publicUrl: options.publicUrl });
  await app.register(openApiPlugin);
  await app.register(databasePlugin, { file: options.databaseFile, url: options.databaseUrl, poolSize: options.databasePoolSize, onDurableBatch: options.onSubmitBatch });
  const now = options.now ?? (() => new Date());
  await app.register(questionnairesPlugin, {
    questionnairesDir: options.questionnairesDir ?? DEFAULT_DEFINITIONS_DIR,
    catalogueDir: options.catalogueDir ?? DEFAULT_CATALOGUE_DIR,
    now,
  });
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  await app.register(authPlugin, {
    now,
    publicUrl: app.publicUrl,
    policy: options.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    maxFailuresPerClient: limits.loginFailuresPerClient,
    maxFailuresPerAccountAndClient: limits.loginFailuresPerAccountAndClient,
  });
  await app.register(assessmentsPlugin, { now, resumePerMinute: limits.resumePerMinute, resumeGlobalPerMinute: limits.resumeGlobalPerMinute });
  await app.register(leadsPlugin, { now });
  const syncWindowDays = options.syncWindowDays ?? DEFAULT_SYNC_WINDOW_DAYS;
  await app.register(visitsPlugin, { now, syncWindowDays });
  await app.register(statsPlugin);
  await app.register(reportsPlugin, { operator: options.reportOperator });
  await app.register(retentionPlugin, { draftRetentionDays: options.draftRetentionDays ?? null, now });
  const mail = options.mail ?? {};
  await app.register(mailPlugin, {
    transport: mail.transport ?? createMailTransport({ smtpUrl: mail.smtpUrl, fileDir: join(dirname(options.databaseFile), 'mail-outbox'), timeoutMs: mail.timeoutMs }),
    from: mail.from ?? DEFAULT_MAIL_FROM,
    policy: { ...DEFAULT_MAIL_POLICY, ...mail.policy },
    timing: { ...DEFAULT_SENDER_TIMING, ...mail.timing },
    now,
    clock: mail.clock ?? (() => new Date()),
    autoStart: mail.autoStart ?? true,
  });

  await app.register(healthRoutes);
  await app.register(questionnaireRoutes);
  await app.register(catalogueRoutes);
  await app.register(leadRoutes, { now });
  await app.register(mailRoutes);
  await app.register(assessmentRoutes, limits);
  await app.register(authRoutes, { loginPerMinute: limits.loginPerMinute, now });
  await app.register(userRoutes);
  await app.register(statsRoutes, { now });
  await app.register(privacyRoutes);
  await app.register(visitRoutes);
  await app.register(problemRoutes);
  const clientDir = options.clientDir === null ? null : (options.clientDir ?? DEFAULT_CLIENT_DIR);
  const serveClient = clientDir !== null && isClientBuilt(clientDir);
  if (serveClient) await app.register(clientPlugin, { root: clientDir });
  registerNotFoundHandler(app, { spaFallback: serveClient });
  return app;
}
