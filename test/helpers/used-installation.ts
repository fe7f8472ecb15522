/**
 * An installation as a chamber has it after some weeks — submitted checks in
 * four trade groups, some with consent to be contacted, an admin, and one check
 * erased again — and what its users see of it, for tests that move or copy the
 * data and must find everything as it was.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type LoggedIn, loggedInAs } from './accounts.ts';
import { type Created, submitAnswerSet } from './api-client.ts';
import { mixedAnswerSet, randomSequence } from './seed-checks.ts';
import { handwerkDigital } from './shipped.ts';

const TRADES = ['lebensmittel', 'elektro-metall', 'holz-kunststoff', 'bau-ausbau'];

/** Submits `count` checks, logs an admin in and erases the last check: `checks` are the ones kept. */
export async function useInstallation(app: FastifyInstance, count: number, seed: number): Promise<{ checks: Created[]; admin: LoggedIn }> {
  const { prepared } = handwerkDigital();
  const random = randomSequence(seed);
  const checks: Created[] = [];
  for (let i = 0; i < count; i++) {
    const profile = { trade: TRADES[i % TRADES.length]!, employees: '5-9', postcode: '45657', companyName: `Betrieb ${i}`, email: `betrieb${i}@example.org`, contactConsent: i % 3 === 0 };
    checks.push((await submitAnswerSet(app, mixedAnswerSet(prepared, profile, random))).created);
  }
  const admin = await loggedInAs(app, 'admin');
  // An erased check leaves its trade group's peer sums lower than the triggers would rebuild from scratch.
  const erased = checks.pop()!;
  expect((await app.inject({ method: 'DELETE', url: `/api/assessments/${erased.id}`, headers: admin.headers })).statusCode).toBe(204);
  return { checks, admin };
}

/** What a business and the chamber see: one check's result, the dashboard by trade. */
export async function whatUsersSee(app: FastifyInstance, check: Pick<Created, 'id' | 'resumeCode'>, cookie: string) {
  const result = await app.inject({ url: `/api/assessments/${check.id}/result`, headers: { 'x-resume-code': check.resumeCode } });
  const dashboard = await app.inject({ url: '/api/stats?questionnaireId=handwerk-digital&groupBy=trade', headers: { cookie } });
  expect([result.statusCode, dashboard.statusCode]).toEqual([200, 200]);
  return { result: result.json(), dashboard: dashboard.json() };
}
