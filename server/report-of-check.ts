/**
 * The PDF report of one submitted check, as the report route serves it and
 * the report mail attaches it: one way to build it, so both say the same.
 */
import type { FastifyInstance } from 'fastify';
import { buildReportModel } from '../reports/build-report-model.ts';
import type { AssessmentRecord } from './db/assessment-repository.ts';
import { ProblemError } from './errors.ts';

export async function renderReportOfCheck(app: FastifyInstance, record: AssessmentRecord, options: { locale: 'de' | 'en'; withNotes: boolean }): Promise<{ pdf: Buffer; submittedAt: string }> {
  const { result, submittedAt } = await app.assessments.result(record);
  const prepared = app.questionnaires.get(record.questionnaireId, record.version);
  if (!prepared) throw new ProblemError('questionnaire.not-installed', `questionnaire ${record.questionnaireId} ${record.version} is no longer installed`);
  const model = buildReportModel({
    result,
    questionnaire: prepared.definition,
    profile: record.profile,
    answers: record.answers,
    locale: options.locale,
    date: submittedAt.slice(0, 10),
    operator: app.reportOperator,
    // The re-check link starts a re-assessment linked to this check; the token sits in the fragment, out of server logs.
    // Its base is configured, never taken from the request's Host header.
    retakeUrl: `${app.publicUrl()}/wiederholen/${record.id}#${app.assessments.retakeTokenOf(record)}`,
    notes: options.withNotes ? await app.visits.notesFor(record) : undefined,
    // The result page, where the referrals can be asked for; the business opens it with its resume code.
    askUrl: `${app.publicUrl()}/fortsetzen`,
  });
  return { pdf: await app.reports.render(model), submittedAt };
}
