/**
 * A pool of read worker threads, each with its own read-only connection to the same WAL database file: the heavy
 * reads of the curators' inbox (list and search, counts per status, highlights…) run there, so a common-word search
 * never holds the main thread, where requests are parsed and writes run. Reads wait in one FIFO queue; each gets a
 * deadline from the moment a worker takes it: past it the worker is terminated (that stops even a long SQLite
 * scan) and replaced, and the read rejects with a ReadTimeoutError. A worker that dies is replaced.
 */
import { Worker } from 'node:worker_threads';
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

interface Job extends ReadJob {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** Compiled, the worker is plain JavaScript beside this module; from the sources it starts through a tsx bootstrap. */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./worker-bootstrap.mjs', import.meta.url) : new URL('./worker.js', import.meta.url);
const MAX_START_FAILURES = 3;

/**
 * Start a pool of read workers over a database file.
 *
 * @example
 * const reads = createReadPool({ file: 'data/prayerwire.db', size: 2 });
 * const page = await reads.run('listItems', { search: 'prayer' });
 * await reads.close();
 */
export function createReadPool(options: ReadPoolOptions): ReadPool {
  const size = Math.max(1, options.size);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const workerData: ReadWorkerData = { file: options.file };
  const queue: Job[] = [];
  const counters = { completed: 0, timeouts: 0, restarts: 0 };
  let nextId = 1;
  let closed = false;
  let startFailures = 0;
  let broken: string | null = null;

  const take = (slot: Slot): Job | null => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    return job;
  };

  const replace = (slot: Slot): void => {
    const old = slot.worker;
    old.removeAllListeners();
    old.on('error', () => {});
    void old.terminate();
    if (closed) return;
    counters.restarts++;
    start(slot);
  };

  const start = (slot: Slot): void => {
    const worker = new Worker(WORKER_ENTRY, { workerData });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (msg: ReadWorkerMessage) => {
      if (slot.worker !== worker) return;
      if (msg.type === 'ready') {
        slot.ready = true;
        startFailures = 0;
      } else if (slot.job?.id === msg.id) {
        const job = take(slot)!;
        counters.completed++;
        if (msg.ok) job.resolve(msg.value);
        else job.reject(new Error(msg.message));
      }
      dispatch();
    });
    const die = (why: string): void => {
      if (slot.worker !== worker || closed) return;
      take(slot)?.reject(new ReadPoolError(`A read worker died: ${why}`, 'crashed'));
      if (!slot.ready && ++startFailures >= MAX_START_FAILURES) {
        broken = `Read workers fail to start (${why}).`;
        for (const job of queue.splice(0)) job.reject(new ReadPoolError(broken, 'crashed'));
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
        take(slot);
        counters.timeouts++;
        job.reject(new ReadPoolError(`The read ${job.name} passed its ${timeoutMs} ms deadline; its worker was stopped.`, 'timeout'));
        replace(slot);
        dispatch();
      }, timeoutMs);
      slot.worker.postMessage({ id: job.id, name: job.name, args: job.args } satisfies ReadJob);
    }
  };

  return {
    run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>> {
      if (closed || broken) return Promise.reject(new ReadPoolError(broken ?? 'The read pool is closed.', broken ? 'crashed' : 'closed'));
      return new Promise<ReadResult<K>>((resolve, reject) => {
        queue.push({ id: nextId++, name, args, resolve: resolve as (v: unknown) => void, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const job of queue.splice(0)) job.reject(new ReadPoolError(`The read pool closed before ${job.name} ran.`, 'closed'));
      for (const slot of slots) take(slot)?.reject(new ReadPoolError('The read pool was closed mid-read.', 'closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
    stats: () => ({ size, busy: slots.filter((s) => s.job).length, queued: queue.length, ...counters }),
  };
}
