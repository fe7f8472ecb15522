import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactsReader } from '../../server/db/facts-repository.ts';
import { loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, getAssessment, patchAssessment, submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
let t: TestApp;
let clock = new Date('2026-11-23T10:00:00Z').getTime();
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock) });
});
afterAll(async () => t.close());

const peerCount = async () => (await t.app.sql.get<{ n: number }>("SELECT coalesce(sum(n), 0) AS n FROM peer_sums WHERE dimension_id = ''"))!.n;
const factCount = async () => (await createFactsReader(t.app.sql).query('handwerk-digital')).reduce((sum, row) => sum + row.counts[0]!, 0);

describe('DELETE /api/assessments/:id', () => {
  it('lets the business erase its check and result with its resume code', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'middling'));
    const [peersBefore, factsBefore] = [await peerCount(), await factCount()];
    const response = await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': created.resumeCode } });
    expect(response.statusCode).toBe(204);
    expect((await getAssessment(t.app, created)).statusCode).toBe(403);
    const documents = await t.app.sql.get<{ n: number }>('SELECT count(*) AS n FROM result_documents r JOIN assessments a ON a.row_id = r.assessment_row_id WHERE a.id = ?', [created.id]);
    expect(documents!.n).toBe(0);
    expect(peersBefore).toBeGreaterThan(0);
    expect([await peerCount(), await factCount()]).toEqual([peersBefore - 1, factsBefore - 1]);
  });

  it('refuses a wrong resume code', async () => {
    const created = await createAssessment(t.app);
    const other = await createAssessment(t.app);
    const response = await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}`, headers: { 'x-resume-code': other.resumeCode } });
    expect(response.statusCode).toBe(403);
    expect((await getAssessment(t.app, created)).statusCode).toBe(200);
  });

  it('lets an admin erase a check (audited), but not staff', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    const staff = await loggedInAs(t.app, 'staff');
    const created = await createAssessment(t.app);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}`, headers: staff.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${created.id}`, headers: admin.headers })).statusCode).toBe(204);
    const audit = (await t.app.inject({ url: '/api/audit?limit=5', headers: { cookie: admin.cookie } })).json();
    expect(audit[0]).toMatchObject({ action: 'assessment.erase', subject: created.id, actorEmail: admin.email });
  });
});

describe('GET /api/assessments/:id/data-export', () => {
  it('gives an admin everything stored about the business, including earlier checks, and audits it', async () => {
    const admin = await loggedInAs(t.app, 'admin');
    const set = completeAnswerSet(prepared, 'weak', { trade: 'lebensmittel', employees: '1', postcode: '46236', companyName: 'Bäckerei Korn', email: 'korn@example.org', contactConsent: true });
    const { created: first } = await submitAnswerSet(t.app, set);
    const second = await createAssessment(t.app, { questionnaireId: 'handwerk-digital', previousResumeCode: first.resumeCode });
    await patchAssessment(t.app, second, { revision: 0, answers: { [Object.keys(set.answers)[0]!]: set.answers[Object.keys(set.answers)[0]!] } });
    const response = await t.app.inject({ url: `/api/assessments/${second.id}/data-export`, headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(200);
    const data = response.json();
    expect(data.check).toMatchObject({ id: second.id, status: 'draft', profile: { companyName: 'Bäckerei Korn', email: 'korn@example.org' } });
    expect(data.earlierChecks).toHaveLength(1);
    expect(data.earlierChecks[0]).toMatchObject({ id: first.id, answers: set.answers, result: { overall: expect.any(Object) } });
    expect(JSON.stringify(data)).not.toMatch(/resumeHash|rowId/);
    const staff = await loggedInAs(t.app, 'staff');
    expect((await t.app.inject({ url: `/api/assessments/${second.id}/data-export`, headers: { cookie: staff.cookie } })).statusCode).toBe(403);
  });
});

describe('retention of drafts', () => {
  it('removes drafts untouched for longer than the retention period, never submitted checks', async () => {
    const own = await createTestApp({ now: () => new Date(clock), draftRetentionDays: 30 });
    const old = await createAssessment(own.app);
    const { created: submitted } = await submitAnswerSet(own.app, completeAnswerSet(prepared, 'strong'));
    clock += 31 * 86_400_000;
    const fresh = await createAssessment(own.app);
    const app = await own.restart();
    expect((await getAssessment(app, old)).statusCode).toBe(403);
    expect((await getAssessment(app, fresh)).statusCode).toBe(200);
    expect((await getAssessment(app, submitted)).json()).toMatchObject({ status: 'submitted' });
    await own.close();
  });
});
