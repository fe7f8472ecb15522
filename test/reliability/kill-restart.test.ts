/**
 * Durability: the real server as a child process takes hundreds of concurrent
 * autosaves and submits, is killed with SIGKILL in the middle, and restarted.
 * Every request that was answered with success must be in the database,
 * nothing half-written, and `PRAGMA integrity_check` must say ok. CI runs 20
 * cycles; PROCHECK_KILL_CYCLES=300 makes it a nightly-size run.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../questionnaires/engine/index.ts';
import { completeAnswerSet } from '../helpers/answer-sets.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { handwerkDigital } from '../helpers/shipped.ts';

const CYCLES = Number(process.env.PROCHECK_KILL_CYCLES ?? 20);
const CHAINS = 40;
const SUBMITS_PER_CYCLE = 15;

const { prepared } = handwerkDigital();
const set = completeAnswerSet(prepared, 'middling');
const answerIds = Object.keys(set.answers);
const dir = mkdtempSync(join(tmpdir(), 'procheck-kill-'));
const databaseFile = join(dir, 'procheck.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Chain {
  id: string;
  code: string;
  /** Highest revision the server acknowledged. */
  acked: number;
  /** Answers the server acknowledged. */
  answers: Record<string, AnswerValue>;
  next: number;
}

async function call(url: string, method: string, path: string, code: string | null, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(code ? { 'x-resume-code': code } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { revision?: number; id?: string; resumeCode?: string } };
}

async function create(url: string) {
  const { body } = await call(url, 'POST', '/api/assessments', null, { questionnaireId: 'handwerk-digital' });
  return { id: body.id as string, code: body.resumeCode as string };
}

/** One tab saving answer after answer, each on the last acknowledged revision, until the process dies. */
async function runChain(url: string, chain: Chain, signal: { dead: boolean }) {
  while (!signal.dead) {
    const questionId = answerIds[chain.next % answerIds.length]!;
    try {
      const response = await call(url, 'PATCH', `/api/assessments/${chain.id}`, chain.code, { revision: chain.acked, answers: { [questionId]: set.answers[questionId] } });
      if (response.status === 200) {
        chain.acked = response.body.revision!;
        chain.answers[questionId] = set.answers[questionId]!;
        chain.next++;
      } else if (response.status === 409) {
        // A write that was in flight at the last kill did land: continue from the server's state.
        chain.acked = (response.body.current as { revision: number }).revision;
      }
    } catch {
      return; // connection refused or reset: the process is gone
    }
  }
}

function checkFile(): { integrity: string; foreignKeys: unknown[]; results: number; documents: number } {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeys: db.pragma('foreign_key_check') as unknown[],
      results: db.prepare('SELECT count(*) FROM results').pluck().get() as number,
      documents: db.prepare('SELECT count(*) FROM result_documents').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('killing the server with SIGKILL under load', () => {
  it(`loses nothing acknowledged over ${CYCLES} kill cycles`, async () => {
    let server: ServerProcess = await startServerProcess({ PROCHECK_DB: databaseFile });
    const chains: Chain[] = [];
    for (let i = 0; i < CHAINS; i++) chains.push({ ...(await create(server.url)), acked: 0, answers: {}, next: i });
    const submitted: { id: string; code: string }[] = [];
    let acknowledged = 0;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Complete drafts to submit during the burst.
      const drafts = [];
      for (let i = 0; i < SUBMITS_PER_CYCLE; i++) {
        const draft = await create(server.url);
        const saved = await call(server.url, 'PATCH', `/api/assessments/${draft.id}`, draft.code, { revision: 0, profile: set.profile, answers: set.answers, relevance: set.relevance });
        expect(saved.status).toBe(200);
        drafts.push(draft);
      }
      const signal = { dead: false };
      const before = chains.map((c) => c.acked);
      const burst = [
        ...chains.map((chain) => runChain(server.url, chain, signal)),
        ...drafts.map(async (draft) => {
          try {
            const response = await call(server.url, 'POST', `/api/assessments/${draft.id}/submit`, draft.code);
            if (response.status === 200) submitted.push(draft);
          } catch {
            /* killed before it answered: nothing was promised */
          }
        }),
      ];
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 450));
      server.child.kill('SIGKILL');
      signal.dead = true;
      await server.exited;
      await Promise.allSettled(burst);
      acknowledged += chains.reduce((sum, c, i) => sum + (c.acked - before[i]!), 0);

      const file = checkFile();
      expect(file.integrity).toBe('ok');
      expect(file.foreignKeys).toEqual([]);
      expect(file.documents).toBe(file.results);

      server = await startServerProcess({ PROCHECK_DB: databaseFile });
      for (const chain of chains) {
        const state = await call(server.url, 'GET', `/api/assessments/${chain.id}`, chain.code);
        expect(state.status).toBe(200);
        // The state is the last acknowledged one, or one write further (in flight when killed).
        expect(state.body.revision! - chain.acked).toBeGreaterThanOrEqual(0);
        expect(state.body.revision! - chain.acked).toBeLessThanOrEqual(1);
        expect(state.body.answers).toMatchObject(chain.answers);
        chain.acked = state.body.revision!;
      }
      for (const draft of submitted) {
        const result = await call(server.url, 'GET', `/api/assessments/${draft.id}/result`, draft.code);
        expect(result.status).toBe(200);
      }
    }
    server.child.kill('SIGTERM');
    await server.exited;
    console.log(`kill test: ${CYCLES} cycles, ${acknowledged} acknowledged autosaves and ${submitted.length} acknowledged submits, all found after restart`);
    expect(acknowledged).toBeGreaterThan(0);
  }, 600_000);
});
