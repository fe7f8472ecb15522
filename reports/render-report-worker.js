// A worker_threads entry that renders report PDFs off the main thread.
// Plain JavaScript with tsx's loader, because the server and vitest both run
// the TypeScript sources directly and a worker starts with a fresh loader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

if (!parentPort) throw new Error('render-report-worker.js must run as a worker thread');
const port = parentPort;

register();
const { renderReportPdf } = await import('./render-report-pdf.ts');

port.on('message', async (message) => {
  const { id, model } = message;
  try {
    const pdf = await renderReportPdf(model);
    // Transfer, not copy: the bytes change hands between threads for free.
    const bytes =
      pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength
        ? pdf.buffer
        : pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength);
    port.postMessage({ id, pdf: bytes }, [bytes]);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
