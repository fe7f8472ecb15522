/**
 * Bounded growth, at start-up and every six hours: drafts nobody finished
 * within the retention period are removed, and the sync ledger forgets what
 * is older than the longest time a tablet may stay offline.
 */
import fp from 'fastify-plugin';

export const retentionPlugin = fp<{ draftRetentionDays: number | null; now: () => Date }>(
  async (app, { draftRetentionDays, now }) => {
    const purge = async () => {
      if (draftRetentionDays !== null) {
        const removed = app.assessments.purgeStaleDrafts(draftRetentionDays);
        if (removed > 0) {
          app.log.info({ removed, draftRetentionDays }, 'stale drafts removed');
          await app.auditLog.record({ at: now().toISOString(), actorUserId: null, actorEmail: null, action: 'retention.purge', subject: null, details: { removed, draftRetentionDays } });
        }
      }
      const pruned = app.visits.pruneLedger();
      if (pruned.changes > 0 || pruned.erasedVisits > 0) app.log.info(pruned, 'sync ledger pruned');
    };
    app.addHook('onReady', async () => purge());
    const timer = setInterval(() => void purge().catch((error: unknown) => app.log.error({ err: error }, 'retention failed')), 6 * 60 * 60 * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'retention', dependencies: ['assessments', 'auth', 'visits'] },
);
