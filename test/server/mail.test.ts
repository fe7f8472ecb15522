/**
 * Outbound mail end to end (issue 17): the app sends through a real SMTP
 * server in this process, and what arrives is parsed back — recipients,
 * subject, text and HTML, the PDF (read with pdftotext), the unsubscribe
 * headers — in German and English; temporary and permanent refusals; the
 * limits; header injection; erasure; staff notifications and the reminder.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MailQueue } from '../../api/mail.ts';
import { readMailConfig } from '../../server/config.ts';
import { createMailTransport } from '../../server/mail/transport.ts';
import { simpleParser } from 'mailparser';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type Created, submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts';
import { FIXED_NOW, type TestApp, createTestApp } from '../helpers/test-app.ts';
import { readPdf } from '../reports/read-pdf.ts';

const { prepared } = handwerkDigital();
const complete = completeAnswerSet(prepared, 'middling');
const FROM = 'Handwerkskammer Test <check@hwk.example>';
const PUBLIC_URL = 'https://check.hwk-beispiel.de';
/** Fast sender timing: a retry after 100 ms, polls every 100 ms. */
const FAST = { pollMs: 100, retryBaseMs: 100, leaseMs: 5_000 };
const CONTACT = { name: 'Anna Korn', email: 'anna@baeckerei-korn.example', consentVersion: 'kontakt-2026-12' };

async function submitted(t: TestApp, profile: Record<string, unknown> = {}): Promise<Created> {
  return (await submitAnswerSet(t.app, { ...complete, profile: { ...complete.profile, ...profile } })).created;
}

