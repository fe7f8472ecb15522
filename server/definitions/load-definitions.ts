/**
 * Reads the questionnaire definitions and the referral catalogue from disk,
 * runs every static check, and refuses to start with a half-loaded set: one
 * broken file stops the load with the file and JSON path of each problem.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type Catalogue,
  type Issue,
  type PreparedQuestionnaire,
  checkAudiences,
  checkCatalogue,
  checkQuestionnaire,
  checkTopics,
  formatPath,
  issue,
  prepareQuestionnaire,
} from '../../questionnaires/engine/index.ts';

export const DEFAULT_DEFINITIONS_DIR = new URL('../../questionnaires/definitions/', import.meta.url).pathname;
export const DEFAULT_CATALOGUE_DIR = new URL('../../questionnaires/catalogue/', import.meta.url).pathname;

export interface FileIssue extends Issue {
  file: string;
}

/** Thrown only at start-up, when the files on disk cannot be served. */
export class DefinitionError extends Error {
  constructor(readonly issues: FileIssue[]) {
    super(`invalid questionnaire files:\n${issues.map((i) => `  ${i.file}: ${formatPath(i.path)}: ${i.message}`).join('\n')}`);
    this.name = 'DefinitionError';
  }
}

export function contentHash(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function readJson(file: string): { ok: true; bytes: Buffer; value: unknown } | { ok: false; issue: Issue } {
  const bytes = readFileSync(file);
  try {
    return { ok: true, bytes, value: JSON.parse(bytes.toString('utf8')) };
  } catch (error) {
    return { ok: false, issue: issue('invalid-json', [], `not valid JSON: ${(error as Error).message}`) };
  }
}

/** Checks one definition file; the result is ready to serve. */
export function loadQuestionnaireFile(file: string): { ok: true; value: PreparedQuestionnaire } | { ok: false; issues: Issue[] } {
  const read = readJson(file);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  const checked = checkQuestionnaire(read.value);
  if (!checked.ok) return checked;
  return { ok: true, value: prepareQuestionnaire(checked.value, contentHash(read.bytes)) };
}

/** Merges the catalogue's files (topics.json, regions.json, …) into one checked catalogue. */
export function loadCatalogue(dir: string = DEFAULT_CATALOGUE_DIR): Catalogue {
  const merged: Record<string, unknown> = { sampleData: false };
  const issues: FileIssue[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).sort()) {
    const file = join(dir, name);
    const read = readJson(file);
    if (!read.ok) {
      issues.push({ ...read.issue, file });
      continue;
    }
    if (typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) {
      issues.push({ ...issue('invalid-type', [], 'expected a JSON object'), file });
      continue;
    }
    for (const [key, value] of Object.entries(read.value)) {
      if (key === '$schema') continue;
      if (key === 'sampleData') merged.sampleData = merged.sampleData === true || value === true;
      else if (Object.hasOwn(merged, key)) issues.push({ ...issue('duplicate-key', [key], `"${key}" is also defined in another catalogue file`), file });
      else merged[key] = value;
    }
  }
  if (issues.length) throw new DefinitionError(issues);
  const checked = checkCatalogue(merged);
  if (!checked.ok) throw new DefinitionError(checked.issues.map((i) => ({ ...i, file: dir })));
  return checked.value;
}

/**
 * Every `<id>/<version>.json` below `dir`. The file's place must match its
 * `id` and `version`, so a released version is found where staff expect it.
 */
export function loadQuestionnaires(dir: string, catalogue: Catalogue): PreparedQuestionnaire[] {
  const loaded: PreparedQuestionnaire[] = [];
  const issues: FileIssue[] = [];
  for (const id of readdirSync(dir).sort()) {
    const idDir = join(dir, id);
    if (!statSync(idDir).isDirectory()) continue;
    for (const name of readdirSync(idDir).filter((n) => n.endsWith('.json')).sort()) {
      const file = join(idDir, name);
      const shown = relative(process.cwd(), file);
      const result = loadQuestionnaireFile(file);
      if (!result.ok) {
        issues.push(...result.issues.map((i) => ({ ...i, file: shown })));
        continue;
      }
      const { definition } = result.value;
      if (definition.id !== id) issues.push({ ...issue('misplaced-file', ['id'], `id "${definition.id}" does not match folder "${id}"`), file: shown });
      if (`${definition.version}.json` !== name) {
        issues.push({ ...issue('misplaced-file', ['version'], `version "${definition.version}" does not match file name "${name}"`), file: shown });
      }
      issues.push(...checkTopics(definition, catalogue).map((i) => ({ ...i, file: shown })));
      issues.push(...checkAudiences(definition, catalogue).map((i) => ({ ...i, file: shown, message: `catalogue: ${i.message}` })));
      loaded.push(result.value);
    }
  }
  if (issues.length) throw new DefinitionError(issues);
  if (loaded.length === 0) throw new DefinitionError([{ ...issue('no-questionnaires', [], 'no questionnaire definitions found'), file: dir }]);
  return loaded;
}
