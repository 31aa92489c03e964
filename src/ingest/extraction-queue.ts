/**
 * Keeps extraction going beside the poller in `serve`: items found by a poll are queued and extracted in the
 * background, one batch at a time; items left pending by a crash are picked up at start.
 */
import { extractItems, type ExtractDeps, type ExtractionOutcome } from './extract-items.js';

/** Items taken from the queue at once: a pass that found 40,000 is worked through in batches. */
const BATCH_SIZE = 1000;

export interface ExtractionQueue {
  enqueue(itemIds: number[]): void;
  /** Items waiting: queued, plus those of the batch being extracted (the metrics' queue length). */
  pending(): number;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * @param current the extraction deps in force now (a settings reload swaps them)
 * @param afterBatch called with the ids of each batch once its extraction is over (story grouping), whether or not
 *   their pages needed extracting.
 */
export function startExtractionQueue(current: () => ExtractDeps, afterBatch?: (itemIds: number[], outcomes: ExtractionOutcome[]) => void): ExtractionQueue {
  const queued = new Set<number>();
  let running: Promise<void> | null = null;
  let stopped = false;
  let pendingAtStart = true;
  let inBatch = 0;

  const drain = async () => {
    while (!stopped && (queued.size || pendingAtStart)) {
      const ids = pendingAtStart ? undefined : [...queued].slice(0, BATCH_SIZE);
      pendingAtStart = false;
      for (const id of ids ?? []) queued.delete(id);
      inBatch = ids?.length ?? 0;
      const outcomes = await extractItems(current, ids ? { itemIds: ids } : {}).finally(() => void (inBatch = 0));
      afterBatch?.(ids ?? outcomes.map((o) => o.itemId), outcomes);
    }
  };
  const kick = () => {
    if (running || stopped) return;
    running = drain()
      .catch((err: unknown) => current().log.error({ err }, 'extraction queue failed'))
      .finally(() => {
        running = null;
        if (queued.size && !stopped) kick();
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
      stopped = true;
      await running;
    },
  };
}
