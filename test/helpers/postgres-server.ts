/**
 * A real PostgreSQL server for the tests (issue 21): Debian's server binaries
 * on a temporary data directory and a free port, removed afterwards. One
 * server serves the whole run (`test/setup/postgres.ts` starts it and hands
 * its URL to the workers through vitest's provide/inject); each test file
 * takes a database of its own with `freshDatabase`, so files share the server
 * but never data.
 *
 * initdb and postgres refuse to run as root, and CI runs as root: then both
 * run as the `postgres` OS user through runuser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, inject, it } from 'vitest';

export interface PostgresServer {
  /** postgres://… of the server's `postgres` database (trust auth on 127.0.0.1). */
  url: string;
  /** Stops the server (fast shutdown) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
  /** Synchronous last resort for process exit: immediate shutdown, directory removed. */
  abandon(): void;
}

/** What the global setup hands to the test files. */
export type PostgresStatus = { state: 'running'; url: string } | { state: 'missing'; reason: string } | { state: 'failed'; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresStatus;
  }
}

const DIR_PREFIX = 'procheck-pg-';
const READY_TIMEOUT_MS = 30_000;

/** The bin directory of the newest installed PostgreSQL, or null. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')) && existsSync(join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export const requirePostgres = (): boolean => process.env.PROCHECK_REQUIRE_POSTGRES === '1';

interface RunAs {
  uid: number;
  gid: number;
  /** Prefix that runs a command as that user ([] when we are not root). */
  prefix: string[];
}

function runAs(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, but there is no `postgres` OS user to run initdb and postgres as');
  const prefix = existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser') ? ['runuser', '-u', 'postgres', '--'] : ['su', 'postgres', '-s', '/bin/sh', '-c'];
  return { uid, gid, prefix };
}

function command(user: RunAs | null, argv: string[]): [string, string[]] {
  if (!user) return [argv[0]!, argv.slice(1)];
  if (user.prefix[0] === 'su') return ['su', [...user.prefix.slice(1), argv.map(shellQuote).join(' ')]];
  return [user.prefix[0]!, [...user.prefix.slice(1), ...argv]];
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const postmasterPid = (dataDir: string): number | null => {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopPostmaster(dataDir: string, child: ChildProcess | null): Promise<void> {
  const pid = postmasterPid(dataDir);
  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, a checkpoint written.
  if (pid !== null && alive(pid)) process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while ((pid !== null && alive(pid)) || (child && child.exitCode === null && child.signalCode === null)) {
    if (Date.now() > deadline) {
      if (pid !== null && alive(pid)) process.kill(pid, 'SIGQUIT');
      child?.kill('SIGKILL');
      break;
    }
    await sleep(50);
  }
}

/**
 * Servers left behind by a run that was killed before its teardown (the
 * owner process is gone): stopped and removed, so they do not pile up.
 */
async function sweepAbandoned(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isInteger(owner) || alive(owner)) continue;
    await stopPostmaster(join(dir, 'data'), null);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts a throwaway server; null when no PostgreSQL binaries are installed. */
export async function startPostgres(): Promise<PostgresServer | null> {
  const bin = findPostgresBin();
  if (!bin) return null;
  await sweepAbandoned();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  let child: ChildProcess | null = null;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    // --no-sync only skips initdb's own final fsync; the server itself runs with fsync=on.
    const [initCmd, initArgs] = command(user, [join(bin, 'initdb'), '-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const init = spawnSync(initCmd, initArgs, { cwd: dir, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout || init.error?.message}`);

    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const log = join(dir, `postgres-${attempt}.log`);
      const logFd = openSync(log, 'w');
      if (user) chownSync(log, user.uid, user.gid);
      const [cmd, args] = command(user, [
        join(bin, 'postgres'),
        '-D', dataDir,
        '-c', `port=${port}`,
        '-c', 'listen_addresses=127.0.0.1',
        '-c', `unix_socket_directories=${dir}`,
        '-c', 'fsync=on',
        '-c', 'max_connections=200',
      ]);
      child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', logFd, logFd] });
      closeSync(logFd);
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      if (await waitUntilReady(url, child)) {
        const running = child;
        let stopped = false;
        return {
          url,
          stop: async () => {
            if (stopped) return;
            stopped = true;
            await stopPostmaster(dataDir, running);
            remove();
          },
          abandon: () => {
            if (stopped) return;
            stopped = true;
            const pid = postmasterPid(dataDir);
            if (pid !== null && alive(pid)) process.kill(pid, 'SIGQUIT');
            rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
          },
        };
      }
      await stopPostmaster(dataDir, child);
      const output = readFileSync(log, 'utf8');
      // Another process may have taken the port between our probe and the bind: try another.
      if (attempt < 3 && /could not bind|Address already in use/i.test(output)) continue;
      throw new Error(`PostgreSQL did not start:\n${output.slice(-2000)}`);
    }
  } catch (error) {
    if (child) await stopPostmaster(dataDir, child);
    remove();
    throw error;
  }
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return false;
}

/** A new, empty database on the server (random name): its URL. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `procheck_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * `describe` for tests that need the run's PostgreSQL server. Without server
 * binaries the block is skipped and its name says why — unless
 * PROCHECK_REQUIRE_POSTGRES=1 (CI), where a missing server fails. A server that
 * exists but did not start always fails.
 */
export function describeIfPostgres(name: string, body: (serverUrl: string) => void): void {
  const status = inject('postgres');
  if (status?.state === 'running') {
    describe(name, () => body(status.url));
    return;
  }
  const reason = status?.reason ?? 'the PostgreSQL global setup (test/setup/postgres.ts) did not run';
  if (status?.state === 'failed' || requirePostgres()) {
    describe(name, () => {
      it('has a PostgreSQL server', () => {
        throw new Error(`PostgreSQL tests cannot run: ${reason}`);
      });
    });
    return;
  }
  describe.skip(`${name} — skipped: ${reason}`, () => body(''));
}
