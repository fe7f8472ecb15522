/**
 * The report as assistive technology reads it (PDF/UA-1), checked with poppler
 * and qpdf: tagged, every visible word in the structure tree in reading order,
 * headings, lists, tables, links and figures with text alternatives, page
 * furniture as artifacts, languages, and names in any script as glyphs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, type ReportInput, type ReportModel } from '../../reports/build-report-model.ts';
import { renderReportPdf } from '../../reports/render-report-pdf.ts';
import { assessSample, sampleReportInput } from '../helpers/sample-results.ts';
import { handwerkDigital } from '../helpers/shipped.ts';
import { compactText, readPdf, readTagging, type PdfObject, type ReadPdf, type ReadTagging } from './read-pdf.ts';

const shipped = handwerkDigital();
const questionnaire = shipped.prepared.definition;
// Running header (y ≈ 36) and footer (y ≈ 792) are page furniture; the body lies between.
const BODY = { top: 50, bottom: 780 };

interface Tagged {
  model: ReportModel;
  pdf: ReadPdf;
  tags: ReadTagging;
}

async function render(overrides: Partial<ReportInput> = {}): Promise<Tagged> {
  const sample = assessSample(shipped, 'middling', { benchmark: true, previous: 'weak' });
  const model = buildReportModel(sampleReportInput(sample, questionnaire, { notes: { kunden: 'Termin mit der BIT-Beraterin vereinbart.' }, ...overrides }));
  const bytes = await renderReportPdf(model);
  return { model, pdf: readPdf(bytes), tags: readTagging(bytes) };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const elements = (tags: ReadTagging, type: string) => tags.objects.filter((o) => o['/S'] === `/${type}`);

/** Each element of the tree with the text directly inside it (not its child elements'): [type, text]. */
function treeElements(tree: string): [string, string][] {
  const found: [string, string][] = [];
  const open: { indent: number; index: number }[] = [];
  for (const line of tree.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const element = /^\s*([A-Za-z0-9]+)(?: \(\w+\))?:?$/.exec(line);
    const text = /^\s*"(.*)"$/.exec(line);
    if (!element && !text) continue;
    while (open.length && open[open.length - 1]!.indent >= indent) open.pop();
    if (element) {
      open.push({ indent, index: found.length });
      found.push([element[1]!, '']);
    } else if (open.length) {
      found[open[open.length - 1]!.index]![1] += text![1];
    }
  }
  return found;
}

let german: Tagged;
let english: Tagged;

beforeAll(async () => {
  german = await render();
  english = await render({ locale: 'en' });
}, 60_000);

