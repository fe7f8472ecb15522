/**
 * Renders report PDFs on worker threads, so a burst of downloads never
 * stalls the event loop: a fixed number of workers, a queue in front of them,
 * a fresh worker in place of one that crashed or hung.
 */
import { Worker } from 'node:worker_threads';
import type { ReportModel } from '../reports/build-report-model.ts';

export interface ReportPoolOptions {
  /** Worker threads; default 1, which leaves the second core of a small machine to the server. */
  size?: number;
  /** A render taking longer than this ends its worker (default 30 s). */
  timeoutMs?: number;
  /** The worker script; tests point it elsewhere. */
  workerUrl?: URL;
}

export interface ReportPool {
  render(model: ReportModel): Promise<Buffer>;
  /** Rejects queued and running renders and ends the workers. */
  close(): Promise<void>;
}

const DEFAULT_WORKER = new URL('../reports/render-report-worker.js', import.meta.url);

/** After this many workers in a row die before they are ready, queued renders fail instead of waiting forever. */
const MAX_START_FAILURES = 3;

interface Job {
  id: number;
  model: ReportModel;
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  lastError: Error | null;
}

type WorkerMessage = { ready: true } | { id: number; pdf: ArrayBuffer } | { id: number; error: string };

export function createReportPool(options: ReportPoolOptions = {}): ReportPool {
  const size = options.size ?? 1;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER;
  if (!Number.isInteger(size) || size < 1) throw new Error(`a report pool needs at least one worker, not ${size}`);

  const queue: Job[] = [];
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, ready: false, job: null, timer: null, lastError: null }));
  let nextId = 1;
  let closed = false;
  let startFailures = 0;

  const finish = (slot: Slot): Job | null => {
    const job = slot.job;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return job;
  };

  const start = (slot: Slot): void => {
    const worker = new Worker(workerUrl);
    slot.worker = worker;
    slot.ready = false;
    slot.lastError = null;
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        slot.ready = true;
        startFailures = 0;
        pump();
        return;
      }
      if (slot.job?.id !== message.id) return;
      const job = finish(slot)!;
      if ('pdf' in message) job.resolve(Buffer.from(message.pdf));
      else job.reject(new Error(`report rendering failed: ${message.error}`));
      pump();
    });
    worker.on('error', (error) => {
      slot.lastError = error;
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const wasReady = slot.ready;
      slot.ready = false;
      const job = finish(slot);
      if (closed) return;
      const cause = slot.lastError ? `: ${slot.lastError.message}` : ` with code ${code}`;
      job?.reject(new Error(`the report worker stopped${cause}`));
      if (!wasReady && ++startFailures >= MAX_START_FAILURES) {
        // The worker cannot even start (broken install?): fail fast, retry on the next render.
        for (const queued of queue.splice(0)) queued.reject(new Error(`the report worker cannot start${cause}`));
        startFailures = 0;
        return;
      }
      start(slot);
    });
  };

  const pump = (): void => {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.worker) {
        start(slot);
        continue;
      }
      if (!slot.ready || slot.job) continue;
      const job = queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        slot.lastError = new Error(`no answer within ${timeoutMs} ms`);
        void slot.worker?.terminate();
      }, timeoutMs);
      slot.worker.postMessage({ id: job.id, model: job.model });
    }
  };

  return {
    render(model) {
      if (closed) return Promise.reject(new Error('the report pool is closed'));
      return new Promise<Buffer>((resolve, reject) => {
        queue.push({ id: nextId++, model, resolve, reject });
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('the report pool is closed');
      for (const job of queue.splice(0)) job.reject(error);
      await Promise.all(
        slots.map(async (slot) => {
          finish(slot)?.reject(error);
          const worker = slot.worker;
          slot.worker = null;
          if (worker) await worker.terminate();
        }),
      );
    },
  };
}