const mailReport = (t: TestApp, check: Created, payload: unknown, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/mail-report`, headers: { 'x-resume-code': check.resumeCode }, payload: payload as Record<string, unknown>, remoteAddress });

async function queue(t: TestApp, admin: LoggedIn): Promise<MailQueue> {
  const response = await t.app.inject({ url: '/api/admin/mail-outbox', headers: { cookie: admin.cookie } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

type Falsy = undefined | null | false;
async function until<T>(what: () => T | Falsy | Promise<T | Falsy>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the report by mail (POST /api/assessments/:id/mail-report)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ publicUrl: PUBLIC_URL, mail: { smtpUrl: sink.url, from: FROM, timing: FAST } });
    await t.app.ready();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it.each([
    ['de', 'Ihr Ergebnis im Digitalisierungs-Check: Bäckerei Korn', 'anbei erhalten Sie den Bericht', 'Handlungsfeld', 'procheck-bericht-baeckerei-korn'],
    ['en', 'Your digital-maturity check result: Bäckerei Korn', 'please find attached the report', 'Results report', 'procheck-report-baeckerei-korn'],
  ] as const)('in %s: arrives at the typed address only, with both parts, the PDF and the resume link', async (locale, subject, intro, pdfWord, fileStart) => {
    const check = await submitted(t, { companyName: 'Bäckerei Korn' });
    const address = `inhaberin-${locale}@baeckerei-korn.example`;
    const started = Date.now();
    const response = await mailReport(t, check, { email: address, locale });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ queuedAt: expect.any(String) });

    const mail = await until(() => sink.received.find((m) => m.envelopeTo.includes(address)));
    const latency = Date.now() - started;
    expect(mail.envelopeTo).toEqual([address]);
    const { parsed } = mail;
    expect(parsed.to).toMatchObject({ value: [{ address }] });
    expect(parsed.cc).toBeUndefined();
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.from).toMatchObject({ value: [{ address: 'check@hwk.example', name: 'Handwerkskammer Test' }] });
    expect(parsed.subject).toBe(subject);
    expect(parsed.text).toContain(intro);
    expect(parsed.html).toContain(intro);
    // The resume link from the configured public URL (never a Host header), the code in the fragment.
    expect(parsed.text).toContain(`${PUBLIC_URL}/fortsetzen#${check.resumeCode}`);
    expect(parsed.html).toContain(`href="${PUBLIC_URL}/fortsetzen#${check.resumeCode}"`);
    // No remote images or other remote content.
    expect(parsed.html).not.toMatch(/<img|src=["']https?:/i);

    expect(parsed.attachments).toHaveLength(1);
    const [pdf] = parsed.attachments;
    expect(pdf!.contentType).toBe('application/pdf');
    expect(pdf!.filename).toMatch(new RegExp(`^${fileStart}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    const read = readPdf(pdf!.content);
    expect(read.text).toContain('Bäckerei Korn');
    expect(read.text).toContain(pdfWord);
    console.info(`report mail (${locale}) delivered ${latency} ms after the request (PDF rendered at sending time)`);
  });

  it('an invalid address answers 400 naming /email; a list of addresses or a header in it is invalid too', async () => {
    const check = await submitted(t);
    for (const email of ['keine-adresse', 'a@b.de, c@d.de', 'a@b.de\r\nBcc: x@evil.example', '"A" <a@b.de>', 'a@b.de;c@d.de']) {
      const response = await mailReport(t, check, { email, locale: 'de' });
      expect(response.statusCode, email).toBe(400);
      expect(response.json()).toMatchObject({ code: 'request.invalid', errors: [{ in: 'body', pointer: '/email' }] });
    }
    const locale = await mailReport(t, check, { email: 'a@b.de', locale: 'fr' });
    expect(locale.json()).toMatchObject({ code: 'request.invalid', errors: [{ pointer: '/locale' }] });
    const extra = await mailReport(t, check, { email: 'a@b.de', locale: 'de', cc: 'x@y.de' });
    expect(extra.json()).toMatchObject({ code: 'request.invalid', errors: [{ code: 'field.unknown-key' }] });
  });

  it('a check not yet submitted has no report to send (404), and a wrong code opens nothing (403)', async () => {
    const draft = (await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital' } })).json() as Created;
    expect((await mailReport(t, draft, { email: 'a@b.de', locale: 'de' })).json()).toMatchObject({ status: 404, code: 'assessment.not-submitted' });
    const check = await submitted(t);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/mail-report`, headers: { 'x-resume-code': draft.resumeCode }, payload: { email: 'a@b.de', locale: 'de' } });
    expect(wrong.statusCode).toBe(403);
  });

  it('at most three per check an hour, then 429 with Retry-After; and at most three per address across checks', async () => {
    const check = await submitted(t);
    for (let i = 0; i < 3; i++) expect((await mailReport(t, check, { email: `limit-${i}@example.org`, locale: 'de' })).statusCode).toBe(202);
    const fourth = await mailReport(t, check, { email: 'limit-4@example.org', locale: 'de' });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['content-type']).toContain('application/problem+json');
    expect(fourth.json()).toMatchObject({ status: 429, code: 'mail.too-many' });
    const retryAfter = Number(fourth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    const victim = `opfer-${randomUUID()}@example.org`;
    for (let i = 0; i < 3; i++) expect((await mailReport(t, await submitted(t), { email: victim, locale: 'de' })).statusCode).toBe(202);
    // Another check, the same address (in other letter case): the address is full.
    const blocked = await mailReport(t, await submitted(t), { email: victim.toUpperCase(), locale: 'de' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a CR or LF in the company name cannot add a header: the subject stays one line and no Bcc appears', async () => {
    const check = await submitted(t, { companyName: 'Korn\r\nBcc: boese@evil.example\r\nX-Injected: ja' });
    const address = `injection-${randomUUID()}@example.org`;
    expect((await mailReport(t, check, { email: address, locale: 'de' })).statusCode).toBe(202);
    const mail = await until(() => sink.received.find((m) => m.envelopeTo.includes(address)));
    expect(mail.envelopeTo).toEqual([address]);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(mail.parsed.headers.has('x-injected')).toBe(false);
    expect(mail.parsed.subject).toBe('Ihr Ergebnis im Digitalisierungs-Check: Korn Bcc: boese@evil.example X-Injected: ja');
    const headerBlock = mail.raw.toString('utf8').split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock).not.toMatch(/^(Bcc|X-Injected):/im);
    // In the HTML the name is text, never markup.
    const html = await submitted(t, { companyName: '<script>alert(1)</script> & Söhne' });
    const htmlAddress = `escape-${randomUUID()}@example.org`;
    await mailReport(t, html, { email: htmlAddress, locale: 'de' });
    const escaped = await until(() => sink.received.find((m) => m.envelopeTo.includes(htmlAddress)));
    expect(escaped.parsed.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Söhne');
    expect(escaped.parsed.html).not.toContain('<script>');
  });
});

describe('the transport itself', () => {
  it('nodemailer output, parsed back: a subject or header value with CR/LF stays inside its header', async () => {
    const dir = `/tmp/procheck-eml-${randomUUID()}`;
    const transport = createMailTransport({ smtpUrl: undefined, fileDir: dir });
    const { info: file } = await transport.send({
      from: FROM,
      to: 'a@example.org',
      subject: 'Hallo\r\nBcc: b@evil.example\nX-Evil: 1',
      text: 'x',
      html: '<p>x</p>',
      headers: { 'List-Unsubscribe': '<https://x.example/u>\r\nBcc: c@evil.example' },
    });
    expect(file).toMatch(new RegExp(`^${dir}/.+\\.eml$`));
    const { readFileSync, rmSync } = await import('node:fs');
    const parsed = await simpleParser(readFileSync(file));
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('x-evil')).toBe(false);
    expect(parsed.subject).toBe('Hallo Bcc: b@evil.example X-Evil: 1');
    expect(parsed.to).toMatchObject({ value: [{ address: 'a@example.org' }] });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('temporary and permanent refusals', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: LoggedIn;
  afterEach(async () => {
    await t?.close();
    await sink?.close();
  });

  it('451 then 250 is delivered on retry; 550 is failed, shown to admins with the answer, and purged', async () => {
    // One server: greylists one address once, refuses another for good.
    let greylisted = false;
    sink = await startSmtpSink((_n, to) => {
      if (to.includes('unknown@example.org')) return { code: 550, message: 'Mailbox unavailable' };
      if (to.includes('greylist@example.org') && !greylisted) {
        greylisted = true;
        return { code: 451, message: 'Greylisted, try again later' };
      }
      return 'accept';
    });
    t = await createTestApp({ mail: { smtpUrl: sink.url, from: FROM, timing: { ...FAST, retryBaseMs: 1_500 } } });
    admin = await loggedInAs(t.app, 'admin');
    const started = Date.now();
    await mailReport(t, await submitted(t), { email: 'greylist@example.org', locale: 'de' });
    // Between the two attempts the admins see it waiting, with the answer and the next attempt.
    const deferred = await until(async () => (await queue(t, admin)).items.find((m) => m.status === 'queued' && m.attempts === 1));
    expect(deferred).toMatchObject({ kind: 'report', recipient: 'greylist@example.org', lastError: expect.stringContaining('451'), nextAttemptAt: expect.any(String) });
    const [mail] = await sink.waitFor(1);
    expect(mail!.envelopeTo).toEqual(['greylist@example.org']);
    console.info(`451 then 250: delivered on the second attempt ${Date.now() - started} ms after the request`);
    // Sent: the row, and the address in it, are gone.
    await until(async () => (await queue(t, admin)).items.length === 0);

    await mailReport(t, await submitted(t), { email: 'unknown@example.org', locale: 'en' });
    const failed = await until(async () => (await queue(t, admin)).items.find((m) => m.status === 'failed'));
    expect(failed).toMatchObject({ recipient: 'unknown@example.org', locale: 'en', attempts: 1, lastError: expect.stringContaining('550'), nextAttemptAt: null, failedAt: expect.any(String) });
    expect((await queue(t, admin)).counts).toMatchObject({ failed: 1 });
    expect(sink.received).toHaveLength(1);
    expect(sink.refused).toBe(2);

    const staff = await loggedInAs(t.app, 'staff');
    expect((await t.app.inject({ url: '/api/admin/mail-outbox', headers: { cookie: staff.cookie } })).statusCode).toBe(403);
    const purged = await t.app.inject({ method: 'DELETE', url: '/api/admin/mail-outbox?status=failed', headers: admin.headers });
    expect(purged.json()).toEqual({ deleted: 1 });
    expect((await queue(t, admin)).items).toEqual([]);
  });

  it('connection refused: deferred with backoff, not failed', async () => {
    const closed = await startSmtpSink();
    const url = closed.url;
    await closed.close();
    t = await createTestApp({ mail: { smtpUrl: url, from: FROM, timing: { ...FAST, retryBaseMs: 60_000 }, timeoutMs: 2_000 } });
    sink = await startSmtpSink();
    admin = await loggedInAs(t.app, 'admin');
    await mailReport(t, await submitted(t), { email: 'later@example.org', locale: 'de' });
    const deferred = await until(async () => (await queue(t, admin)).items.find((m) => m.attempts === 1 && m.status === 'queued'));
    expect(deferred.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    // The first retry waits the base delay (60 s here); the second would wait twice that.
    const wait = new Date(deferred.nextAttemptAt!).getTime() - Date.now();
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});

describe('erasure and the queue', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp({ mail: { autoStart: false } });
    admin = await loggedInAs(t.app, 'admin');
  });
  afterAll(async () => t?.close());

  it('erasing a check removes its queued mail; other checks’ mail stays', async () => {
    const erased = await submitted(t);
    const kept = await submitted(t);
    await mailReport(t, erased, { email: 'weg@example.org', locale: 'de' });
    await mailReport(t, kept, { email: 'bleibt@example.org', locale: 'de' });
    expect((await queue(t, admin)).items.map((m) => m.recipient).sort()).toEqual(['bleibt@example.org', 'weg@example.org']);
    // What is stored is in the check's data export (GDPR access) until it is gone.
    await t.app.inject({ method: 'PUT', url: `/api/assessments/${erased.id}/recheck-reminder`, headers: { 'x-resume-code': erased.resumeCode }, payload: { email: 'weg@example.org', locale: 'de' } });
    const stored = await t.app.inject({ url: `/api/assessments/${erased.id}/data-export`, headers: { cookie: admin.cookie } });
    expect(stored.json().mail).toMatchObject({ reminder: { email: 'weg@example.org' }, queued: [{ kind: 'report', recipient: 'weg@example.org', status: 'queued' }] });
    const erase = await t.app.inject({ method: 'DELETE', url: `/api/assessments/${erased.id}`, headers: { 'x-resume-code': erased.resumeCode } });
    expect(erase.statusCode).toBe(204);
    expect((await queue(t, admin)).items.map((m) => m.recipient)).toEqual(['bleibt@example.org']);
    // The limit's memory of the erased check went with it; the resume code of the kept mail is only in its row.
    expect(await t.app.sql.get('SELECT count(*) AS n FROM mail_report_requests WHERE assessment_row_id NOT IN (SELECT row_id FROM assessments)')).toEqual({ n: 0 });
  });

  it('a request withdrawn before its mails went out is not announced: the mails are dropped when their turn comes', async () => {
    const colleague = await loggedInAs(t.app, 'staff');
    await t.app.inject({ method: 'PUT', url: '/api/mail/preferences', headers: colleague.headers, payload: { newRequests: 'immediate', locale: 'de' } });
    await t.app.inject({ method: 'DELETE', url: '/api/admin/mail-outbox', headers: admin.headers });
    const check = await submitted(t);
    const headers = { 'x-resume-code': check.resumeCode };
    await t.app.inject({ method: 'PUT', url: `/api/assessments/${check.id}/contact`, headers, payload: CONTACT });
    const asked = await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/requests`, headers, payload: { offerKind: 'partner', offerId: 'hwk-bit-beratung', kind: 'interest' } });
    expect((await queue(t, admin)).items.map((m) => m.kind).sort()).toEqual(['request-confirmation', 'staff-request']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessments/${check.id}/requests/${asked.json().id}`, headers })).statusCode).toBe(204);
    const { readdirSync, existsSync } = await import('node:fs');
    const before = existsSync(`${t.dir}/mail-outbox`) ? readdirSync(`${t.dir}/mail-outbox`).length : 0;
    await t.app.mailSender.runOnce();
    expect((await queue(t, admin)).items).toEqual([]);
    expect(existsSync(`${t.dir}/mail-outbox`) ? readdirSync(`${t.dir}/mail-outbox`).length : 0).toBe(before);
  });

  it('without an SMTP URL, mail is written as .eml files beside the database', async () => {
    const check = await submitted(t, { companyName: 'Dateibetrieb' });
    await t.app.inject({ method: 'DELETE', url: '/api/admin/mail-outbox', headers: admin.headers });
    await mailReport(t, check, { email: 'datei@example.org', locale: 'de' });
    await t.app.mailSender.runOnce();
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = `${t.dir}/mail-outbox`;
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    const parsedAll = await Promise.all(files.map(async (f) => simpleParser(readFileSync(`${dir}/${f}`))));
    const mine = parsedAll.filter((p) => p.subject === 'Ihr Ergebnis im Digitalisierungs-Check: Dateibetrieb');
    expect(mine).toHaveLength(1);
    const parsed = mine[0]!;
    expect(parsed.subject).toBe('Ihr Ergebnis im Digitalisierungs-Check: Dateibetrieb');
    expect(parsed.attachments[0]!.contentType).toBe('application/pdf');
    expect((await queue(t, admin)).items).toEqual([]);
  });
});

