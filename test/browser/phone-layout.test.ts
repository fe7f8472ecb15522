/**
 * No page scrolls sideways on a phone (issue 20): every page of the three
 * journeys — a business's check up to its result with partner referrals for a
 * Kreis Recklinghausen postcode, the chamber's area and the scouts' area — at
 * 360 and 390 px, where the document must be exactly as wide as the viewport.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerSet } from '../../questionnaires/engine/index.ts';
import { PASSWORD, createUser } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type Created, createAssessment, patchAssessment, submitAssessment } from '../helpers/api-client.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { answerVisitSection, createVisit, goToNextVisitPage, logInAsScout } from './scout-driver.ts';

const { prepared } = latestHandwerkDigital();
// Herten, Kreis Recklinghausen: the catalogue has partners there.
const RECKLINGHAUSEN = { trade: 'elektro-metall', employees: '5-9', postcode: '45699', companyName: 'Elektrotechnik Schmidt & Söhne GmbH & Co. KG' };
const WIDTHS = [360, 390] as const;

let harness: Harness;
let draft: Created;
let submitted: Created;
let set: AnswerSet;

beforeAll(async () => {
  harness = await startHarness();
  const { app } = harness.testApp;
  set = advancedWithGaps();
  draft = await createAssessment(app);
  submitted = await createAssessment(app);
  for (const check of [draft, submitted]) {
    const patched = await patchAssessment(app, check, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
    expect(patched.statusCode).toBe(200);
  }
  expect((await submitAssessment(app, submitted)).statusCode).toBe(200);
}, 120_000);
afterAll(async () => harness?.close());

async function logIn(page: Page, email: string) {
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/**
 * "Fortgeschritten" overall (about 71 points) with two weak areas, so the
 * result names fields of action and the region's partners for them.
 */
function advancedWithGaps(): AnswerSet {
  const strong = completeAnswerSet(prepared, 'strong', RECKLINGHAUSEN);
  const weak = completeAnswerSet(prepared, 'weak', RECKLINGHAUSEN);
  const weakAreas = new Set(prepared.definition.dimensions.slice(-2).map((d) => d.id));
  const weakIds = new Set(prepared.questions.filter((q) => weakAreas.has(q.dimension)).map((q) => q.question.id));
  const answers = Object.fromEntries(Object.entries(strong.answers).map(([id, value]) => [id, weakIds.has(id) && weak.answers[id] !== undefined ? weak.answers[id]! : value]));
  return { ...strong, answers, relevance: weak.relevance };
}

