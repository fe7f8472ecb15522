/** Leads (`app.leads`): consent, requests and the chamber's follow-up. */
import fp from 'fastify-plugin';
import { createAccountRepository } from '../db/account-repository.ts';
import { createCatalogueRepository } from '../db/catalogue-repository.ts';
import { createLeadRepository } from '../db/lead-repository.ts';
import { type LeadService, createLeadService } from '../leads/lead-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    leads: LeadService;
  }
}

export const leadsPlugin = fp<{ now: () => Date }>(
  async (app, { now }) => {
    app.decorate(
      'leads',
      createLeadService({
        leads: createLeadRepository(app.sql),
        catalogue: createCatalogueRepository(app.sql),
        accounts: createAccountRepository(app.sql),
        questionnaireFor: (id, version) => app.questionnaires.get(id, version),
        now,
        // app.mail is registered later; a request is only ever made once the app runs.
        onRequestCreated: (tx, lead, request, locale) => app.mail.requestCreated(tx, lead, request, locale),
        afterRequestCommitted: () => app.mail.afterCommit(),
      }),
    );
  },
  { name: 'leads', dependencies: ['database', 'questionnaires'] },
);
