/** procheck as a real child process, the way `npm start` runs it, for kill and restart tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  logs: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

const ROOT = new URL('../../', import.meta.url).pathname;

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PROCHECK_CREATE_PER_MINUTE: '100000',
      PROCHECK_RESUME_PER_MINUTE: '100000',
      PROCHECK_RESUME_GLOBAL_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('')}`)), 30_000);
    const onData = (data: Buffer) => {
      logs.push(data.toString());
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(logs.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('')}`));
    });
  });
  return { url, child, logs, exited };
}

/**
 * One request on a TCP connection of its own, settled only by a complete answer or an error — for
 * tests that stop or kill the server mid-request. Not fetch: undici queues requests on a few pooled
 * connections, and requests queued behind one that a closing server answered with
 * `Connection: close` were seen never to settle, even after the server had exited.
 */
export function requestOnItsOwnConnection(url: string, { method = 'POST', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, agent: false, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.complete ? resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString() }) : reject(new Error('answer cut off'))));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error('no answer within 30 s')));
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
