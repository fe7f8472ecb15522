/**
 * A business on its result page asks for the report by mail, with the
 * re-check reminder, and it arrives — through the real app and a real SMTP
 * server in this process; a second address typed wrong is named, in German.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createUser } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';
import { type Harness, startHarness } from './browser-harness.ts';

const { prepared } = handwerkDigital();
let harness: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  harness = await startHarness({ mail: { smtpUrl: sink.url, from: 'Kammer <check@hwk.example>', timing: { pollMs: 200, retryBaseMs: 200 } } });
});
afterAll(async () => {
  await harness?.close();
  await sink?.close();
});

describe('the report by mail from the result page', () => {
  it('the business types its address, ticks the reminder, and the report arrives with the PDF', { timeout: 90_000 }, async () => {
    const { created } = await submitAnswerSet(harness.testApp.app, completeAnswerSet(prepared, 'middling'));
    const page = await harness.newPage();
    await page.goto(`/fortsetzen#${created.resumeCode}`);
    await page.getByRole('heading', { level: 1, name: 'Ihr Ergebnis' }).waitFor();

    const form = page.getByRole('form', { name: 'Bericht per E-Mail' });
    await form.getByLabel('Ihre E-Mail-Adresse').fill('kein-at-zeichen');
    await form.getByRole('button', { name: 'Bericht senden' }).click();
    await form.getByRole('status').getByText('Ihre E-Mail-Adresse:').waitFor();

    await form.getByLabel('Ihre E-Mail-Adresse').fill('inhaber@betrieb.example');
    await form.getByLabel(/Erinnern Sie mich in 6 Monaten/).check();
    const started = Date.now();
    await form.getByRole('button', { name: 'Bericht senden' }).click();
    await form.getByText('Der Bericht ist unterwegs an inhaber@betrieb.example.').waitFor();
    await form.getByText(/Wir erinnern Sie am .+ an inhaber@betrieb\.example\./).waitFor();

    const [mail] = await sink.waitFor(1, 30_000);
    console.info(`browser: report mail arrived ${Date.now() - started} ms after the click`);
    expect(mail!.envelopeTo).toEqual(['inhaber@betrieb.example']);
    expect(mail!.parsed.subject).toMatch(/^Ihr Ergebnis im Digitalisierungs-Check/);
    expect(mail!.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(mail!.parsed.text).toContain(`/fortsetzen#${created.resumeCode}`);
    const reminder = await harness.testApp.app.inject({ url: `/api/assessments/${created.id}/recheck-reminder`, headers: { 'x-resume-code': created.resumeCode } });
    expect(reminder.json()).toMatchObject({ reminder: { email: 'inhaber@betrieb.example', locale: 'de' } });
  });
});

describe('e-mail in the chamber’s area', () => {
  it('an admin chooses to hear of each request at once and sees the queue with its transport', { timeout: 60_000 }, async () => {
    const admin = await createUser(harness.testApp.app, 'admin');
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto('/kammer');
    await page.getByLabel('E-Mail-Adresse').fill(admin.email);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor();
    await page.getByRole('link', { name: 'E-Mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-Mail' }).waitFor();

    await page.getByRole('radio', { name: /Einmal täglich/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Einmal täglich/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /Sofort/ }).check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert.').waitFor();
    const session = await harness.testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: PASSWORD } });
    const cookie = String(session.headers['set-cookie']).split(';')[0]!;
    expect((await harness.testApp.app.inject({ url: '/api/mail/preferences', headers: { cookie } })).json()).toEqual({ newRequests: 'immediate', locale: 'de' });

    await page.getByRole('heading', { name: 'Warteschlange' }).waitFor();
    await page.getByText(`Versand über: ${sink.url}`).waitFor();
    await page.getByText(/\d+ wartend · \d+ im Versand · \d+ fehlgeschlagen/).waitFor();
  });
});
