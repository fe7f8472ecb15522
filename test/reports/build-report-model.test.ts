import { beforeAll, describe, expect, it } from 'vitest';
import {
  assess,
  type AnswerSet,
  type Questionnaire,
  type ScoredResult,
} from '../../questionnaires/engine/index.ts';
import { buildReportModel, type ReportInput, type ReportModel } from '../../reports/build-report-model.ts';
import { assessSample, SAMPLE_DATE, SAMPLE_OPERATOR, SAMPLE_RETAKE_URL, sampleReportInput, sampleAnswerSet, type Sample, type SampleKind } from '../helpers/sample-results.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

const shipped = handwerkDigital();
const questionnaire = shipped.prepared.definition;
const OPERATOR = SAMPLE_OPERATOR;
const RETAKE = SAMPLE_RETAKE_URL;

const inputFor = (sample: Sample, overrides: Partial<ReportInput> = {}) => sampleReportInput(sample, questionnaire, overrides);

const de = (text: { de: string; en?: string }) => text.de;
const en = (text: { de: string; en?: string }) => text.en ?? text.de;
const levelTitle = (id: string, pick = de) => pick(questionnaire.levels.find((l) => l.id === id)!.title);
const dimensionTitle = (id: string, pick = de) => pick(questionnaire.dimensions.find((d) => d.id === id)!.title);

function questionById(id: string) {
  for (const section of questionnaire.sections) {
    if (section.kind !== 'dimension') continue;
    const question = section.questions.find((q) => q.id === id);
    if (question) return question;
  }
  throw new Error(`no question ${id}`);
}

const samples = {} as Record<SampleKind, Sample>;
const models = {} as Record<SampleKind, ReportModel>;

beforeAll(() => {
  for (const kind of ['weak', 'middling', 'strong'] as const) {
    samples[kind] = assessSample(shipped, kind);
    models[kind] = buildReportModel(inputFor(samples[kind]));
  }
});

