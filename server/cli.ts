/**
 * `procheck` on the command line: validate a definition, score an answer set,
 * write the JSON Schemas. Exit 1 with JSON-path errors on bad input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { EmailAddress, assess, formatIssues, fromZodIssues, validateAnswerSet } from '../questionnaires/engine/index.ts';
import { DEFAULT_SESSION_POLICY, createAccountService } from './auth/account-service.ts';
import { MIN_PASSWORD_LENGTH } from '../api/vocabulary.ts';
import { createAccountRepository } from './db/account-repository.ts';
import { createCatalogueService } from './catalogue/catalogue-service.ts';
import { createCatalogueRepository } from './db/catalogue-repository.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { describeOutcome, moveInstallation } from './db/move-installation.ts';
import { openSqlClient } from './db/open-sql-client.ts';
import { ProblemError } from './errors.ts';
import { readConfig } from './config.ts';
import { DEFAULT_CATALOGUE_DIR, DEFAULT_DEFINITIONS_DIR, DefinitionError, loadCatalogue, loadQuestionnaireFile, loadQuestionnaires } from './definitions/load-definitions.ts';
import { writeJsonSchemas } from './definitions/json-schemas.ts';
import { writeOfferTable } from './definitions/offer-table.ts';
import { MailAddress } from '../api/mail.ts';
import { testMail } from './mail/templates/test-mail.ts';
import { createMailTransport, describeFailure } from './mail/transport.ts';
import { createQuestionnaireRegistry } from './definitions/questionnaire-registry.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Standard input as text when it is not a terminal; null for a terminal. */
  readStdin: () => Promise<string | null>;
}

const USAGE = `usage: procheck <command>
  validate <definition.json>   check a questionnaire definition (JSON paths on error)
  score <answer-set.json>      print the scored result as JSON
  schema                       write questionnaires/schema.json and catalogue.schema.json
  catalogue import <dir>       make the catalogue files in <dir> the offers in force (entries
                               not in them are retired); checked like a start-up
  catalogue export <dir>       write the offers in force as topics/regions/workshops/partners.json
  offers                       rewrite the README's table of offers per trade group, size and level
  backup <file>                copy the live database (PROCHECK_DB) with SQLite's backup API
  restore <file>               replace PROCHECK_DB with a backup (stop the server first)
  migrate --to <postgres-url>  copy the SQLite installation (PROCHECK_DB, from an online backup)
                               into an empty PostgreSQL database; rows and checksums compared
  migrate --from <postgres-url>
                               copy a PostgreSQL installation into a new SQLite file (PROCHECK_DB)
  mail test <address>          send a test mail with the current settings (PROCHECK_SMTP_URL,
                               PROCHECK_MAIL_FROM; without an SMTP URL an .eml file) and say how it went
  user add --email E --role admin|staff|scout [--name N]
                               create an account; the password is read from standard input,
                               or, on a terminal, generated and printed once`;

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'validate':
      return validate(rest, io);
    case 'score':
      return score(rest, io);
    case 'backup':
    case 'restore':
      return backupOrRestore(command, rest, io);
    case 'migrate':
      return migrate(rest, io);
    case 'mail':
      return rest[0] === 'test' ? mailTest(rest.slice(1), io) : usageError(io, 'mail needs "test"');
    case 'user':
      return rest[0] === 'add' ? addUser(rest.slice(1), io) : usageError(io, 'user needs "add"');
    case 'catalogue':
      return rest[0] === 'import' || rest[0] === 'export' ? catalogueFiles(rest[0], rest.slice(1), io) : usageError(io, 'catalogue needs "import" or "export"');
    case 'schema':
      for (const file of writeJsonSchemas()) io.stdout(`wrote ${relative(process.cwd(), file)}\n`);
      return 0;
    case 'offers': {
      // The shipped sample catalogue and the latest shipped questionnaire: the README documents those.
      const catalogue = loadCatalogue(DEFAULT_CATALOGUE_DIR);
      const latest = createQuestionnaireRegistry(loadQuestionnaires(DEFAULT_DEFINITIONS_DIR, catalogue)).latest('handwerk-digital')!;
      io.stdout(`wrote ${relative(process.cwd(), writeOfferTable(latest, catalogue))}\n`);
      return 0;
    }
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

/** `--key value` pairs; a flag without a value is an error. */
export function parseFlags(args: string[]): Record<string, string> | string {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]!;
    const value = args[i + 1];
    if (!key.startsWith('--') || value === undefined) return `expected --name value pairs, got "${key}"`;
    flags[key.slice(2)] = value;
  }
  return flags;
}

