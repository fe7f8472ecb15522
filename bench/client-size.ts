/**
 * What a business's phone downloads for the questionnaire: the gzipped JS and
 * CSS that client/dist/index.html loads, against SurveyJS's form library
 * (survey-core + survey-js-ui, minified JS, the fontless theme CSS and the
 * German strings, as a German check with system fonts would ship them),
 * gzipped the same way in the same run. Target: a quarter of SurveyJS or less.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { setup as buildClientIfStale } from '../test/setup/build-client.ts';
import { type Figure, isMain, printFigures } from './figures.ts';

const dist = fileURLToPath(new URL('../client/dist/', import.meta.url));
// The packages export no package.json, so they are found where npm installs them.
const packageDir = (name: string) => fileURLToPath(new URL(`../node_modules/${name}/`, import.meta.url));

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kib = (bytes: number) => bytes / 1024;

/** The scripts, module preloads and stylesheets index.html names. */
export function pageAssets(html: string): { js: string[]; css: string[] } {
  const js = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]+href="\/?(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
  return { js: [...new Set(js)], css: [...new Set(css)] };
}

export async function run(): Promise<Figure[]> {
  await buildClientIfStale();
  const { js, css } = pageAssets(readFileSync(join(dist, 'index.html'), 'utf8'));
  const appJs = js.reduce((sum, file) => sum + gzipped(join(dist, file)), 0);
  const appCss = css.reduce((sum, file) => sum + gzipped(join(dist, file)), 0);

  const core = packageDir('survey-core');
  const ui = packageDir('survey-js-ui');
  const surveyJs = gzipped(join(core, 'survey.core.min.js')) + gzipped(join(ui, 'survey-js-ui.min.js')) + gzipped(join(core, 'i18n/german.min.js'));
  const surveyCss = gzipped(join(core, 'survey-core.fontless.min.css'));

  const app = appJs + appCss;
  const survey = surveyJs + surveyCss;
  const ratio = app / survey;
  return [
    {
      name: 'questionnaire page, JS + CSS (gzip)',
      value: kib(app),
      unit: 'KiB',
      target: '≤ 25 % of SurveyJS',
      pass: ratio <= 0.25,
      baseline: { name: 'survey-core + survey-js-ui', value: kib(survey) },
      ratio,
    },
    {
      name: 'questionnaire page, JS only (gzip)',
      value: kib(appJs),
      unit: 'KiB',
      target: 'informative',
      pass: true,
      baseline: { name: 'SurveyJS JS', value: kib(surveyJs) },
      ratio: appJs / surveyJs,
    },
    {
      name: 'questionnaire page, CSS only (gzip)',
      value: kib(appCss),
      unit: 'KiB',
      target: 'informative',
      pass: true,
      baseline: { name: 'SurveyJS theme CSS', value: kib(surveyCss) },
      ratio: appCss / surveyCss,
    },
  ];
}

if (isMain(import.meta.url)) printFigures('bench/client-size', await run());