describe('buildReportModel on the shipped questionnaire and catalogue', () => {
  it.each([
    ['weak', 'einsteiger'],
    ['middling', 'anwender'],
    ['strong', 'vorreiter'],
  ] as const)('a %s business lands on the level "%s", titled and described in German', (kind, level) => {
    const { summary } = models[kind];
    expect(samples[kind].result.overall.level).toBe(level);
    expect(summary.level).toMatchObject({ id: level, title: levelTitle(level) });
    expect(summary.levelDescription).toBe(de(questionnaire.levels.find((l) => l.id === level)!.description));
    expect(summary.score).toBe(samples[kind].result.overall.score);
    expect(summary.scoreText).toBe(samples[kind].result.overall.score.toLocaleString('de-DE', { maximumFractionDigits: 1 }));
    expect(summary.intro).toContain(`„${levelTitle(level)}“`);
  });

  it('scores rise from the weak to the strong business', () => {
    expect(models.weak.summary.score).toBeLessThan(models.middling.summary.score);
    expect(models.middling.summary.score).toBeLessThan(models.strong.summary.score);
  });

  it('puts the company, the trade and employee labels, the region, the date and the questionnaire on the cover', () => {
    const { cover } = models.middling;
    const profile = samples.middling.set.profile;
    expect(cover.company).toBe('Elektro Schäfer GmbH & Co. KG');
    expect(cover.facts).toEqual([
      { label: 'Gewerk', value: de(questionnaire.profile.trades.find((t) => t.id === profile.trade)!.label) },
      { label: 'Beschäftigte', value: de(questionnaire.profile.employeeBands.find((b) => b.id === profile.employees)!.label) },
      { label: 'Postleitzahl', value: '46236' },
      { label: 'Region', value: 'Bottrop' },
      { label: 'Datum des Checks', value: '23. November 2026' },
      { label: 'Fragebogen', value: `${de(questionnaire.title)}, Version 1.0.0` },
    ]);
    expect(cover.operator).toBe(OPERATOR);
  });

  it('fills the document metadata', () => {
    expect(models.middling.meta).toEqual({
      title: 'Digitalisierungs-Check: Ergebnisbericht für Elektro Schäfer GmbH & Co. KG',
      author: OPERATOR,
      subject: `Ergebnis des Digitalisierungs-Checks „${de(questionnaire.title)}“ (Version 1.0.0) vom 23. November 2026`,
      keywords: expect.any(String),
      creationDate: '2026-11-23',
    });
    expect(models.middling.lang).toBe('de-DE');
    expect(models.middling.footer).toEqual({ operator: OPERATOR, pageTemplate: 'Seite {page} von {pages}' });
  });

  it('lists every dimension in questionnaire order with score, level, thresholds and the level texts', () => {
    const { result } = samples.middling;
    const model = models.middling;
    expect(model.dimensions.map((d) => d.id)).toEqual(questionnaire.dimensions.map((d) => d.id));
    expect(model.levels.map((l) => [l.id, l.minScore])).toEqual(questionnaire.levels.map((l) => [l.id, l.minScore]));
    for (const [index, dimension] of model.dimensions.entries()) {
      const score = result.dimensions.find((d) => d.id === dimension.id)!;
      const definition = questionnaire.dimensions.find((d) => d.id === dimension.id)!;
      expect(dimension).toMatchObject({
        kicker: `Handlungsfeld ${index + 1} von ${questionnaire.dimensions.length}`,
        title: de(definition.title),
        score: score.score,
        level: { id: score.level, title: levelTitle(score.level) },
        thresholds: questionnaire.levels.map((l) => l.minScore).filter((s) => s > 0),
        status: de(definition.levelTexts[score.level]!.status),
        nextStep: de(definition.levelTexts[score.level]!.nextStep),
        answeredLine: `${score.answered} von ${score.visible} Fragen beantwortet`,
      });
    }
  });

  it('names how many points are missing to the next level, or that the top is reached', () => {
    const kunden = models.middling.dimensions.find((d) => d.id === 'kunden')!;
    const next = questionnaire.levels[kunden.level.index + 1]!;
    expect(kunden.nextLevel).toEqual({ title: de(next.title), pointsToGo: Math.round((next.minScore - kunden.score) * 10) / 10 });
    const top = models.strong.dimensions.find((d) => d.level.id === 'vorreiter')!;
    expect(top.nextLevel).toBeNull();
    expect(top.nextLevelLine).toBe('Sie haben die höchste Stufe erreicht');
  });

  it('picks the answers that earned and cost the most points, each once, with the option the business chose', () => {
    for (const kind of ['weak', 'middling', 'strong'] as const) {
      const { result, set } = samples[kind];
      for (const dimension of models[kind].dimensions) {
        const contributions = result.contributions.filter((c) => c.dimension === dimension.id && c.status === 'answered');
        const helped = dimension.helped.map((i) => i.questionId);
        const cost = dimension.cost.map((i) => i.questionId);
        expect(helped.length).toBeLessThanOrEqual(3);
        expect(cost.length).toBeLessThanOrEqual(3);
        expect(helped.filter((id) => cost.includes(id))).toEqual([]);
        expect(dimension.helped.map((i) => i.points)).toEqual([...dimension.helped.map((i) => i.points)].sort((a, b) => b - a));
        expect(dimension.cost.map((i) => i.maxPoints - i.points)).toEqual(
          [...dimension.cost.map((i) => i.maxPoints - i.points)].sort((a, b) => b - a),
        );
        const best = Math.max(0, ...contributions.map((c) => c.points));
        if (best > 0) expect(dimension.helped.length + dimension.cost.length).toBeGreaterThan(0);
        const worstLoss = Math.max(0, ...contributions.map((c) => c.maxPoints - c.points));
        if (worstLoss > 0) expect(dimension.cost.length + dimension.helped.length).toBeGreaterThan(0);
        for (const item of [...dimension.helped, ...dimension.cost]) {
          const question = questionById(item.questionId);
          expect(item.question).toBe(de(question.text));
          const value = set.answers[item.questionId];
          if (question.type === 'single') expect(item.answer).toBe(de(question.options.find((o) => o.id === value)!.label));
          if (question.type === 'multi' && Array.isArray(value) && value.length) {
            expect(item.answer).toBe(value.map((id) => de(question.options.find((o) => o.id === id)!.label)).join(', '));
          }
          expect(item.pointsText).toMatch(/^[\d,]+ von [\d,]+ Punkten$/);
        }
      }
    }
  });

  it('ranks the most costly answer first: an unanswered best option of the weak business', () => {
    const strategie = models.weak.dimensions.find((d) => d.id === 'strategie')!;
    const contributions = samples.weak.result.contributions.filter((c) => c.dimension === 'strategie' && c.status === 'answered');
    const maxLoss = Math.max(...contributions.map((c) => c.maxPoints - c.points));
    expect(strategie.cost[0]!.maxPoints - strategie.cost[0]!.points).toBe(maxLoss);
  });

  it('infers the chosen option from the points when the answers are not passed', () => {
    const withoutAnswers = buildReportModel(inputFor(samples.middling, { answers: undefined }));
    for (const [index, dimension] of withoutAnswers.dimensions.entries()) {
      for (const [i, item] of dimension.helped.entries()) {
        const question = questionById(item.questionId);
        if (question.type === 'single' && new Set(question.options.map((o) => o.score)).size === question.options.length) {
          expect(item.answer).toBe(models.middling.dimensions[index]!.helped[i]!.answer);
        }
        if (question.type === 'multi') expect(item.answer).toBeNull();
      }
    }
  });

  it('names the strengths and fields of action the engine chose, never one area as both', () => {
    for (const kind of ['weak', 'middling', 'strong'] as const) {
      const { highlights } = samples[kind].result;
      const model = models[kind];
      expect(model.strengths.map((s) => s.dimensionId)).toEqual(highlights!.strengths);
      expect(model.actionFields.map((s) => s.dimensionId)).toEqual(highlights!.actionFields);
      expect(model.strengths.map((s) => s.dimensionId).filter((id) => model.actionFields.some((a) => a.dimensionId === id))).toEqual([]);
      expect(model.summary.strengths).toEqual(model.strengths.map((s) => s.title));
      expect(model.summary.actionFields).toEqual(model.actionFields.map((s) => s.title));
    }
  });

  it('carries every recommendation that fired, in order, to its dimension and to the fields of action', () => {
    const { result } = samples.weak;
    const model = models.weak;
    expect(result.recommendations.length).toBeGreaterThan(0);
    expect(model.recommendations.map((r) => r.id)).toEqual(result.recommendations.map((r) => r.id));
    for (const r of model.recommendations) {
      const fired = result.recommendations.find((f) => f.id === r.id)!;
      expect(r).toMatchObject({ title: de(fired.title), text: de(fired.text), dimensionTitle: dimensionTitle(fired.dimension) });
    }
    for (const dimension of model.dimensions) {
      expect(dimension.recommendations.map((r) => r.id)).toEqual(result.recommendations.filter((r) => r.dimension === dimension.id).map((r) => r.id));
    }
    for (const field of model.actionFields) {
      expect(field.recommendations.map((r) => r.id)).toEqual(result.recommendations.filter((r) => r.dimension === field.dimensionId).map((r) => r.id));
    }
    expect(models.strong.recommendations.length).toBeLessThan(model.recommendations.length);
  });

  it('formats each workshop referral with its date, time, place or "Online", provider and registration link', () => {
    const { result } = samples.weak;
    const model = models.weak;
    expect(model.workshops.length).toBe(result.referrals.workshops.length);
    expect(model.workshops.length).toBeGreaterThan(0);
    for (const [i, w] of model.workshops.entries()) {
      const { workshop } = result.referrals.workshops[i]!;
      const [date, start] = workshop.start.split('T') as [string, string];
      const day = new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
      expect(w).toMatchObject({
        id: workshop.id,
        title: de(workshop.title),
        provider: de(workshop.provider),
        place: workshop.online ? 'Online' : de(workshop.place!),
        registration: { url: workshop.registrationUrl, text: workshop.registrationUrl, label: 'Zur Anmeldung' },
        badge: { day: String(Number(date.slice(8))), year: date.slice(0, 4) },
      });
      expect(w.when).toMatch(/^(Mo|Di|Mi|Do|Fr|Sa|So)\., /);
      expect(w.when).toContain(`, ${day}, ${start}`);
      if (workshop.end?.startsWith(date)) expect(w.when.endsWith(`, ${start}–${workshop.end.slice(11)} Uhr`)).toBe(true);
    }
  });

  it('formats each partner referral with its kind, offer and clickable contacts', () => {
    const { result } = samples.weak;
    const kinds: Record<string, string> = {
      university: 'Hochschule',
      'mittelstand-digital': 'Mittelstand-Digital Zentrum',
      'chamber-adviser': 'Beratung der Handwerkskammer',
      'business-development': 'Wirtschaftsförderung',
      'funding-programme': 'Förderprogramm',
      association: 'Verband',
    };
    expect(models.weak.partners.length).toBeGreaterThan(0);
    // Partners in the region first, then those serving everywhere, each group in the engine's order.
    const order = [...result.referrals.partners.filter((r) => !r.nationwide), ...result.referrals.partners.filter((r) => r.nationwide)];
    expect(models.weak.partners.map((p) => p.id)).toEqual(order.map((r) => r.partner.id));
    for (const [i, p] of models.weak.partners.entries()) {
      const { partner, nationwide } = order[i]!;
      expect(p.nationwide).toBe(nationwide);
      expect(p).toMatchObject({ id: partner.id, name: de(partner.name), kind: kinds[partner.kind], offer: de(partner.offer) });
      const expected = [
        ...(partner.contact.email ? [`mailto:${partner.contact.email}`] : []),
        ...(partner.contact.url ? [partner.contact.url] : []),
      ];
      expect(p.links.map((l) => l.url)).toEqual(expected);
      expect(p.person?.value ?? null).toBe(partner.contact.person ? de(partner.contact.person) : null);
      expect(p.phone?.value ?? null).toBe(partner.contact.phone ?? null);
    }
  });

  it('builds a checklist of next steps and the retake link', () => {
    const { nextSteps } = models.middling;
    expect(nextSteps.items[0]).toContain('Besprechen Sie dieses Ergebnis');
    expect(nextSteps.items.some((item) => item.includes(`„${models.middling.actionFields[0]!.title}“`))).toBe(true);
    expect(nextSteps.items.some((item) => item.includes(models.middling.workshops[0]!.title))).toBe(true);
    expect(nextSteps.items.some((item) => item.includes(models.middling.partners[0]!.name))).toBe(true);
    expect(nextSteps.items.at(-1)).toContain('Wiederholen Sie den Check');
    expect(nextSteps.retake).toMatchObject({ url: RETAKE });
  });

  it('leaves the retake box out without a usable http(s) link', () => {
    expect(buildReportModel(inputFor(samples.middling, { retakeUrl: undefined })).nextSteps.retake).toBeNull();
    expect(buildReportModel(inputFor(samples.middling, { retakeUrl: 'javascript:alert(1)' })).nextSteps.retake).toBeNull();
  });

  it('draws the business alone on the radar when there is neither benchmark nor earlier check', () => {
    const { radar } = models.middling.summary;
    expect(radar.axes.map((a) => a.id)).toEqual(questionnaire.dimensions.map((d) => d.id));
    expect(radar.axes.map((a) => a.label)).toEqual(questionnaire.dimensions.map((d) => de(d.shortTitle ?? d.title)));
    expect(radar.rings.map((r) => r.value)).toEqual(questionnaire.levels.map((l) => l.minScore).filter((s) => s > 0));
    expect(radar.series).toEqual([{ kind: 'business', label: 'Ihr Betrieb', values: samples.middling.result.dimensions.map((d) => d.score) }]);
    expect(models.middling.progress).toBeNull();
  });

  it('is deterministic and plain data that survives structured cloning', () => {
    const again = buildReportModel(inputFor(samples.middling));
    expect(again).toEqual(models.middling);
    expect(structuredClone(models.middling)).toEqual(models.middling);
  });
});

