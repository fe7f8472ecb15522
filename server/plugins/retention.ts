/** Removes drafts that nobody finished within the retention period, at start-up and every six hours. */
import fp from 'fastify-plugin';

export const retentionPlugin = fp<{ draftRetentionDays: number | null }>(
  async (app, { draftRetentionDays }) => {
    if (draftRetentionDays === null) return;
    const purge = () => {
      const removed = app.assessments.purgeStaleDrafts(draftRetentionDays);
      if (removed > 0) {
        app.log.info({ removed, draftRetentionDays }, 'stale drafts removed');
        app.auditLog.record({ at: new Date().toISOString(), actorUserId: null, actorEmail: null, action: 'retention.purge', subject: null, details: { removed, draftRetentionDays } });
      }
    };
    app.addHook('onReady', async () => purge());
    const timer = setInterval(purge, 6 * 60 * 60 * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'retention', dependencies: ['assessments', 'auth'] },
);
