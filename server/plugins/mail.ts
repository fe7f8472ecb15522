/**
 * Outbound mail (`app.mail`): the service that queues mail with its cause,
 * and the sender that works the queue from start-up to close. Without an
 * SMTP URL mail is written as `.eml` files, and the log says where.
 */
import fp from 'fastify-plugin';
import { reportFileName } from '../../reports/report-file-name.ts';
import { renderReportOfCheck } from '../report-of-check.ts';
import { createAssessmentRepository } from '../db/assessment-repository.ts';
import { createCatalogueRepository } from '../db/catalogue-repository.ts';
import { createMailOutboxRepository } from '../db/mail-outbox-repository.ts';
import { createMailComposer } from '../mail/compose.ts';
import { type MailPolicy, type MailService, createMailService } from '../mail/mail-service.ts';
import { type MailSender, type SenderTiming, createMailSender } from '../mail/sender.ts';
import type { MailTransport } from '../mail/transport.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailService;
    mailSender: MailSender;
    mailTransport: MailTransport;
    mailPolicy: MailPolicy;
  }
}

export interface MailPluginOptions {
  transport: MailTransport;
  from: string;
  policy: MailPolicy;
  timing: SenderTiming;
  now: () => Date;
  clock: () => Date;
  /** false: the queue is only worked by `app.mailSender.runOnce()` (tests that look at the queue). */
  autoStart: boolean;
}

export const mailPlugin = fp<MailPluginOptions>(
  async (app, { transport, from, policy, timing, now, clock, autoStart }) => {
    const outbox = createMailOutboxRepository(app.sql);
    const assessments = createAssessmentRepository(app.sql);
    const catalogue = createCatalogueRepository(app.sql);
    let sender: MailSender | undefined;
    const service = createMailService({ outbox, assessments, policy, now, clock, onQueued: () => sender?.wake() });
    const composer = createMailComposer({
      from,
      publicUrl: () => app.publicUrl(),
      outbox,
      findCheck: (rowId) => assessments.findByRowId(rowId),
      summaryOf: async (record, locale) => {
        const { result, submittedAt } = await app.assessments.result(record);
        const level = app.questionnaires.get(record.questionnaireId, record.version)?.levels.find((l) => l.id === result.overall.level);
        return { score: result.overall.score, levelTitle: (locale === 'en' ? level?.title.en : undefined) ?? level?.title.de ?? result.overall.level, submittedAt };
      },
      offerTitle: async (kind, id, locale) => {
        const data = ((await catalogue.find(kind, id))?.data ?? {}) as { title?: { de: string; en?: string }; name?: { de: string; en?: string } };
        const title = data.title ?? data.name;
        return (locale === 'en' ? title?.en : undefined) ?? title?.de ?? id;
      },
      reportPdf: async (record, locale) => {
        const { pdf, submittedAt } = await renderReportOfCheck(app, record, { locale, withNotes: false });
        return { pdf, fileName: reportFileName(record.profile.companyName, submittedAt, locale) };
      },
      retakeToken: (record) => app.assessments.retakeTokenOf(record),
      unsubscribeToken: (record) => service.unsubscribeTokenOf(record),
    });
    sender = createMailSender({ outbox, composer, transport, timing, clock, log: app.log.child({ component: 'mail' }), tick: () => service.tick() });
    app.decorate('mail', service);
    app.decorate('mailSender', sender);
    app.decorate('mailTransport', transport);
    app.decorate('mailPolicy', policy);
    app.addHook('onReady', async () => {
      app.log.info({ transport: transport.describe() }, transport.describe().startsWith('smtp') ? 'mail goes out through SMTP' : 'no PROCHECK_SMTP_URL: mail is written as .eml files to this folder');
      if (autoStart) sender!.start();
    });
    // After requests in flight: a mail being sent finishes (or its lease runs out for the next start).
    app.addHook('onClose', async () => {
      await sender!.stop();
      transport.close();
    });
  },
  { name: 'mail', dependencies: ['database', 'assessments', 'reports', 'questionnaires', 'public-url', 'visits'] },
);
