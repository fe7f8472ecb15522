/**
 * `npm run screenshots`: the start page, a question page and a result page
 * as a business sees them, and the chamber's dashboard, written to
 * docs/screenshot-*.png for the README (`npm run screenshots -- dashboard`
 * for the dashboard alone). Runs against a real server on a temporary
 * database, like the browser tests.
 */
import { fileURLToPath } from 'node:url';
import { PASSWORD } from '../helpers/accounts.ts';
import { createAssessment, patchAssessment, submitAnswerSet, submitAssessment } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { setup as buildClientIfStale } from '../setup/build-client.ts';
import { startHarness } from './browser-harness.ts';
import { JOINERY, plannedAnswers } from './check-driver.ts';
import { seedDashboardChecks } from './dashboard-seed.ts';

const docs = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
const DESKTOP = { width: 1280, height: 900 };
const only = process.argv[2];

await buildClientIfStale();
const { prepared } = handwerkDigital();
if (only !== 'dashboard') await businessScreenshots();
await dashboardScreenshot();

async function businessScreenshots() {
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
}

/** Half a year of checks from several trades, two of them too small to show; staff grouped by trade. */
async function dashboardScreenshot() {
  let clock = Date.parse('2026-11-23T10:00:00Z');
  const harness = await startHarness({ now: () => new Date(clock) });
  try {
    const { app } = harness.testApp;
    await seedDashboardChecks(app, prepared, (at) => (clock = at.getTime()));
    clock = Date.parse('2026-11-23T10:00:00Z');
    const { user } = await app.accounts.createUser({ email: 'sabine.kraemer@hwk-beispiel.de', name: 'Sabine Krämer', role: 'staff', password: PASSWORD });
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto('/kammer');
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    await page.goto('/kammer/dashboard?groupBy=trade');
    await page.getByRole('table', { name: /Kennzahlen nach Gewerbegruppe/ }).waitFor();
    await page.screenshot({ path: docs('screenshot-dashboard.png'), fullPage: true });
    console.log('docs/screenshot-dashboard.png written');

    // Issue 16: demand against offer, the offers editor and the leads inbox (three businesses that asked).
    // Whole-page pictures: the sticky header stays at the top instead of covering what is below it.
    const unstick = () => page.addStyleTag({ content: 'header { position: static !important; }' });
    await page.goto('/kammer/dashboard');
    await page.locator('.demand').waitFor();
    await unstick();
    // Clipped from the whole page, so the sticky header does not cover the card.
    const box = await page.locator('.demand').evaluate((el) => { const r = el.getBoundingClientRect(); return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: Math.min(r.height, 900) }; });
    await page.screenshot({ path: docs('screenshot-demand.png'), fullPage: true, clip: box });
    for (const [i, name] of ['Bäckerei Korn', 'Malerbetrieb Sonnig', 'Metallbau Funke GmbH'].entries()) {
      const set = plannedAnswers(prepared, { ...JOINERY, companyName: name }, i === 2 ? 'middling' : 'weak');
      const { created } = await submitAnswerSet(app, { ...set, profile: { ...set.profile, email: `kontakt${i}@example.org`, contactConsent: true } });
      const referral = (await app.inject({ url: `/api/assessments/${created.id}/result`, headers: { 'x-resume-code': created.resumeCode } })).json().result.referrals.workshops[0];
      if (referral) await app.inject({ method: 'POST', url: `/api/assessments/${created.id}/requests`, headers: { 'x-resume-code': created.resumeCode }, payload: { offerKind: 'workshop', offerId: referral.workshop.id, kind: i === 1 ? 'contact' : 'interest' } });
    }
    await page.goto('/kammer/angebote');
    await page.getByRole('row', { name: /Digitalisierungswerkstatt/ }).first().waitFor();
    await page.getByRole('button', { name: /^Kopieren/ }).first().click();
    await page.getByLabel('Beginn').fill('2027-03-04T17:00');
    await unstick();
    await page.screenshot({ path: docs('screenshot-offers.png'), clip: { x: 0, y: 0, width: 1280, height: 1100 }, fullPage: true });
    await page.goto('/kammer/anfragen');
    await page.locator('.lead').first().waitFor();
    await unstick();
    await page.screenshot({ path: docs('screenshot-leads.png'), fullPage: true });
    console.log('docs/screenshot-demand.png, docs/screenshot-offers.png, docs/screenshot-leads.png written');
  } finally {
    await harness.close();
  }
}
