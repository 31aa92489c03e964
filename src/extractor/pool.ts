/**
 * A pool of extractor worker threads. Each page gets a deadline: a worker that passes it is terminated (which stops
 * even a synchronous loop) and replaced, and the page resolves `{ ok: false, code: 'timeout' }`. A worker that dies
 * resolves its page as `'crashed'` and is replaced. Pages wait in a FIFO queue; `extract` never rejects.
 * Closing the pool (prayerwire stopping) resolves the pages still queued or running as `'cancelled'`: not the
 * page's fault, so callers leave them to be extracted at the next start instead of recording a failure.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExtractResult } from './types.js';
import type { JobMessage, WorkerData, WorkerMessage, WorkerTestHooks } from './worker-protocol.js';

export type { WorkerTestHooks } from './worker-protocol.js';

export interface ExtractorPoolOptions {
  /** Worker threads. Default: `os.availableParallelism()`. */
  size?: number;
  /** Deadline per page from the moment a worker takes it, ms. Default 10 000. */
  timeoutMs?: number;
  /** Old-generation heap cap per worker, MB (a runaway page kills its worker, not the process). Default 512. */
  maxHeapMb?: number;
  /** Test-only: markers that make a worker spin or crash. Never set in production. */
  testHooks?: WorkerTestHooks;
}

export interface ExtractorPoolStats {
  size: number;
  busy: number;
  queued: number;
  completed: number;
  timeouts: number;
  crashes: number;
  /** Workers started to replace a timed-out or crashed one. */
  restarts: number;
}

export interface ExtractorPool {
  /** Extract one page in a worker. Resolves (never rejects) with the result, 'timeout', 'crashed' or 'cancelled'. */
  extract(html: string, url: string): Promise<ExtractResult>;
  /** Stop every worker; pages still queued or running (and any asked for later) resolve 'cancelled'. */
  close(): Promise<void>;
  stats(): ExtractorPoolStats;
}

interface Job extends JobMessage {
  resolve(result: ExtractResult): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/**
 * The worker's entry. Compiled (dist/, what bin/prayerwire.mjs runs) the worker is plain JavaScript beside this
 * module; from the TypeScript sources (vitest, bin/run-ts.mjs) a worker thread does not inherit the parent's loader,
 * so it starts through a bootstrap that registers tsx first.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-bootstrap.mjs', import.meta.url)
  : new URL('./worker.js', import.meta.url);
const MAX_START_FAILURES = 3;

/**
 * Start a pool of extractor workers.
 *
 * @example
 * const pool = createExtractorPool({ size: 2, timeoutMs: 10_000 });
 * const result = await pool.extract(html, 'https://example.org/news/1');
 * await pool.close();
 */
export function createExtractorPool(options: ExtractorPoolOptions = {}): ExtractorPool {
  const size = Math.max(1, options.size ?? availableParallelism());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const workerData: WorkerData = { hooks: options.testHooks ?? null };
  const resourceLimits = { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 };
  const queue: Job[] = [];
  const counters = { completed: 0, timeouts: 0, crashes: 0, restarts: 0 };
  let nextId = 1;
  let closed = false;
  /** Workers in a row that died before they were ready: a broken install (a missing module), not a bad page. */
  let startFailures = 0;
  let broken: string | null = null;

  const finish = (slot: Slot, result: ExtractResult): void => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    job?.resolve(result);
  };

  const replace = (slot: Slot): void => {
    const old = slot.worker;
    old.removeAllListeners();
    old.on('error', () => {}); // a dying worker may still report; nobody listens any more
    void old.terminate();
    if (closed) return;
    counters.restarts++;
    start(slot);
  };

  const start = (slot: Slot): void => {
    const worker = new Worker(WORKER_ENTRY, { workerData, resourceLimits });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (msg: WorkerMessage) => {
      if (slot.worker !== worker) return;
      if (msg.type === 'ready') {
        slot.ready = true;
        startFailures = 0;
      }
      else if (slot.job?.id === msg.id) {
        counters.completed++;
        finish(slot, msg.result);
      }
      dispatch();
    });
    const die = (why: string): void => {
      if (slot.worker !== worker || closed) return;
      counters.crashes++;
      if (slot.job) finish(slot, { ok: false, code: 'crashed', message: `The extractor worker died on ${slot.job.url}: ${why}` });
      if (!slot.ready && ++startFailures >= MAX_START_FAILURES) {
        broken = `Extractor workers fail to start (${why}).`;
        for (const job of queue.splice(0)) job.resolve({ ok: false, code: 'crashed', message: broken });
        return;
      }
      replace(slot);
      dispatch();
    };
    worker.on('error', (err) => die(err.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
  };

  const slots: Slot[] = Array.from({ length: size }, () => {
    const slot = { ready: false, job: null, timer: null } as unknown as Slot;
    start(slot);
    return slot;
  });

  const dispatch = (): void => {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.ready || slot.job) continue;
      const job = queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        if (slot.job !== job) return;
        counters.timeouts++;
        finish(slot, { ok: false, code: 'timeout', message: `Extraction of ${job.url} passed its ${timeoutMs} ms deadline; the worker was stopped.` });
        replace(slot);
        dispatch();
      }, timeoutMs);
      slot.worker.postMessage({ id: job.id, html: job.html, url: job.url } satisfies JobMessage);
    }
  };

  return {
    extract(html, url) {
      if (closed) return Promise.resolve({ ok: false, code: 'cancelled', message: `The extractor pool is closed; ${url} was not extracted.` });
      if (broken) return Promise.resolve({ ok: false, code: 'crashed', message: broken });
      return new Promise<ExtractResult>((resolve) => {
        queue.push({ id: nextId++, html, url, resolve });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ ok: false, code: 'cancelled', message: `The extractor pool closed before ${job.url} ran.` });
      for (const slot of slots) if (slot.job) finish(slot, { ok: false, code: 'cancelled', message: `The extractor pool was closed while extracting ${slot.job.url}.` });
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
    stats() {
      return {
        size,
        busy: slots.filter((s) => s.job).length,
        queued: queue.length,
        ...counters,
      };
    },
  };
}
