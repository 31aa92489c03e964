/**
 * The machinery shared by prayerwire's worker-thread pools (the extractor's and the store's reads): slots of worker
 * threads, a FIFO queue dispatched to ready workers, a deadline per job from the moment a worker takes it (past it
 * the worker is terminated, which stops even a synchronous loop, and replaced), replacement of a worker that dies,
 * and a limit on workers that die before they are ready (a broken install, not a bad job). The pool never decides
 * what a job's outcome looks like: each caller settles its own jobs (resolve a result, or reject an error) in the
 * handlers below.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a worker posts back: `{ type: 'ready' }` once started, then one reply per job carrying the job's id. */
export type WorkerReply = { type: 'ready' } | { type: 'done'; id: number };

export interface WorkerPoolOptions<Job, Reply extends WorkerReply> {
  /** The worker's entry (see `workerEntry`). */
  entry: URL;
  /** Worker threads (at least 1). */
  size: number;
  /** Deadline per job from the moment a worker takes it, ms. */
  timeoutMs: number;
  workerData: unknown;
  resourceLimits?: ResourceLimits;
  /** The reason given once workers fail to start, from the last one's `why`. */
  brokenMessage(why: string): string;
  /** The message posted to a worker for a job; it must carry `id`, which the worker's reply repeats. */
  toMessage(job: Job, id: number): unknown;
  /** The worker replied to the job. */
  onReply(job: Job, reply: Extract<Reply, { type: 'done' }>): void;
  /** The job passed its deadline; its worker is being replaced. */
  onTimeout(job: Job): void;
  /** The job's worker died while running it. */
  onCrash(job: Job, why: string): void;
  /** Workers fail to start: the job was queued and will not run. */
  onBroken(job: Job, reason: string): void;
  /** The pool closed while the job was queued (`running` false) or running. */
  onClosed(job: Job, running: boolean): void;
}

export interface WorkerPoolStats {
  size: number;
  busy: number;
  queued: number;
  completed: number;
  timeouts: number;
  crashes: number;
  /** Workers started to replace a timed-out or crashed one. */
  restarts: number;
}

export interface WorkerPool<Job> {
  /** Queue a job. The caller checks `closed` and `broken` first: a job submitted then is never settled. */
  submit(job: Job): void;
  readonly closed: boolean;
  /** Why workers fail to start, once they do; null while they start. */
  readonly broken: string | null;
  /** Stop every worker; queued and running jobs go to `onClosed`. */
  close(): Promise<void>;
  stats(): WorkerPoolStats;
}

interface Pending<Job> {
  id: number;
  job: Job;
}

interface Slot<Job> {
  worker: Worker;
  ready: boolean;
  pending: Pending<Job> | null;
  timer: NodeJS.Timeout | null;
}

const MAX_START_FAILURES = 3;

/**
 * The worker's entry for a pool module at `moduleUrl` (its `import.meta.url`), with `worker.ts` and
 * `worker-bootstrap.mjs` beside it. Compiled (dist/, what bin/prayerwire.mjs runs) the worker is plain JavaScript
 * beside the module; from the TypeScript sources (vitest, bin/run-ts.mjs) a worker thread does not inherit the
 * parent's loader, so it starts through a bootstrap that registers tsx first.
 */
export function workerEntry(moduleUrl: string): URL {
  return moduleUrl.endsWith('.ts') ? new URL('./worker-bootstrap.mjs', moduleUrl) : new URL('./worker.js', moduleUrl);
}

/**
 * Start a pool of worker threads.
 *
 * @example
 * const pool = createWorkerPool<Job, Reply>({ entry: workerEntry(import.meta.url), size: 2, timeoutMs: 10_000, ... });
 * pool.submit({ url, resolve });
 */
export function createWorkerPool<Job, Reply extends WorkerReply>(options: WorkerPoolOptions<Job, Reply>): WorkerPool<Job> {
  const size = Math.max(1, options.size);
  const { timeoutMs } = options;
  const queue: Pending<Job>[] = [];
  const counters = { completed: 0, timeouts: 0, crashes: 0, restarts: 0 };
  let nextId = 1;
  let closed = false;
  /** Workers in a row that died before they were ready. */
  let startFailures = 0;
  let broken: string | null = null;

  const take = (slot: Slot<Job>): Job | null => {
    const pending = slot.pending;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.pending = null;
    return pending?.job ?? null;
  };

  const replace = (slot: Slot<Job>): void => {
    const old = slot.worker;
    old.removeAllListeners();
    old.on('error', () => {}); // a dying worker may still report; nobody listens any more
    void old.terminate();
    if (closed) return;
    counters.restarts++;
    start(slot);
  };

  const start = (slot: Slot<Job>): void => {
    const worker = new Worker(options.entry, { workerData: options.workerData, resourceLimits: options.resourceLimits });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (msg: Reply) => {
      if (slot.worker !== worker) return;
      if (msg.type === 'ready') {
        slot.ready = true;
        startFailures = 0;
      } else if (slot.pending?.id === msg.id) {
        const job = take(slot)!;
        counters.completed++;
        options.onReply(job, msg as Extract<Reply, { type: 'done' }>);
      }
      dispatch();
    });
    const die = (why: string): void => {
      if (slot.worker !== worker || closed) return;
      counters.crashes++;
      const job = take(slot);
      if (job) options.onCrash(job, why);
      if (!slot.ready && ++startFailures >= MAX_START_FAILURES) {
        broken = options.brokenMessage(why);
        for (const pending of queue.splice(0)) options.onBroken(pending.job, broken);
        return;
      }
      replace(slot);
      dispatch();
    };
    worker.on('error', (err) => die(err.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
  };

  const slots: Slot<Job>[] = Array.from({ length: size }, () => {
    const slot = { ready: false, pending: null, timer: null } as unknown as Slot<Job>;
    start(slot);
    return slot;
  });

  const dispatch = (): void => {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot.ready || slot.pending) continue;
      const pending = queue.shift()!;
      slot.pending = pending;
      slot.timer = setTimeout(() => {
        if (slot.pending !== pending) return;
        take(slot);
        counters.timeouts++;
        options.onTimeout(pending.job);
        replace(slot);
        dispatch();
      }, timeoutMs);
      slot.worker.postMessage(options.toMessage(pending.job, pending.id));
    }
  };

  return {
    submit(job) {
      queue.push({ id: nextId++, job });
      dispatch();
    },
    get closed() {
      return closed;
    },
    get broken() {
      return broken;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const pending of queue.splice(0)) options.onClosed(pending.job, false);
      for (const slot of slots) {
        const job = take(slot);
        if (job) options.onClosed(job, true);
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
    stats: () => ({ size, busy: slots.filter((s) => s.pending).length, queued: queue.length, ...counters }),
  };
}