describe('buildReportModel with a peer benchmark', () => {
  it('adds the peer polygon with the group size, the peer values per dimension and the peer average', () => {
    const sample = assessSample(shipped, 'middling', { benchmark: true });
    const benchmark = sample.result.benchmark!;
    const model = buildReportModel(inputFor(sample));
    const trade = de(questionnaire.profile.trades.find((t) => t.id === benchmark.trade)!.label);
    const peers = model.summary.radar.series.find((s) => s.kind === 'peers')!;
    expect(peers.label).toBe(`Vergleichsgruppe ${trade}: Durchschnitt von ${benchmark.groupSize} Betrieben`);
    expect(peers.values).toEqual(questionnaire.dimensions.map((d) => benchmark.dimensions[d.id] ?? null));
    expect(model.summary.comparisons).toContain(`Durchschnitt der Vergleichsgruppe: ${benchmark.overall.toLocaleString('de-DE')} Punkte`);
    const first = model.dimensions[0]!;
    expect(first.peers).toBe(benchmark.dimensions[first.id]);
    expect(first.comparisons).toContainEqual({ kind: 'peers', text: `Vergleichsgruppe: ${benchmark.dimensions[first.id]!.toLocaleString('de-DE')}` });
  });

  it('says "Betrieb" for a group of one', () => {
    const sample = assessSample(shipped, 'middling', { benchmark: true });
    const result: ScoredResult = { ...sample.result, benchmark: { ...sample.result.benchmark!, groupSize: 1 } };
    const model = buildReportModel(inputFor({ ...sample, result }));
    expect(model.summary.radar.series.find((s) => s.kind === 'peers')!.label).toMatch(/Durchschnitt von 1 Betrieb$/);
  });
});