async function addUser(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(args);
  if (typeof flags === 'string') return usageError(io, flags);
  const input = z
    .strictObject({ email: EmailAddress, role: z.enum(['admin', 'staff', 'scout']), name: z.string().max(200).optional() })
    .safeParse(flags);
  if (!input.success) {
    io.stderr(`${formatIssues(fromZodIssues(input.error.issues).map((i) => ({ ...i, path: ['--' + String(i.path[0] ?? '')] })))}
`);
    return 1;
  }
  const piped = await io.readStdin();
  // Empty standard input (e.g. </dev/null) counts as "none given": generate one.
  const password = piped === null || piped.trim() === '' ? undefined : piped.replace(/\r?\n$/, '');
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    io.stderr(`the password from standard input must have at least ${MIN_PASSWORD_LENGTH} characters\n`);
    return 1;
  }
  const config = readConfig(io.env);
  const sql = await openSqlClient({ file: config.databaseFile, url: config.databaseUrl });
  try {
    const accounts = createAccountService({
      accounts: createAccountRepository(sql),
      now: io.now,
      policy: DEFAULT_SESSION_POLICY,
      limiters: { perClient: unlimited, perAccountAndClient: unlimited },
    });
    const { user, generatedPassword } = await accounts.createUser({ ...input.data, password });
    io.stdout(`created ${user.role} ${user.email} (${user.id})\n`);
    if (generatedPassword) io.stdout(`password (shown only now): ${generatedPassword}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ProblemError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await sql.close();
  }
}

/** Sends one message straight through the configured transport (not the queue), so the answer is the mail server's own. */
async function mailTest([address]: string[], io: CliIo): Promise<number> {
  if (!address) return usageError(io, 'mail test needs an address');
  const checked = MailAddress.safeParse(address);
  if (!checked.success) {
    io.stderr(`${address}: ${checked.error.issues[0]!.message}\n`);
    return 1;
  }
  let config;
  try {
    config = readConfig(io.env);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  const transport = createMailTransport({ smtpUrl: config.mail.smtpUrl, fileDir: config.mail.fileDir, timeoutMs: config.mail.timeoutMs });
  try {
    const { info } = await transport.send({ from: config.mail.from, to: checked.data, ...testMail(io.now().toISOString(), transport.describe()) });
    io.stdout(
      config.mail.smtpUrl
        ? `sent to ${checked.data} from ${config.mail.from} via ${transport.describe()}: ${info}\n`
        : `no PROCHECK_SMTP_URL: wrote the test mail to ${checked.data} as ${info}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr(`sending to ${checked.data} via ${transport.describe()} failed: ${describeFailure(error)}\n`);
    return 1;
  } finally {
    transport.close();
  }
}

async function backupOrRestore(command: 'backup' | 'restore', [file]: string[], io: CliIo): Promise<number> {
  if (!file) return usageError(io, `${command} needs a file`);
  const { databaseFile } = readConfig(io.env);
  try {
    const report = command === 'backup' ? await backupDatabase(databaseFile, file) : await restoreDatabase(file, databaseFile, io.now());
    const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
    io.stdout(
      `${command === 'backup' ? `backed up ${databaseFile} to` : `restored ${databaseFile} from`} ${file}: ` +
        `${(report.bytes / 1024).toFixed(0)} KiB, ${rows} rows in ${Object.keys(report.tables).length} tables, schema ${report.schemaVersion}, ` +
        `${report.milliseconds.toFixed(0)} ms, integrity ok\n`,
    );
    if ('previous' in report && report.previous) io.stdout(`the replaced database is kept as ${report.previous}\n`);
    return 0;
  } catch (error) {
    io.stderr(`${command} failed: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Moves the installation between its SQLite file and PostgreSQL (issue 21): exit 0 only when every table matches. */
async function migrate(args: string[], io: CliIo): Promise<number> {
  const [flag, url, ...extra] = args;
  if ((flag !== '--to' && flag !== '--from') || !url || extra.length > 0) return usageError(io, 'migrate needs --to <postgres-url> or --from <postgres-url>');
  if (!/^postgres(ql)?:\/\//.test(url)) return usageError(io, 'the URL must start with postgres://');
  const { databaseFile } = readConfig({ ...io.env, PROCHECK_DATABASE_URL: undefined });
  try {
    const outcome = await moveInstallation({ direction: flag === '--to' ? 'to-postgres' : 'from-postgres', url, file: databaseFile, now: io.now(), say: (line) => io.stdout(`${line}\n`) });
    io.stdout(describeOutcome(outcome));
    return outcome.matches ? 0 : 1;
  } catch (error) {
    io.stderr(`migrate failed: ${(error as Error).message}\n`);
    return 1;
  }
}

/** The database's offers from and to the catalogue file format. */
async function catalogueFiles(command: 'import' | 'export', [dir]: string[], io: CliIo): Promise<number> {
  if (!dir) return usageError(io, `catalogue ${command} needs a folder`);
  const config = readConfig(io.env);
  // Import: the files must load as at start-up and fit every questionnaire, or nothing changes.
  const imported = command === 'import' ? loadCatalogue(dir) : null;
  if (imported) loadQuestionnaires(config.questionnairesDir, imported);
  const sql = await openSqlClient({ file: config.databaseFile, url: config.databaseUrl });
  try {
    const offers = createCatalogueService({ repository: createCatalogueRepository(sql), now: io.now, checkAgainstQuestionnaires: () => [] });
    if (imported) {
      if (!(await offers.seedIfEmpty(imported))) await offers.replace(imported);
      const c = await offers.current();
      io.stdout(`imported ${dir}: ${c.topics.length} topics, ${c.regions.length} regions, ${c.workshops.length} workshops, ${c.partners.length} partners in force\n`);
      return 0;
    }
    await offers.seedIfEmpty(loadCatalogue(config.catalogueDir));
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(await offers.exportFiles())) {
      writeFileSync(join(dir, name), `${JSON.stringify(content, null, 2)}\n`);
      io.stdout(`wrote ${join(dir, name)}\n`);
    }
    return 0;
  } finally {
    await sql.close();
  }
}

const unlimited = { allowed: () => true, retryAfterMs: () => 0, recordFailure: () => {}, reset: () => {} };

async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
      readStdin,
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
