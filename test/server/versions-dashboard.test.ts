/**
 * Results stay pinned to the version they were scored with, and because
 * handwerk-digital 1.1.0 keeps 1.0.0's dimensions, the dashboard compares
 * both versions area by area — together, or one version against the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, loggedInAs } from '../helpers/accounts.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { submitAnswerSet } from '../helpers/api-client.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { type TestApp, createTestApp } from '../helpers/test-app.ts';

const first = handwerkDigital('1.0.0').prepared;
const second = handwerkDigital('1.1.0').prepared;
let t: TestApp;
let staff: LoggedIn;

beforeAll(async () => {
  t = await createTestApp();
  staff = await loggedInAs(t.app, 'staff');
  for (const [prepared, version] of [[first, '1.0.0'], [second, '1.1.0']] as const) {
    for (let i = 0; i < 5; i++) {
      const set = completeAnswerSet(prepared, i % 2 ? 'middling' : 'strong', { trade: 'lebensmittel', employees: '5-9', postcode: '46236' });
      const { result } = await submitAnswerSet(t.app, set, { questionnaireId: 'handwerk-digital', version });
      expect(result.result.questionnaire.version).toBe(version);
    }
  }
});
afterAll(async () => t.close());

const stats = async (query: string) => (await t.app.inject({ url: `/api/stats?${query}`, headers: { cookie: staff.cookie } })).json();

describe('the dashboard over two released versions', () => {
  it('counts results of both versions together, with every area', async () => {
    const all = await stats('questionnaireId=handwerk-digital');
    expect(all.total).toMatchObject({ n: 10, suppressed: false });
    expect(Object.keys(all.total.dimensions)).toEqual(first.definition.dimensions.map((d) => d.id));
  });

  it('compares the versions with each other, area by area', async () => {
    const byVersion = await stats('questionnaireId=handwerk-digital&groupBy=version');
    expect(byVersion.groups.map((g: { key: string; n: number }) => [g.key, g.n])).toEqual([
      ['1.0.0', 5],
      ['1.1.0', 5],
    ]);
    for (const group of byVersion.groups) expect(Object.keys(group.dimensions)).toEqual(second.definition.dimensions.map((d) => d.id));
  });

  it('filters to one version', async () => {
    expect((await stats('questionnaireId=handwerk-digital&version=1.0.0')).total).toMatchObject({ n: 5 });
  });
});
