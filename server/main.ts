/** Starts procheck on a port, with configuration from the environment, and stops it gracefully. */
import { buildApp, loggerOptions } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig(process.env);
const app = await buildApp({
  databaseFile: config.databaseFile,
  questionnairesDir: config.questionnairesDir,
  catalogueDir: config.catalogueDir,
  logger: loggerOptions(config.logLevel),
  trustProxy: config.trustProxy,
  draftRetentionDays: config.draftRetentionDays,
  rateLimits: config.rateLimits,
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

await app.listen({ port: config.port, host: config.host });
app.log.info(`procheck serves http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}`);
