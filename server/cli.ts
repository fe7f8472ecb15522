/**
 * `procheck` on the command line: validate a definition, score an answer set,
 * write the JSON Schemas. Exit 1 with JSON-path errors on bad input.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { assess, formatIssues, validateAnswerSet } from '../questionnaires/engine/index.ts';
import { readConfig } from './config.ts';
import { DefinitionError, loadCatalogue, loadQuestionnaireFile, loadQuestionnaires } from './definitions/load-definitions.ts';
import { writeJsonSchemas } from './definitions/json-schemas.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

const USAGE = `usage: procheck <command>
  validate <definition.json>   check a questionnaire definition (JSON paths on error)
  score <answer-set.json>      print the scored result as JSON
  schema                       write questionnaires/schema.json and catalogue.schema.json`;

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'validate':
      return validate(rest, io);
    case 'score':
      return score(rest, io);
    case 'schema':
      for (const file of writeJsonSchemas()) io.stdout(`wrote ${relative(process.cwd(), file)}\n`);
      return 0;
    default:
      io.stderr(`${command ? `unknown command "${command}"\n` : ''}${USAGE}\n`);
      return 2;
  }
}

function validate([file]: string[], io: CliIo): number {
  if (!file) return usageError(io, 'validate needs a file');
  const result = loadQuestionnaireFile(file);
  if (!result.ok) {
    io.stderr(`${file}: invalid\n${indent(formatIssues(result.issues))}\n`);
    return 1;
  }
  const { definition, hash } = result.value;
  io.stdout(`${file}: ok (${definition.id} ${definition.version}, ${result.value.questions.length} questions, ${hash})\n`);
  return 0;
}

function score([file]: string[], io: CliIo): number {
  if (!file) return usageError(io, 'score needs an answer-set file');
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    io.stderr(`${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const config = readConfig(io.env);
  const catalogue = loadCatalogue(config.catalogueDir);
  const questionnaires = loadQuestionnaires(config.questionnairesDir, catalogue);
  const head = (typeof input === 'object' && input !== null ? input : {}) as { questionnaireId?: unknown; version?: unknown };
  const prepared = questionnaires.find((q) => q.definition.id === head.questionnaireId && q.definition.version === head.version);
  if (!prepared) {
    io.stderr(`${file}: questionnaireId/version: no questionnaire "${String(head.questionnaireId)}" version "${String(head.version)}"\n`);
    return 1;
  }
  const checked = validateAnswerSet(prepared, input, { complete: true });
  if (!checked.ok) {
    io.stderr(`${file}: invalid answer set\n${indent(formatIssues(checked.issues))}\n`);
    return 1;
  }
  const result = assess(prepared, checked.value, { catalogue, today: io.now().toISOString().slice(0, 10) });
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`${message}\n${USAGE}\n`);
  return 2;
}

const indent = (text: string) => text.replace(/^/gm, '  ');

export async function main(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2), {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      env: process.env,
      now: () => new Date(),
    });
  } catch (error) {
    if (error instanceof DefinitionError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