describe('renderReportPdf: a tagged PDF/UA-1 document', () => {
  it('is tagged, passes qpdf --check, and marks its content', () => {
    expect(german.pdf.info.Tagged).toBe('yes');
    expect(german.pdf.qpdfCheck.ok).toBe(true);
    expect(german.tags.resolve(german.tags.catalog['/MarkInfo'])).toMatchObject({ '/Marked': true });
  });

  it('names PDF/UA part 1 in the XMP metadata, shows its title and declares its language', () => {
    expect(german.tags.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(german.tags.xmp).toContain(german.model.meta.title.replace(/&/g, '&amp;'));
    expect(german.tags.resolve(german.tags.catalog['/ViewerPreferences'])).toMatchObject({ '/DisplayDocTitle': true });
    expect(german.tags.catalog['/Lang']).toBe('u:de-DE');
    expect(english.tags.catalog['/Lang']).toBe('u:en-GB');
  });

  it('puts every word pdftotext finds on the pages into the structure tree, page furniture aside', () => {
    for (const { pdf, tags } of [german, english]) {
      const tree = compactText(tags.treeText);
      const body = pdf.words.filter((w) => w.yMin > BODY.top && w.yMax < BODY.bottom);
      expect(body.length).toBeGreaterThan(1500);
      expect(body.filter((w) => !tree.includes(compactText(w.text))).map((w) => `p${w.page}: ${w.text}`)).toEqual([]);
    }
  });

  it('keeps the words of wrapped lines apart, so a screen reader reads sentences, not run-together words', () => {
    const text = squash(german.tags.treeText);
    expect(text).toContain(squash(german.model.summary.intro));
    expect(text).toContain(squash(german.model.dimensionsSection.intro));
    for (const r of german.model.recommendations) expect(text).toContain(squash(r.text));
  });

  it('leaves running header, footer and page numbers out of the tree, as artifacts', () => {
    const pages = german.pdf.pages.length;
    expect(german.pdf.text).toContain(`Seite ${pages} von ${pages}`);
    expect(german.tags.treeText).not.toMatch(/Seite \d+ von \d+/);
    expect(german.tags.treeText).not.toContain(`${german.model.cover.kicker} · `);
  });

  it('heads each section with H1 and each field of action with H2, the first heading an H1', () => {
    const found = treeElements(german.tags.tree);
    const headings = found.filter(([type]) => /^H\d$/.test(type));
    expect(headings[0]![0]).toBe('H1');
    const h1 = headings.filter(([type]) => type === 'H1').map(([, text]) => squash(text));
    const { model } = german;
    expect(h1[0]).toBe(`${model.cover.kicker.toLocaleUpperCase('de-DE')} ${model.cover.title}`);
    for (const heading of [model.summary.heading, model.dimensionsSection.heading, model.highlights.strengthsHeading, model.referralsSection.heading, model.progress!.heading, model.nextSteps.heading]) {
      expect(h1).toContain(heading);
    }
    const h2 = headings.filter(([type]) => type === 'H2').map(([, text]) => squash(text));
    for (const d of model.dimensions) expect(h2).toContain(`${d.kicker.toLocaleUpperCase('de-DE')} ${d.title}`);
  });

  it('lists the next steps, strengths and recommendations as L, LI and LBody', () => {
    const lists = treeElements(german.tags.tree).map(([type]) => type);
    expect(lists.filter((t) => t === 'L').length).toBeGreaterThanOrEqual(4);
    const bodies = treeElements(german.tags.tree).filter(([type]) => type === 'LBody').map(([, text]) => squash(text));
    for (const item of german.model.nextSteps.items) expect(bodies).toContain(squash(item));
  });

  it('tags the answer, workshop, progress and cover tables with header cells that say what they head', () => {
    const { model, tags } = german;
    const answerRows = model.dimensions.reduce((sum, d) => sum + d.helped.length + d.cost.length, 0);
    const progressRows = model.progress!.rows.length + 1;
    expect(elements(tags, 'TR').length).toBe(answerRows + model.workshops.length + progressRows + 1 + model.cover.facts.length);
    for (const th of elements(tags, 'TH')) expect(th['/A']).toMatchObject({ '/O': '/Table', '/Scope': expect.stringMatching(/^\/(Row|Column)$/) });
    const columns = elements(tags, 'TH').filter((th) => (th['/A'] as PdfObject)['/Scope'] === '/Column');
    expect(columns).toHaveLength(4);
    const cells = treeElements(tags.tree);
    const headers = cells.filter(([type]) => type === 'TH').map(([, text]) => squash(text));
    for (const d of model.dimensions) for (const item of [...d.helped, ...d.cost]) expect(headers).toContain(squash(item.question));
    for (const row of model.progress!.rows) expect(headers).toContain(row.title);
  });

  it('puts every link annotation into a Link element, with a description', () => {
    const annotations = german.tags.objects.filter((o) => o['/Subtype'] === '/Link');
    expect(annotations.length).toBe(german.pdf.links.length);
    for (const annotation of annotations) {
      expect(annotation['/StructParent']).toEqual(expect.any(Number));
      expect(String(annotation['/Contents'])).toMatch(/^u:.+/);
    }
    const references = elements(german.tags, 'Link').flatMap((link) => [link['/K']].flat()).filter((kid) => typeof kid === 'object' && kid !== null && (kid as PdfObject)['/Type'] === '/OBJR');
    expect(references.length).toBe(annotations.length);
  });

  it('gives each figure a text alternative: the radar names every field of action with its score and the peer group', () => {
    const figures = elements(german.tags, 'Figure');
    // The summary's level scale and radar, a scale per field of action, and the QR code.
    expect(figures).toHaveLength(2 + german.model.dimensions.length + 1);
    for (const figure of figures) expect(String(figure['/Alt'])).toMatch(/^u:.{20,}/);
    const radar = figures.map((f) => String(f['/Alt'])).find((alt) => alt.startsWith('u:Netzdiagramm'))!;
    const { summary, dimensions } = german.model;
    for (const d of dimensions) expect(radar).toContain(`${d.shortTitle} ${d.scoreText}`);
    for (const series of summary.radar.series) expect(radar).toContain(series.label);
    const scale = figures.map((f) => String(f['/Alt'])).find((alt) => alt.startsWith('u:Stufenskala'))!;
    expect(scale).toContain(`${summary.scoreText} Punkte`);
    for (const level of german.model.levels) expect(scale).toContain(level.title);
  });

  it('gives a passage in another language its own: German-only names in the English report', () => {
    expect(english.model.passages.length).toBeGreaterThan(0);
    const german = english.tags.objects.filter((o) => o['/Lang'] === 'u:de-DE' && typeof o['/S'] === 'string');
    expect(german.length).toBeGreaterThan(0);
    const texts = treeElements(english.tags.tree).map(([, text]) => squash(text));
    const person = english.model.passages.find((p) => texts.includes(p.text));
    expect(person, 'a German-only passage printed on its own').toBeDefined();
  });
});

describe('renderReportPdf: names and free text in any script', () => {
  const name = 'Öztürk Çağrı İnşaat · Łukasz Żółć · Мастерская Иванов · مخبز السلام · Café ☕ & Söhne <GmbH> 🥐';
  const note = 'Kunde spricht Türkçe, Polski, Русский und العربية 👍';
  let world: Tagged;

  beforeAll(async () => {
    const sample = assessSample(shipped, 'weak');
    world = await render({ profile: { ...sample.set.profile, companyName: name }, notes: { kunden: note } });
  }, 60_000);

  it('prints Turkish, Polish, Cyrillic, Arabic and emoji as glyphs, never as "?"', () => {
    const { pdf } = world;
    expect(pdf.qpdfCheck.ok).toBe(true);
    const cover = compactText(pdf.pages[0]!);
    for (const part of ['Öztürk Çağrı İnşaat', 'Łukasz Żółć', 'Мастерская Иванов', 'Café ☕', '🥐']) expect(cover).toContain(compactText(part));
    // pdftotext reorders right-to-left words itself; each Arabic word comes back whole.
    for (const word of ['مخبز', 'السلام']) expect(pdf.pages[0]).toContain(word);
    expect(pdf.pages[0]).not.toContain('?');
    expect(pdf.compact).toContain(compactText('Türkçe, Polski, Русский'));
    // Inside a German sentence pdftotext gives the Arabic word's letters as drawn; the tree has it in reading order (below).
    expect(pdf.text).toMatch(/[\u0600-\u06FF]{7}/);
    expect(pdf.text).toContain('👍');
    const noteLine = pdf.text.split('\n').find((line) => line.includes('Kunde spricht'))!;
    expect(noteLine).not.toContain('?');
  });

  it('embeds only subsets of the fallback faces it uses', () => {
    expect(world.pdf.fonts).toMatch(/\+NotoSansArabic-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(world.pdf.fonts).toMatch(/\+NotoEmoji-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(german.pdf.fonts).not.toMatch(/Noto/);
  });

  it('tags Arabic as Arabic, with the words in reading order for screen readers', async () => {
    // The name wraps between its Arabic words here, so each line's piece is a Span of its own.
    const spans = elements(world.tags, 'Span').filter((s) => s['/Lang'] === 'u:ar').map((s) => String(s['/ActualText']));
    for (const word of ['u:مخبز', 'u:السلام', 'u:العربية']) expect(spans).toContain(word);
    const short = await render({ profile: { companyName: 'مخبز السلام' } });
    expect(elements(short.tags, 'Span').map((s) => s['/ActualText'])).toContain('u:مخبز السلام');
  });

  it('keeps the name intact in the document title and well-formed in the XMP', () => {
    expect(world.pdf.info.Title).toBe(world.model.meta.title);
    expect(world.tags.xmp).toContain('&amp; Söhne &lt;GmbH&gt;');
    expect(world.tags.xmp).not.toContain('& Söhne <GmbH>');
  });
});
