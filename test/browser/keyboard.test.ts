import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { checkState, waitUntilSaved } from './check-driver.ts';

const { prepared } = handwerkDigital();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

interface Focused {
  tag: string;
  type: string;
  name: string;
  text: string;
  /** For a radio or checkbox: whether any control of its group is checked. */
  groupChecked: boolean;
  value: string;
  focusVisible: boolean;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return { tag: '', type: '', name: '', text: '', groupChecked: false, value: '', focusVisible: false };
    const group = el.name ? [...document.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(el.name)}"]`)] : [el];
    return {
      tag: el.tagName,
      type: el.type ?? '',
      name: el.name ?? '',
      text: el.textContent?.trim() ?? '',
      groupChecked: group.some((input) => input.checked),
      value: el.value ?? '',
      focusVisible: el.matches(':focus-visible'),
    };
  });

/**
 * Tabs through the page as a keyboard user would: picks the first option of
 * every unanswered question (Space), types into empty required text fields,
 * and leaves with Enter on the "next" link.
 */
async function answerByKeyboard(page: Page, typed: Record<string, string>, nextLabel: RegExp): Promise<number> {
  let answered = 0;
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    expect(el.focusVisible || el.tag === 'SUMMARY' || el.tag === 'A' || el.tag === 'BUTTON').toBe(true);
    if (el.tag === 'A' && nextLabel.test(el.text)) {
      await page.keyboard.press('Enter');
      return answered;
    }
    if ((el.type === 'radio' || el.type === 'checkbox') && !el.groupChecked && (el.name.startsWith('q-') || el.name.startsWith('profile-t') || el.name.startsWith('profile-e'))) {
      await page.keyboard.press('Space');
      answered += 1;
    } else if (el.tag === 'INPUT' && el.type === 'text' && el.value === '' && typed[el.name || '']) {
      await page.keyboard.type(typed[el.name]!);
    }
  }
  throw new Error(`never reached a link named ${nextLabel}`);
}

describe('keyboard only', () => {
  it('answers the profile and the first section and reaches the next one without a mouse', { timeout: 90_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/');
    // Skip link first, then the brand, the language switch … until the start button.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await focused(page)).text === 'Check starten') break;
    }
    expect((await focused(page)).text).toBe('Check starten');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    // The new page's heading has the focus, so Tab continues from the top of the page.
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.tagName))).toBe('H1');

    await answerByKeyboard(page, { 'profile-postcode': '46236' }, /^Weiter/);
    const first = prepared.dimensionSections[0]!;
    await page.getByRole('heading', { level: 1, name: first.title.de }).waitFor();
    await expect.poll(async () => (await page.evaluate(() => document.activeElement?.textContent))).toBe(first.title.de);

    const id = /\/check\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const resumeCode = await page.evaluate((checkId) => (JSON.parse(localStorage.getItem('procheck.checks') ?? '{}') as { codes: Record<string, string> }).codes[checkId]!, id);
    const answered = await answerByKeyboard(page, {}, /^Weiter/);
    expect(answered).toBeGreaterThanOrEqual(first.questions.filter((q) => q.required).length);
    await page.getByRole('heading', { level: 1, name: prepared.dimensionSections[1]!.title.de }).waitFor();
    await waitUntilSaved(page);

    const state = await checkState(harness.baseUrl, id, resumeCode);
    expect(state.profile).toMatchObject({ trade: 'bau-ausbau', employees: '1', postcode: '46236' });
    const required = first.questions.filter((q) => q.required).map((q) => q.id);
    expect(state.progress.requiredOpen.filter((open) => required.includes(open))).toEqual([]);
  });
});
