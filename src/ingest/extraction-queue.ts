/**
 * Keeps extraction going beside the poller in `serve`: items found by a poll are queued and extracted in the
 * background, one batch at a time; items left pending by a crash or a stop are picked up at start.
 *
 * When the database cannot be written (a storage error: full, read-only, ...), the queue pauses as the shared
 * StorageHealth says (exponential backoff) and then re-reads the pending items from the database, instead of
 * fetching page after page whose result cannot be saved. `stop()` starts nothing new and leaves unstarted and
 * cancelled items pending for the next start.
 */
import { createStorageHealth, type StorageHealth } from '../db/index.js';
import { extractItems, type ExtractDeps, type ExtractionOutcome } from './extract-items.js';

/** Items taken from the queue at once: a pass that found 40,000 is worked through in batches. */
const BATCH_SIZE = 1000;

export interface ExtractionQueue {
  enqueue(itemIds: number[]): void;
  /** Items waiting: queued, plus those of the batch being extracted (the metrics' queue length). */
  pending(): number;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
  /**
   * Starts nothing new and resolves when the batch in progress ends. Pages already running finish unless their
   * fetch or extraction is cancelled (the app closes the HTTP client and the pool); either way the items not
   * extracted stay pending.
   */
  stop(): Promise<void>;
}

export interface ExtractionQueueOptions {
  /** Shared with the poller and /health; default a private one (5 s doubling to 5 min). */
  storage?: StorageHealth;
}

/**
 * @param current the extraction deps in force now (a settings reload swaps them)
 * @param afterBatch called with the ids of each batch once its extraction is over (story grouping), whether or not
 *   their pages needed extracting. Not called for a batch cut short by `stop()` (its items are finished at the next
 *   start).
 */
export function startExtractionQueue(
  current: () => ExtractDeps,
  afterBatch?: (itemIds: number[], outcomes: ExtractionOutcome[]) => void,
  options: ExtractionQueueOptions = {},
): ExtractionQueue {
  const storage = options.storage ?? createStorageHealth({ file: current().db.name, log: current().log });
  const queued = new Set<number>();
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let retry: NodeJS.Timeout | undefined;
  /** Read every pending item from the database (at start, and after a storage pause). */
  let rescan = true;
  /** Items of the batch being extracted now (for the queue-length metric). */
  let inBatch = 0;

  const drain = async () => {
    while (!stopping.signal.aborted && (queued.size || rescan)) {
      const wait = storage.pausedFor();
      if (wait > 0) {
        clearTimeout(retry);
        retry = setTimeout(kick, wait);
        retry.unref();
        return;
      }
      const ids = rescan ? undefined : [...queued].slice(0, BATCH_SIZE);
      rescan = false;
      for (const id of ids ?? []) queued.delete(id);
      inBatch = ids?.length ?? 0;
      try {
        const outcomes = await extractItems(current, ids ? { itemIds: ids } : {}, { signal: stopping.signal }).finally(() => void (inBatch = 0));
        if (stopping.signal.aborted) return;
        const batch = ids ?? outcomes.map((o) => o.itemId);
        afterBatch?.(batch, outcomes);
        // Something was saved (an extraction's result, or the batch finished): the database takes writes again.
        const wrote = outcomes.some((o) => o.status === 'done' || o.status === 'failed') || (afterBatch !== undefined && batch.length > 0);
        if (wrote) storage.recovered();
      } catch (err) {
        if (!storage.report(err)) throw err;
        // Nothing of the batch was saved: its items are still pending in the database; read them again after the pause.
        rescan = true;
      }
    }
  };
  const kick = () => {
    if (running || stopping.signal.aborted) return;
    running = drain()
      .catch((err: unknown) => current().log.error({ err }, 'extraction queue failed'))
      .finally(() => {
        running = null;
        if (queued.size && !stopping.signal.aborted && storage.pausedFor() === 0) kick();
      });
  };
  kick();
  return {
    enqueue(ids) {
      for (const id of ids) queued.add(id);
      kick();
    },
    pending: () => queued.size + inBatch,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopping.abort();
      clearTimeout(retry);
      await running;
    },
  };
}