/** How far the document reaches beyond the viewport, and the elements sticking out (for the message). */
async function sideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const sticksOut = (e: Element | null) => e !== null && e.getBoundingClientRect().right > root.clientWidth + 0.5;
    // The outermost elements that stick out: their parents still fit.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => sticksOut(e) && !sticksOut(e.parentElement))
      .slice(0, 6)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.getAttribute('class') ?? '').replace(/\s+/g, '.')} → ${Math.round(e.getBoundingClientRect().right)}px`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
}

/** Waits for the page's heading and quiet network, then checks the width. */
async function expectNoSidewaysScroll(page: Page, what: string, heading?: string | RegExp): Promise<void> {
  if (heading) await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
  else await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  // Fonts and late layout settle.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const found = await sideways(page);
  expect(found.scrollWidth, `${what} at ${found.clientWidth} px is ${found.scrollWidth} px wide: ${found.culprits.join('; ')}`).toBe(found.clientWidth);
}

describe.each(WIDTHS)('on a %i px phone', (width) => {
  const viewport = { width, height: 780 };

  it('no page of a business’s check scrolls sideways, the result with its referrals included', { timeout: 180_000 }, async () => {
    const page = await harness.newPage({ viewport });
    await page.goto('/');
    await expectNoSidewaysScroll(page, 'start page');
    await page.goto('/fortsetzen');
    await expectNoSidewaysScroll(page, 'resume page');
    await page.goto('/gibt-es-nicht');
    await expectNoSidewaysScroll(page, 'not-found page');

    // The resume link opens the check on this device; then every page of it.
    await page.goto(`/fortsetzen#${draft.resumeCode}`);
    await page.waitForURL(/\/check\//);
    for (const section of prepared.definition.sections) {
      await page.goto(`/check/${draft.id}/${section.id}`);
      await expectNoSidewaysScroll(page, `page ${section.id}`, section.title.de);
    }
    await page.goto(`/check/${draft.id}/pruefen`);
    await expectNoSidewaysScroll(page, 'review page');

    await page.goto(`/fortsetzen#${submitted.resumeCode}`);
    await page.waitForURL(/\/ergebnis/);
    await page.getByRole('heading', { name: 'Ansprechpartner für Sie' }).waitFor();
    // The level word of the score card and the partner cards for Kreis Recklinghausen are there.
    await page.locator('.overall__level', { hasText: 'Fortgeschritten' }).waitFor();
    expect(await page.locator('.referral').count()).toBeGreaterThan(2);
    await expectNoSidewaysScroll(page, 'result page');
    // Each partner card and the score card lie inside the page.
    const rights = await page.locator('.referral, .overall').evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().right));
    for (const right of rights) expect(right).toBeLessThanOrEqual(width);
    // Scrolled to the referrals, nothing shifts either.
    await page.getByRole('heading', { name: 'Ansprechpartner für Sie' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
  });

  it('no page of the chamber’s area scrolls sideways', { timeout: 120_000 }, async () => {
    const user = await createUser(harness.testApp.app, 'admin');
    const page = await harness.newPage({ viewport });
    await page.goto('/kammer');
    await expectNoSidewaysScroll(page, 'staff login', 'Anmelden');
    await logIn(page, user.email);
    await page.waitForURL(/\/kammer\/dashboard/);
    await expectNoSidewaysScroll(page, 'dashboard');
    for (const [path, what] of [['/kammer/dashboard?groupBy=trade', 'dashboard grouped by trade'], ['/kammer/benutzer', 'users'], ['/kammer/protokoll', 'audit log'], ['/kammer/angebote', 'offers'], ['/kammer/anfragen', 'leads'], ['/kammer/e-mail', 'mail preferences and queue']] as const) {
      await page.goto(path);
      await expectNoSidewaysScroll(page, what);
    }
  });

  it('no page of the scouts’ area scrolls sideways, a whole visit included', { timeout: 240_000 }, async () => {
    const scout = await createUser(harness.testApp.app, 'scout');
    const page = await harness.newPage({ viewport });
    await page.goto('/scout');
    await expectNoSidewaysScroll(page, 'scout login', 'Anmeldung für Prozess-Scouts');
    await logInAsScout(page, scout.email);
    await expectNoSidewaysScroll(page, 'visit list', 'Ihre Besuche');
    await page.getByRole('link', { name: 'Neuer Besuch' }).click();
    await expectNoSidewaysScroll(page, 'new visit', 'Neuer Besuch');
    await page.goBack();
    await createVisit(page, prepared, { ...RECKLINGHAUSEN, contactPerson: 'Petra Schmidt' });
    const sections = prepared.dimensionSections;
    for (let i = 0; i < sections.length; i++) {
      await expectNoSidewaysScroll(page, `visit page ${sections[i]!.id}`, sections[i]!.title.de);
      await answerVisitSection(page, prepared, sections[i]!.id, set, 'Notiz mit einem sehr langen Wort: Digitalisierungsfortschrittsdokumentation');
      await goToNextVisitPage(page, sections[i + 1]?.title.de ?? 'Abschluss des Besuchs');
    }
    await expectNoSidewaysScroll(page, 'visit review');
    await page.getByRole('button', { name: 'Besuch abschließen und Ergebnis zeigen' }).click();
    await page.waitForURL(/\/ergebnis/);
    await expectNoSidewaysScroll(page, 'visit result');
  });
});
