/**
 * Extractor worker thread: runs `extractArticle` on one page at a time. Started by `createExtractorPool`: compiled,
 * directly; from the TypeScript sources through `worker-bootstrap.mjs`, which registers tsx first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extractArticle } from './extract-article.js';
import type { JobMessage, WorkerData, WorkerMessage } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const hooks = (workerData as WorkerData | undefined)?.hooks ?? null;
if (hooks?.failStart) throw new Error('test hook: worker fails to start');

function misbehave(html: string): void {
  if (hooks?.spinMarker && html.includes(hooks.spinMarker)) {
    for (;;) {
      // Spin: only Worker.terminate() ends this.
    }
  }
  if (hooks?.crashMarker && html.includes(hooks.crashMarker)) {
    setImmediate(() => {
      throw new Error('test hook: worker crash');
    });
  }
}

port.on('message', (job: JobMessage) => {
  misbehave(job.html);
  if (hooks?.crashMarker && job.html.includes(hooks.crashMarker)) return;
  const result = extractArticle(job.html, job.url);
  // Give the event loop a turn before the next page (jsdom frees window resources on it).
  setImmediate(() => port.postMessage({ type: 'done', id: job.id, result } satisfies WorkerMessage));
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
