import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFileName } from '../../reports/report-file-name.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { createAssessment, submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const { prepared } = handwerkDigital();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'procheck-pdf-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('GET /api/assessments/:id/report.pdf', () => {
  it('answers the report as a PDF with a sensible file name, in German by default', async () => {
    const set = completeAnswerSet(prepared, 'middling', { trade: 'lebensmittel', employees: '5-9', postcode: '46236', companyName: 'Bäckerei Körner & Söhne' });
    const { created } = await submitAnswerSet(t.app, set);
    const response = await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': created.resumeCode } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="procheck-bericht-baeckerei-koerner-soehne-2026-11-23.pdf"');
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Bäckerei Körner & Söhne');
    for (const d of prepared.definition.dimensions) expect(text.replace(/\s+/g, ' ')).toContain((d.shortTitle ?? d.title).de.split(' ')[0]);
  });

  it('renders in English on request', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'strong'));
    const response = await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf?locale=en`, headers: { 'x-resume-code': created.resumeCode } });
    expect(response.headers['content-disposition']).toMatch(/procheck-report-/);
    expect(pdfText(response.rawPayload)).toContain(prepared.definition.levels.at(-1)!.title.en!);
  });

  it('follows the access rules of the result', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'weak'));
    const draft = await createAssessment(t.app);
    expect((await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': draft.resumeCode } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/assessments/${draft.id}/report.pdf`, headers: { 'x-resume-code': draft.resumeCode } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/assessments/${created.id}/report.pdf?locale=fr`, headers: { 'x-resume-code': created.resumeCode } })).statusCode).toBe(400);
  });

  it('keeps answering health checks while 10 reports render', async () => {
    const { created } = await submitAnswerSet(t.app, completeAnswerSet(prepared, 'middling'));
    const renders = Array.from({ length: 10 }, () => t.app.inject({ url: `/api/assessments/${created.id}/report.pdf`, headers: { 'x-resume-code': created.resumeCode } }));
    const start = performance.now();
    expect((await t.app.inject('/health')).statusCode).toBe(200);
    const healthMs = performance.now() - start;
    expect((await Promise.all(renders)).every((r) => r.statusCode === 200)).toBe(true);
    expect(healthMs).toBeLessThan(500);
  });
});

describe('reportFileName', () => {
  it.each([
    [undefined, 'procheck-bericht-2026-11-23.pdf'],
    ['Straße & Söhne GmbH', 'procheck-bericht-strasse-soehne-gmbh-2026-11-23.pdf'],
    ['"; rm -rf /', 'procheck-bericht-rm-rf-2026-11-23.pdf'],
    ['\u202eevil', 'procheck-bericht-evil-2026-11-23.pdf'],
    ['Bäckerei Köhler', 'procheck-bericht-baeckerei-koehler-2026-11-23.pdf'],
    ['ÄRZTE-Bedarf Müller', 'procheck-bericht-aerzte-bedarf-mueller-2026-11-23.pdf'],
    ['Café Crème', 'procheck-bericht-cafe-creme-2026-11-23.pdf'],
  ])('%s → %s', (name, expected) => {
    expect(reportFileName(name, '2026-11-23T10:00:00Z', 'de')).toBe(expected);
  });
});
