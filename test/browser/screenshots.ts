/**
 * `npm run screenshots`: the start page, a question page and a result page
 * as a business sees them, written to docs/screenshot-*.png for the README.
 * Runs against a real server on a temporary database, like the browser tests.
 */
import { fileURLToPath } from 'node:url';
import { createAssessment, patchAssessment, submitAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { setup as buildClientIfStale } from '../setup/build-client.ts';
import { startHarness } from './browser-harness.ts';
import { JOINERY, plannedAnswers } from './check-driver.ts';

const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
const DESKTOP = { width: 1280, height: 900 };

await buildClientIfStale();
const { prepared } = handwerkDigital();
const harness = await startHarness();
try {
  const { app } = harness.testApp;
  // Five peers of the same trade, so the result shows the comparison group.
  for (const strength of ['weak', 'middling', 'middling', 'strong', 'weak'] as const) {
    const peer = plannedAnswers(prepared, { ...JOINERY, companyName: undefined }, strength);
    const created = await createAssessment(app);
    await patchAssessment(app, created, { revision: 0, profile: peer.profile, answers: peer.answers, relevance: peer.relevance });
    await submitAssessment(app, created);
  }

  const page = await harness.newPage({ viewport: DESKTOP });
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.screenshot({ path: docs('screenshot-start.png') });

  // A check halfway through: profile and the first section answered.
  const set = plannedAnswers(prepared, JOINERY, 'middling');
  const first = new Set(prepared.dimensionSections[0]!.questions.map((q) => q.id));
  const draft = await createAssessment(app);
  await patchAssessment(app, draft, {
    revision: 0,
    profile: set.profile,
    answers: Object.fromEntries(Object.entries(set.answers).filter(([id]) => first.has(id) || id === 'kunden-website')),
    relevance: { 'kunden-website': 4 },
  });
  await page.goto(`/fortsetzen#${draft.resumeCode}`);
  await page.waitForURL(/\/check\//);
  await page.goto(`/check/${draft.id}/kunden`);
  await page.getByRole('heading', { level: 1, name: 'Kunden & Marketing' }).waitFor();
  await page.getByRole('group', { name: /eigene Website/ }).getByText('Erklärung', { exact: true }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: docs('screenshot-question.png') });

  const done = await createAssessment(app);
  await patchAssessment(app, done, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
  await submitAssessment(app, done);
  await page.goto(`/fortsetzen#${done.resumeCode}`);
  await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();
  await page.getByRole('img', { name: /Punkte je Bereich/ }).waitFor();
  // The top of the page: level, radar chart, bars and the comparison group.
  await page.screenshot({ path: docs('screenshot-result.png'), fullPage: true, clip: { x: 0, y: 0, width: DESKTOP.width, height: 1180 } });
  console.log('docs/screenshot-start.png, docs/screenshot-question.png, docs/screenshot-result.png written');
} finally {
  await harness.close();
}
