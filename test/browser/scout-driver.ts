/**
 * A process scout on a tablet, through what the scout sees: the login, the
 * visit list, the business form, the questionnaire pages with their notes,
 * and the completion page. Answers follow test/helpers/answer-sets.ts.
 */
import type { Page } from 'playwright-core';
import type { AnswerSet, PreparedQuestionnaire } from '../../questionnaires/engine/index.ts';
import { PASSWORD } from '../helpers/accounts.ts';
import { type Business, answerSection } from './check-driver.ts';

export const TABLET_LANDSCAPE = { width: 1024, height: 768 };
export const TABLET_PORTRAIT = { width: 768, height: 1024 };

export async function logInAsScout(page: Page, email: string): Promise<void> {
  await page.goto('/scout');
  await page.getByRole('heading', { level: 1, name: 'Anmeldung für Prozess-Scouts' }).waitFor();
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihre Besuche' }).waitFor();
}

/** The service worker has cached the app: the visit list says so. */
export async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.getByText('Offline bereit', { exact: true }).waitFor({ timeout: 20_000 });
}

export interface VisitDetails extends Business {
  companyName: string;
  contactPerson: string;
}

export async function createVisit(page: Page, prepared: PreparedQuestionnaire, business: VisitDetails): Promise<string> {
  await page.getByRole('link', { name: 'Neuer Besuch' }).click();
  await page.getByRole('heading', { level: 1, name: 'Neuer Besuch' }).waitFor();
  const { trades, employeeBands } = prepared.definition.profile;
  await page.getByLabel('Name des Betriebs').fill(business.companyName);
  await page.getByLabel('Gewerbegruppe').selectOption({ label: trades.find((t) => t.id === business.trade)!.label.de });
  await page.getByRole('radio', { name: employeeBands.find((b) => b.id === business.employees)!.label.de, exact: true }).check();
  await page.getByLabel('Postleitzahl').fill(business.postcode);
  await page.getByLabel('Ansprechperson').fill(business.contactPerson);
  await page.getByRole('button', { name: 'Besuch anlegen und Fragebogen starten' }).click();
  await page.getByRole('heading', { level: 1, name: prepared.dimensionSections[0]!.title.de }).waitFor();
  const id = /\/scout\/besuch\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a visit page: ${page.url()}`);
  return id;
}

/** Answers one dimension page (and writes its note, if given). */
export async function answerVisitSection(page: Page, prepared: PreparedQuestionnaire, sectionId: string, set: AnswerSet, note?: string): Promise<void> {
  await answerSection(page, prepared, sectionId, set);
  if (note !== undefined) await page.getByRole('textbox', { name: 'Notizen zu diesem Bereich' }).fill(note);
}

export async function goToNextVisitPage(page: Page, expectedHeading: string | RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Zwischen den Schritten wechseln' }).getByRole('link', { name: /Weiter|Abschluss/ }).click();
  await page.getByRole('heading', { level: 1, name: expectedHeading }).waitFor();
}

/** The changes the header says are waiting (0 when everything is synced). */
export async function waitingChanges(page: Page): Promise<number> {
  const text = (await page.locator('.pill--sync').getAttribute('data-pending')) ?? '0';
  return Number(text);
}

/** The header's connection pill says offline. */
export async function offlineShown(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Verbindung und Synchronisierung' }).locator('.pill--offline').waitFor();
}

/** The changes in the tablet's outbox, read from IndexedDB itself. */
export function outboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('procheck-scout');
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now (the context must bypass the CSP to inject it). */
export async function auditPage(page: Page, axePath: string): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