describe('buildReportModel with an earlier check', () => {
  it('compares every dimension before and after, with signed changes, and draws the earlier polygon', () => {
    const sample = assessSample(shipped, 'middling', { previous: 'weak' });
    const previous = sample.result.previous!;
    const model = buildReportModel(inputFor(sample));
    const progress = model.progress!;
    expect(progress.versionNote).toBeNull();
    expect(progress.rows.map((r) => [r.id, r.before, r.after, r.delta])).toEqual(previous.dimensions.map((d) => [d.id, d.before, d.after, d.delta]));
    expect(progress.rows.map((r) => r.title)).toEqual(previous.dimensions.map((d) => dimensionTitle(d.id)));
    for (const row of progress.rows) expect(row.deltaText).toMatch(row.delta > 0 ? /^\+/ : row.delta < 0 ? /^\u2212/ : /^±0$/);
    expect(progress.overall).toMatchObject({ before: previous.overall.before, after: previous.overall.after });
    const earlier = model.summary.radar.series.find((s) => s.kind === 'previous')!;
    expect(earlier.label).toBe('Ihr früherer Check');
    expect(earlier.values).toEqual(questionnaire.dimensions.map((d) => previous.dimensions.find((c) => c.id === d.id)?.before ?? null));
  });

  it('warns when the earlier check used another questionnaire version', () => {
    const sample = assessSample(shipped, 'middling');
    const earlier = assess(shipped.prepared, sampleAnswerSet(shipped.prepared, 'weak'), { catalogue: shipped.catalogue, today: SAMPLE_DATE });
    const olderVersion: ScoredResult = { ...earlier, questionnaire: { ...earlier.questionnaire, version: '0.9.0' } };
    const result = assess(shipped.prepared, sample.set, { catalogue: shipped.catalogue, today: SAMPLE_DATE, previous: olderVersion });
    const model = buildReportModel(inputFor({ ...sample, result }));
    expect(model.progress!.versionNote).toContain('Fragebogen-Version 0.9.0');
    expect(model.progress!.versionNote).toContain('Version 1.0.0');
    expect(model.summary.radar.series.find((s) => s.kind === 'previous')!.label).toContain('0.9.0');
  });
});