describe('requests for help: confirmation to the business, news for staff', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let clock = new Date(FIXED_NOW);
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ now: () => clock, publicUrl: PUBLIC_URL, mail: { smtpUrl: sink.url, from: FROM, timing: FAST, policy: { digestHourUtc: 7 } } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('each staff member hears at once, daily or not at all, as chosen; the business gets its confirmation in its language', async () => {
    const atOnce = await loggedInAs(t.app, 'staff');
    const daily = await loggedInAs(t.app, 'admin');
    const never = await loggedInAs(t.app, 'staff');
    const choose = (who: LoggedIn, newRequests: string, locale: string) => t.app.inject({ method: 'PUT', url: '/api/mail/preferences', headers: who.headers, payload: { newRequests, locale } });
    expect((await choose(atOnce, 'immediate', 'en')).json()).toEqual({ newRequests: 'immediate', locale: 'en' });
    expect((await choose(never, 'off', 'de')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/mail/preferences', headers: { cookie: daily.cookie } })).json()).toEqual({ newRequests: 'daily', locale: 'de' });
    expect((await choose(daily, 'stündlich', 'de')).json()).toMatchObject({ code: 'request.invalid', errors: [{ pointer: '/newRequests' }] });

    const check = await submitted(t, { companyName: 'Tischlerei <Holz> & Co' });
    const headers = { 'x-resume-code': check.resumeCode };
    expect((await t.app.inject({ method: 'PUT', url: `/api/assessments/${check.id}/contact`, headers, payload: CONTACT })).statusCode).toBe(200);
    const asked = await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/requests`, headers, payload: { offerKind: 'partner', offerId: 'hwk-bit-beratung', kind: 'contact', locale: 'en' } });
    expect(asked.statusCode).toBe(201);
    // Sent again: the same request, no second mail.
    await t.app.inject({ method: 'POST', url: `/api/assessments/${check.id}/requests`, headers, payload: { requestId: asked.json().id, offerKind: 'partner', offerId: 'hwk-bit-beratung', kind: 'contact', locale: 'en' } });

    await sink.waitFor(2);
    await new Promise((r) => setTimeout(r, 300));
    const to = (address: string) => sink.received.filter((m) => m.envelopeTo.includes(address));
    const [confirmation] = to(CONTACT.email);
    expect(to(CONTACT.email)).toHaveLength(1);
    expect(confirmation!.parsed.subject).toBe('Your request has arrived');
    expect(confirmation!.parsed.text).toContain('Hello Anna Korn');
    expect(confirmation!.parsed.text).toContain('You asked to be contacted about this offer');
    const [news] = to(atOnce.email);
    expect(to(atOnce.email)).toHaveLength(1);
    expect(news!.parsed.subject).toMatch(/^New request: /);
    expect(news!.parsed.text).toContain('Anna Korn');
    expect(news!.parsed.text).toContain(CONTACT.email);
    expect(news!.parsed.text).toContain(`${PUBLIC_URL}/kammer/anfragen`);
    expect(to(daily.email)).toHaveLength(0);
    expect(to(never.email)).toHaveLength(0);

    // The next morning after the digest hour: one digest for the daily reader, listing the request.
    clock = new Date('2026-11-24T07:30:00Z');
    await t.app.mailSender.runOnce();
    const [digest] = await until(() => (to(daily.email).length ? to(daily.email) : null));
    expect(digest!.parsed.subject).toBe('Neue Anfragen im Digitalisierungs-Check (1) – 24. November 2026');
    expect(digest!.parsed.text).toContain('Bitte um Kontakt');
    expect(digest!.parsed.text).toContain('Anna Korn');
    // Once a day: another run the same day sends nothing more; nobody else got one.
    await t.app.mailSender.runOnce();
    await new Promise((r) => setTimeout(r, 300));
    expect(to(daily.email)).toHaveLength(1);
    expect(to(never.email)).toHaveLength(0);
    expect(to(atOnce.email)).toHaveLength(1);
  });
});

describe('the re-check reminder', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let clock = new Date(FIXED_NOW);
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ now: () => clock, publicUrl: PUBLIC_URL, mail: { smtpUrl: sink.url, from: FROM, timing: FAST } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('opted in, reminded six months later with a link that starts a linked re-assessment and one-click unsubscribe', async () => {
    clock = new Date(FIXED_NOW);
    const check = await submitted(t, { companyName: 'Elektro Funke' });
    const headers = { 'x-resume-code': check.resumeCode };
    const none = await t.app.inject({ url: `/api/assessments/${check.id}/recheck-reminder`, headers });
    expect(none.json()).toEqual({ reminder: null, months: 6 });
    const bad = await t.app.inject({ method: 'PUT', url: `/api/assessments/${check.id}/recheck-reminder`, headers, payload: { email: 'kein@', locale: 'en' } });
    expect(bad.json()).toMatchObject({ status: 400, errors: [{ pointer: '/email' }] });
    const optIn = await t.app.inject({ method: 'PUT', url: `/api/assessments/${check.id}/recheck-reminder`, headers, payload: { email: 'funke@example.org', locale: 'en' } });
    expect(optIn.json()).toEqual({ reminder: { email: 'funke@example.org', locale: 'en', dueAt: '2027-05-23T10:00:00.000Z' }, months: 6 });

    // Five months on: nothing yet.
    clock = new Date('2027-04-23T10:00:00Z');
    await t.app.mailSender.runOnce();
    expect(sink.received.filter((m) => m.envelopeTo.includes('funke@example.org'))).toHaveLength(0);
    clock = new Date('2027-05-23T10:00:01Z');
    await t.app.mailSender.runOnce();
    const [reminder] = await until(() => {
      const found = sink.received.filter((m) => m.envelopeTo.includes('funke@example.org'));
      return found.length ? found : null;
    });
    const { parsed } = reminder!;
    expect(parsed.subject).toBe('Time for a new digital-maturity check: Elektro Funke');
    // The headers as sent (mailparser would turn List-Unsubscribe into an object).
    const line = (key: string) => parsed.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
    const unsubscribe = /^List-Unsubscribe: <(https:\/\/check\.hwk-beispiel\.de\/api\/mail\/unsubscribe\?token=[^>]+)>$/.exec(line('list-unsubscribe') ?? '');
    expect(unsubscribe, line('list-unsubscribe')).not.toBeNull();
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(parsed.text).toContain(unsubscribe![1]);

    // The link starts a re-assessment compared with this check.
    const link = new RegExp(`${PUBLIC_URL}/wiederholen/${check.id}#([A-Za-z0-9_-]+)`).exec(parsed.text!);
    expect(link).not.toBeNull();
    const again = await t.app.inject({ method: 'POST', url: '/api/assessments', payload: { questionnaireId: 'handwerk-digital', previous: { id: check.id, retakeToken: link![1] } } });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ isReassessment: true });

    // One reminder: queued once, then the reminder (and its address) is gone.
    expect((await t.app.inject({ url: `/api/assessments/${check.id}/recheck-reminder`, headers })).json()).toEqual({ reminder: null, months: 6 });

    // RFC 8058's POST, as a mail program sends it: no session, a form body; idempotent.
    const path = unsubscribe![1]!.slice(PUBLIC_URL.length);
    for (let i = 0; i < 2; i++) {
      const response = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ unsubscribed: true });
    }
    // A person clicking the link gets a page with a button, and the GET itself changes nothing.
    const page = await t.app.inject({ url: path });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post"');
  });

  it('unsubscribing before the reminder is due stops it; a forged token changes nothing', async () => {
    clock = new Date(FIXED_NOW);
    const check = await submitted(t);
    const other = await submitted(t);
    const headers = { 'x-resume-code': check.resumeCode };
    for (const c of [check, other]) {
      await t.app.inject({ method: 'PUT', url: `/api/assessments/${c.id}/recheck-reminder`, headers: { 'x-resume-code': c.resumeCode }, payload: { email: `stop-${c.id}@example.org`, locale: 'de' } });
    }
    const forged = await t.app.inject({ method: 'POST', url: `/api/mail/unsubscribe?token=${other.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
    expect(forged.statusCode).toBe(200);
    const record = await t.app.assessments.authorize(check.id, check.resumeCode);
    const token = t.app.mail.unsubscribeTokenOf(record);
    expect((await t.app.inject({ method: 'POST', url: `/api/mail/unsubscribe?token=${encodeURIComponent(token)}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/assessments/${check.id}/recheck-reminder`, headers })).json().reminder).toBeNull();
    expect((await t.app.inject({ url: `/api/assessments/${other.id}/recheck-reminder`, headers: { 'x-resume-code': other.resumeCode } })).json().reminder).not.toBeNull();
    // And DELETE with the resume code is the business's own way out.
    const cancel = await t.app.inject({ method: 'DELETE', url: `/api/assessments/${other.id}/recheck-reminder`, headers: { 'x-resume-code': other.resumeCode } });
    expect(cancel.statusCode).toBe(204);
  });
});

describe('configuration', () => {
  it('reads the mail settings and names the variable that is wrong', () => {
    const config = readMailConfig({ PROCHECK_SMTP_URL: 'smtp://u:p@mail.example.org:587', PROCHECK_MAIL_FROM: 'HWK <check@hwk.example>', PROCHECK_RECHECK_REMINDER_MONTHS: '12' }, '/data/procheck.db');
    expect(config).toMatchObject({ smtpUrl: 'smtp://u:p@mail.example.org:587', from: 'HWK <check@hwk.example>', recheckReminderMonths: 12, fileDir: '/data/mail-outbox', retryBaseMs: 60_000 });
    expect(readMailConfig({}, '/data/procheck.db')).toMatchObject({ smtpUrl: undefined, recheckReminderMonths: 6, reportsPerHour: 3 });
    expect(() => readMailConfig({ PROCHECK_SMTP_URL: 'http://geheim:pass@x' }, '/d/p.db')).toThrow(/^PROCHECK_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => readMailConfig({ PROCHECK_SMTP_URL: 'http://geheim:pass@x' }, '/d/p.db')).not.toThrow(/geheim/);
    expect(() => readMailConfig({ PROCHECK_SMTP_URL: 'smtp://x:25' }, '/d/p.db')).toThrow(/^PROCHECK_MAIL_FROM must be set/);
    expect(() => readMailConfig({ PROCHECK_MAIL_FROM: 'a@b.de\r\nBcc: x@y.de' }, '/d/p.db')).toThrow(/^PROCHECK_MAIL_FROM must be/);
    expect(() => readMailConfig({ PROCHECK_RECHECK_REMINDER_MONTHS: 'bald' }, '/d/p.db')).toThrow(/^PROCHECK_RECHECK_REMINDER_MONTHS /);
  });
});

describe('npx procheck mail test ADDRESS', () => {
  const cli = async (args: string[], env: NodeJS.ProcessEnv) => {
    const { runCli } = await import('../../server/cli.ts');
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, now: () => FIXED_NOW, readStdin: async () => null });
    return { code, stdout, stderr };
  };

  it('sends through the configured SMTP server and prints its answer; a refusal exits 1 with the answer', async () => {
    const sink = await startSmtpSink((n) => (n === 0 ? 'accept' : { code: 550, message: 'No such user here' }));
    try {
      const env = { PROCHECK_SMTP_URL: sink.url, PROCHECK_MAIL_FROM: FROM, PROCHECK_DB: '/tmp/procheck-cli-mail/procheck.db' };
      const ok = await cli(['mail', 'test', 'test@example.org'], env);
      expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^sent to test@example\.org from Handwerkskammer Test <check@hwk\.example> via smtp:\/\/127\.0\.0\.1:\d+: 250/) });
      expect(sink.received[0]!.parsed.subject).toBe('procheck: Testnachricht / test message');
      const refused = await cli(['mail', 'test', 'nobody@example.org'], env);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('550 No such user here') });
      expect(await cli(['mail', 'test', 'a@b.de, c@d.de'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a single plain e-mail address') });
      expect(await cli(['mail', 'test', 'x@example.org'], { ...env, PROCHECK_MAIL_FROM: '' })).toMatchObject({ code: 1, stderr: expect.stringMatching(/^PROCHECK_MAIL_FROM must be set/) });
    } finally {
      await sink.close();
    }
  });

  it('without an SMTP URL writes an .eml file and says where', async () => {
    const dir = `/tmp/procheck-cli-${randomUUID()}`;
    const result = await cli(['mail', 'test', 'test@example.org'], { PROCHECK_DB: `${dir}/procheck.db` });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`no PROCHECK_SMTP_URL: wrote the test mail to test@example.org as ${dir}/mail-outbox/`) });
    const { rmSync } = await import('node:fs');
    rmSync(dir, { recursive: true, force: true });
  });
});
