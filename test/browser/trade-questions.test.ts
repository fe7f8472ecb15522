import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type Harness, startHarness } from './browser-harness.ts';
import { fillProfile, goNext } from './check-driver.ts';

const { prepared } = handwerkDigital();
const question = (id: string) => prepared.questionById.get(id)!.question;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness?.close());

describe('questions that depend on the trade and on earlier answers', () => {
  it("shows a trade's questions and hides them again when the trade changes", { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    const [kunden, auftrag, einkauf, technik] = ['kunden', 'auftrag', 'einkauf', 'technik'].map((id) => prepared.dimensionSections.find((s) => s.id === id)!);
    const preorder = () => page.getByRole('group', { name: question('kunden-vorbestellung').text.de });
    const bim = () => page.getByRole('group', { name: question('technik-bim').text.de });
    const till = () => page.getByRole('group', { name: question('technik-kasse').text.de });
    const total = async () => Number(/von (\d+) Fragen/.exec((await page.getByRole('progressbar').getAttribute('aria-valuetext')) ?? '')?.[1]);

    await page.goto('/');
    await page.getByRole('button', { name: 'Check starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    await fillProfile(page, prepared, { trade: 'lebensmittel', employees: '2-4', postcode: '45879' });
    const bakeryTotal = await total();

    await goNext(page, prepared.dimensionSections[0]!.title.de);
    await goNext(page, kunden!.title.de);
    await expect.poll(() => preorder().isVisible()).toBe(true);
    await goNext(page, auftrag!.title.de);
    await goNext(page, einkauf!.title.de);
    await goNext(page, technik!.title.de);
    await expect.poll(() => till().isVisible()).toBe(true);
    expect(await bim().count()).toBe(0);

    // Back to the profile with the browser's back button, and another trade.
    for (let i = 0; i < 5; i++) await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    await page.getByRole('radio', { name: 'Bau- und Ausbaugewerbe', exact: true }).check();
    await expect.poll(total).not.toBe(bakeryTotal);

    for (let i = 0; i < 2; i++) await page.goForward();
    await page.getByRole('heading', { level: 1, name: kunden!.title.de }).waitFor();
    expect(await preorder().count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.goForward();
    await page.getByRole('heading', { level: 1, name: technik!.title.de }).waitFor();
    await expect.poll(() => bim().isVisible()).toBe(true);
    expect(await till().count()).toBe(0);
  });

  it('shows a follow-up question only while the answer it depends on is given', { timeout: 60_000 }, async () => {
    const page = await harness.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Check starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihr Betrieb' }).waitFor();
    const id = /\/check\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.goto(`/check/${id}/kunden`);
    const google = page.getByRole('group', { name: question('kunden-google').text.de });
    const reviews = page.getByRole('group', { name: question('kunden-bewertungen').text.de });
    await google.getByRole('radio', { name: 'Nein oder weiß ich nicht' }).check();
    expect(await reviews.count()).toBe(0);
    await google.getByRole('radio', { name: /^Ja, wir pflegen ihn selbst/ }).check();
    await expect.poll(() => reviews.isVisible()).toBe(true);
    await google.getByRole('radio', { name: 'Nein oder weiß ich nicht' }).check();
    await expect.poll(() => reviews.count()).toBe(0);
  });
});
