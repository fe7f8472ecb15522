/** The PDF report: a worker pool (`app.reports`) so rendering never stalls other requests. */
import fp from 'fastify-plugin';
import { type ReportPool, createReportPool } from '../report-pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportPool;
    /** Who publishes the report: footer and document author. */
    reportOperator: string;
  }
}

export const reportsPlugin = fp<{ operator?: string; workers?: number }>(
  async (app, options) => {
    const pool = createReportPool({ size: options.workers ?? 1 });
    app.decorate('reports', pool);
    app.decorate('reportOperator', options.operator ?? (await app.offers.current()).operator ?? 'procheck');
    app.addHook('onClose', async () => pool.close());
  },
  { name: 'reports', dependencies: ['questionnaires'] },
);
