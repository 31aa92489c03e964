/**
 * A pool of read worker threads, each with its own read-only connection to the same WAL database file: the heavy
 * reads of the curators' inbox (list and search, counts per status, highlights…) run there, so a common-word search
 * never holds the main thread, where requests are parsed and writes run. Reads wait in one FIFO queue; each gets a
 * deadline from the moment a worker takes it: past it the worker is terminated (that stops even a long SQLite
 * scan) and replaced, and the read rejects with a ReadPoolError (code timeout). A worker that dies is replaced.
 */
import { createWorkerPool, workerEntry } from '../../util/worker-pool.js';
import type { ReadJob, ReadWorkerData, ReadWorkerMessage } from './protocol.js';
import type { ReadArgs, ReadName, ReadResult, Reads } from './reads.js';

export interface ReadPoolOptions {
  /** The database file (WAL mode, already created and migrated by the main connection). */
  file: string;
  /** Worker threads (at least 1). */
  size: number;
  /** Deadline per read from the moment a worker takes it, ms. Default 15 000. */
  timeoutMs?: number;
}

/** A read passed its deadline (its worker was stopped), or the pool closed before it ran. */
export class ReadPoolError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'closed' | 'crashed',
  ) {
    super(message);
  }
}

export interface ReadPool extends Reads {
  stats(): { size: number; busy: number; queued: number; completed: number; timeouts: number; restarts: number };
}

interface Job {
  name: ReadName;
  args: unknown[];
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * Start a pool of read workers over a database file.
 *
 * @example
 * const reads = createReadPool({ file: 'data/prayerwire.db', size: 2 });
 * const page = await reads.run('listItems', { search: 'prayer' });
 * await reads.close();
 */
export function createReadPool(options: ReadPoolOptions): ReadPool {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pool = createWorkerPool<Job, ReadWorkerMessage>({
    entry: workerEntry(import.meta.url),
    size: options.size,
    timeoutMs,
    workerData: { file: options.file } satisfies ReadWorkerData,
    brokenMessage: (why) => `Read workers fail to start (${why}).`,
    toMessage: (job, id) => ({ id, name: job.name, args: job.args }) satisfies ReadJob,
    onReply: (job, msg) => (msg.ok ? job.resolve(msg.value) : job.reject(new Error(msg.message))),
    onTimeout: (job) => job.reject(new ReadPoolError(`The read ${job.name} passed its ${timeoutMs} ms deadline; its worker was stopped.`, 'timeout')),
    onCrash: (job, why) => job.reject(new ReadPoolError(`A read worker died: ${why}`, 'crashed')),
    onBroken: (job, reason) => job.reject(new ReadPoolError(reason, 'crashed')),
    onClosed: (job, running) =>
      job.reject(new ReadPoolError(running ? 'The read pool was closed mid-read.' : `The read pool closed before ${job.name} ran.`, 'closed')),
  });

  return {
    run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>> {
      const { closed, broken } = pool;
      if (closed || broken) return Promise.reject(new ReadPoolError(broken ?? 'The read pool is closed.', broken ? 'crashed' : 'closed'));
      return new Promise<ReadResult<K>>((resolve, reject) => pool.submit({ name, args, resolve: resolve as (v: unknown) => void, reject }));
    },
    close: () => pool.close(),
    stats() {
      const { crashes: _crashes, ...stats } = pool.stats();
      return stats;
    },
  };
}
