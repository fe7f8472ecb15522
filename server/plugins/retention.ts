/**
 * Bounded growth, at start-up and every six hours: drafts nobody finished
 * within the retention period are removed, and the sync ledger forgets what
 * is older than the longest time a tablet may stay offline. With several app
 * instances on one database, one of them runs it at a time.
 */
import fp from 'fastify-plugin';

export const retentionPlugin = fp<{ draftRetentionDays: number | null; now: () => Date }>(
  async (app, { draftRetentionDays, now }) => {
    const purge = async () => {
      if (draftRetentionDays !== null) {
        const removed = await app.assessments.purgeStaleDrafts(draftRetentionDays);
        if (removed > 0) {
          app.log.info({ removed, draftRetentionDays }, 'stale drafts removed');
          await app.auditLog.record({ at: now().toISOString(), actorUserId: null, actorEmail: null, action: 'retention.purge', subject: null, details: { removed, draftRetentionDays } });
        }
      }
      const pruned = await app.visits.pruneLedger();
      if (pruned.changes > 0 || pruned.erasedVisits > 0) app.log.info(pruned, 'sync ledger pruned');
    };
    // Another instance running it now does the same work: skipping is enough.
    const run = () => app.sql.exclusively('draft-retention', purge);
    app.addHook('onReady', async () => void (await run()));
    const timer = setInterval(() => void run().catch((error: unknown) => app.log.error({ err: error }, 'retention failed')), 6 * 60 * 60 * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'retention', dependencies: ['assessments', 'auth', 'visits'] },
);
