/** Starts procheck on a port, with configuration from the environment, and stops it gracefully. */
import { buildApp, loggerOptions } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig(process.env);
const app = await buildApp({
  databaseFile: config.databaseFile,
  databaseUrl: config.databaseUrl,
  databasePoolSize: config.databasePoolSize,
  questionnairesDir: config.questionnairesDir,
  catalogueDir: config.catalogueDir,
  logger: loggerOptions(config.logLevel),
  trustProxy: config.trustProxy,
  publicUrl: config.publicUrl,
  draftRetentionDays: config.draftRetentionDays,
  syncWindowDays: config.syncWindowDays,
  rateLimits: config.rateLimits,
  mail: {
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    timeoutMs: config.mail.timeoutMs,
    policy: { reportsPerHour: config.mail.reportsPerHour, recheckReminderMonths: config.mail.recheckReminderMonths, digestHourUtc: config.mail.digestHourUtc, keepFailedDays: config.mail.keepFailedDays },
    timing: { pollMs: config.mail.pollMs, retryBaseMs: config.mail.retryBaseMs, leaseMs: config.mail.leaseMs },
  },
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting, waits for in-flight requests, then runs onClose (the database closes last).
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

// Fastify logs the address it listens on ("Server listening at …"); tests read the port from that line.
await app.listen({ port: config.port, host: config.host });
if (config.publicUrl === undefined && config.mail.smtpUrl !== undefined) {
  app.log.warn('PROCHECK_PUBLIC_URL is not set: links in e-mails point at the listening address, which recipients may not reach');
} else if (config.publicUrl === undefined && (config.host === '0.0.0.0' || config.host === '::')) {
  app.log.warn('PROCHECK_PUBLIC_URL is not set: links in reports point at the listening address, which outside visitors may not reach');
}
