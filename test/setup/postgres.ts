/**
 * Vitest global setup: one PostgreSQL server for the whole run (issue 21),
 * started before the workers and stopped after the last file, whether the
 * tests passed or not. The workers get its URL through `inject('postgres')`;
 * `describeIfPostgres` (test/helpers/postgres-server.ts) turns a missing server
 * into a skip, or into a failure under PROCHECK_REQUIRE_POSTGRES=1.
 */
import type { TestProject } from 'vitest/node';
import { requirePostgres, startPostgres, type PostgresServer } from '../helpers/postgres-server.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PostgresServer | null = null;
  try {
    server = await startPostgres();
  } catch (error) {
    project.provide('postgres', { state: 'failed', reason: (error as Error).message });
    return async () => undefined;
  }
  if (!server) {
    const reason = 'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin); install Debian’s postgresql package';
    if (requirePostgres()) throw new Error(`PROCHECK_REQUIRE_POSTGRES=1, but there are ${reason}`);
    console.warn(`PostgreSQL tests skipped: ${reason}`);
    project.provide('postgres', { state: 'missing', reason });
    return async () => undefined;
  }
  const running = server;
  project.provide('postgres', { state: 'running', url: running.url });
  // A run that exits without its teardown (Ctrl-C) still takes the server down; one that is
  // killed outright leaves it to the next run's sweep (startPostgres).
  const onExit = () => running.abandon();
  process.once('exit', onExit);
  return async () => {
    process.off('exit', onExit);
    await running.stop();
  };
}
