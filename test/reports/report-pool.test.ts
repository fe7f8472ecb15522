import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, type ReportModel } from '../../reports/build-report-model.ts';
import { renderReportPdf } from '../../reports/render-report-pdf.ts';
import { createReportPool, type ReportPool } from '../../server/report-pool.ts';
import { assessSample, SAMPLE_DATE } from '../helpers/sample-results.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { compactText, readPdf } from './read-pdf.ts';

const FAULTY_WORKER = new URL('./fixtures/faulty-report-worker.js', import.meta.url);

let model: ReportModel;
const pools: ReportPool[] = [];

function pool(options: Parameters<typeof createReportPool>[0] = {}): ReportPool {
  const created = createReportPool(options);
  pools.push(created);
  return created;
}

function withCompany(company: string): ReportModel {
  return { ...model, cover: { ...model.cover, company } };
}

beforeAll(() => {
  const shipped = handwerkDigital();
  const sample = assessSample(shipped, 'middling');
  model = buildReportModel({
    result: sample.result,
    questionnaire: shipped.prepared.definition,
    profile: sample.set.profile,
    locale: 'de',
    date: SAMPLE_DATE,
    operator: 'Handwerkskammer Emscher-Lippe (Beispiel)',
    answers: sample.set.answers,
  });
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('createReportPool', () => {
  it('renders in a worker thread the same bytes as rendering in process', async () => {
    const pdf = await pool().render(model);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.equals(await renderReportPdf(model))).toBe(true);
    expect(readPdf(pdf).compact).toContain(compactText(model.cover.company));
  });

  it('queues more renders than it has workers and answers each with its own report', async () => {
    const reports = pool({ size: 1 });
    const companies = ['Erster Betrieb', 'Zweiter Betrieb', 'Dritter Betrieb', 'Vierter Betrieb'];
    const pdfs = await Promise.all(companies.map((c) => reports.render(withCompany(c))));
    pdfs.forEach((pdf, i) => expect(readPdf(pdf).pages[0]).toContain(companies[i]));
  });

  it('rejects the render whose worker crashed and renders the next one on a fresh worker', async () => {
    const reports = pool({ workerUrl: FAULTY_WORKER });
    const queuedBehind = reports.render(withCompany('Nach dem Absturz'));
    await expect(reports.render(withCompany('CRASH GmbH'))).rejects.toThrow(/report worker stopped: simulated crash/);
    const pdf = await reports.render(withCompany('Wieder da'));
    expect(readPdf(pdf).pages[0]).toContain('Wieder da');
    expect(readPdf(await queuedBehind).pages[0]).toContain('Nach dem Absturz');
  });

  it('ends a worker that does not answer in time and carries on', { timeout: 60_000 }, async () => {
    // Long enough for a fresh worker's first (cold) render on a loaded 2-core machine.
    const reports = pool({ workerUrl: FAULTY_WORKER, timeoutMs: 8_000 });
    await expect(reports.render(withCompany('HANG KG'))).rejects.toThrow(/no answer within 8000 ms/);
    expect(readPdf(await reports.render(withCompany('Danach'))).pages[0]).toContain('Danach');
  });

  it('answers a render error as a rejection and keeps the worker', async () => {
    const reports = pool();
    const broken = { ...model, meta: { ...model.meta, creationDate: 'kein Datum' }, levels: [] } as ReportModel;
    await expect(reports.render(broken)).rejects.toThrow(/report rendering failed/);
    expect((await reports.render(model)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('rejects queued and running renders on close, and every render after it', async () => {
    const reports = createReportPool();
    const running = reports.render(model);
    const queued = reports.render(model);
    const settled = Promise.allSettled([running, queued]);
    await reports.close();
    const [first, second] = await settled;
    expect(first).toMatchObject({ status: 'rejected', reason: { message: 'the report pool is closed' } });
    expect(second).toMatchObject({ status: 'rejected', reason: { message: 'the report pool is closed' } });
    await expect(reports.render(model)).rejects.toThrow(/closed/);
  });

  it('refuses a pool without workers', () => {
    expect(() => createReportPool({ size: 0 })).toThrow(/at least one worker/);
  });
});