describe('buildReportModel in English', () => {
  it('resolves every text to English, with German where a text has no English version', () => {
    const sample = samples.middling;
    const partial: Questionnaire = structuredClone(questionnaire);
    delete partial.dimensions[0]!.title.en;
    const model = buildReportModel(inputFor(sample, { locale: 'en', questionnaire: partial }));
    expect(model.lang).toBe('en-GB');
    expect(model.summary.heading).toBe('Your result at a glance');
    expect(model.summary.level.title).toBe(levelTitle(sample.result.overall.level, en));
    expect(model.cover.facts.find((f) => f.label === 'Date of the check')!.value).toBe('23 November 2026');
    expect(model.dimensions[0]!.title).toBe(de(questionnaire.dimensions[0]!.title));
    expect(model.dimensions[1]!.title).toBe(dimensionTitle(questionnaire.dimensions[1]!.id, en));
    expect(model.dimensions[1]!.status).toBe(en(questionnaire.dimensions[1]!.levelTexts[model.dimensions[1]!.level.id]!.status));
    expect(model.footer.pageTemplate).toBe('Page {page} of {pages}');
    expect(model.workshops[0]!.when).not.toContain('Uhr');
  });

  it('has every German report string in English too', async () => {
    const { default: german } = await import('../../reports/i18n/de.json');
    const { default: english } = await import('../../reports/i18n/en.json');
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix];
    expect(keys(english).sort()).toEqual(keys(german).sort());
  });
});

