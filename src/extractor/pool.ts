/**
 * A pool of extractor worker threads. Each page gets a deadline: a worker that passes it is terminated (which stops
 * even a synchronous loop) and replaced, and the page resolves `{ ok: false, code: 'timeout' }`. A worker that dies
 * resolves its page as `'crashed'` and is replaced. Pages wait in a FIFO queue; `extract` never rejects.
 * Closing the pool (prayerwire stopping) resolves the pages still queued or running as `'cancelled'`: not the
 * page's fault, so callers leave them to be extracted at the next start instead of recording a failure.
 */
import { availableParallelism } from 'node:os';
import { createWorkerPool, workerEntry, type WorkerPoolStats } from '../util/worker-pool.js';
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

/** `restarts`: workers started to replace a timed-out or crashed one. */
export type ExtractorPoolStats = WorkerPoolStats;

export interface ExtractorPool {
  /** Extract one page in a worker. Resolves (never rejects) with the result, 'timeout', 'crashed' or 'cancelled'. */
  extract(html: string, url: string): Promise<ExtractResult>;
  /** Stop every worker; pages still queued or running (and any asked for later) resolve 'cancelled'. */
  close(): Promise<void>;
  stats(): ExtractorPoolStats;
}

interface Job {
  html: string;
  url: string;
  resolve(result: ExtractResult): void;
}

/**
 * Start a pool of extractor workers.
 *
 * @example
 * const pool = createExtractorPool({ size: 2, timeoutMs: 10_000 });
 * const result = await pool.extract(html, 'https://example.org/news/1');
 * await pool.close();
 */
export function createExtractorPool(options: ExtractorPoolOptions = {}): ExtractorPool {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pool = createWorkerPool<Job, WorkerMessage>({
    entry: workerEntry(import.meta.url),
    size: options.size ?? availableParallelism(),
    timeoutMs,
    workerData: { hooks: options.testHooks ?? null } satisfies WorkerData,
    resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 512 },
    brokenMessage: (why) => `Extractor workers fail to start (${why}).`,
    toMessage: (job, id) => ({ id, html: job.html, url: job.url }) satisfies JobMessage,
    onReply: (job, msg) => job.resolve(msg.result),
    onTimeout: (job) => job.resolve({ ok: false, code: 'timeout', message: `Extraction of ${job.url} passed its ${timeoutMs} ms deadline; the worker was stopped.` }),
    onCrash: (job, why) => job.resolve({ ok: false, code: 'crashed', message: `The extractor worker died on ${job.url}: ${why}` }),
    onBroken: (job, reason) => job.resolve({ ok: false, code: 'crashed', message: reason }),
    onClosed: (job, running) =>
      job.resolve({
        ok: false,
        code: 'cancelled',
        message: running ? `The extractor pool was closed while extracting ${job.url}.` : `The extractor pool closed before ${job.url} ran.`,
      }),
  });

  return {
    extract(html, url) {
      if (pool.closed) return Promise.resolve({ ok: false, code: 'cancelled', message: `The extractor pool is closed; ${url} was not extracted.` });
      if (pool.broken) return Promise.resolve({ ok: false, code: 'crashed', message: pool.broken });
      return new Promise<ExtractResult>((resolve) => pool.submit({ html, url, resolve }));
    },
    close: () => pool.close(),
    stats: () => pool.stats(),
  };
}