describe('buildReportModel with scout notes', () => {
  it('prints a note only for the dimensions it is given for, sanitised', () => {
    const model = buildReportModel(
      inputFor(samples.middling, {
        notes: { kunden: '  Website \u202Everaltet\u0007,\r\nTermin vereinbart.  ', sicherheit: '   ', 'gibt-es-nicht': 'x' },
      }),
    );
    expect(model.dimensions.find((d) => d.id === 'kunden')!.note).toBe('Website veraltet,\nTermin vereinbart.');
    expect(model.dimensions.find((d) => d.id === 'sicherheit')!.note).toBeNull();
    expect(model.dimensions.filter((d) => d.note !== null).map((d) => d.id)).toEqual(['kunden']);
    expect(models.middling.dimensions.every((d) => d.note === null)).toBe(true);
  });
});

describe('buildReportModel with hostile free text', () => {
  it('strips control and direction marks, shortens a huge company name, and keeps the rest intact', () => {
    const set: AnswerSet = samples.middling.set;
    const model = buildReportModel(
      inputFor(samples.middling, {
        profile: { ...set.profile, companyName: `\u202EBäckerei\u0000 „Müller“\u200F ${'x'.repeat(10_000)}` },
        operator: 'HWK\u0007 Emscher-Lippe',
      }),
    );
    expect(model.cover.company.startsWith('Bäckerei „Müller“ xxx')).toBe(true);
    expect(Array.from(model.cover.company).length).toBeLessThanOrEqual(120);
    expect(model.cover.company.endsWith('…')).toBe(true);
    expect(model.footer.operator).toBe('HWK Emscher-Lippe');
    expect(JSON.stringify(model)).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u202A-\u202E\u200E\u200F]/);
  });

  it('falls back to a neutral name when the company name is only invisible characters', () => {
    const model = buildReportModel(inputFor(samples.middling, { profile: { companyName: '\u200F\u0007 ' } }));
    expect(model.cover.company).toBe('Ihr Betrieb');
    expect(model.meta.title).toBe('Digitalisierungs-Check: Ergebnisbericht');
  });
});
