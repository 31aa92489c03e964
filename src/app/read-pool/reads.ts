/**
 * The store's reads that may run off the main thread: each takes the connection first, then arguments and returns a
 * result that survive structured cloning (plain objects, arrays, Maps). The same table serves the in-process path
 * and the pool's workers, so both run the very same functions.
 */
import type { Db } from '../../db/index.js';
import { adjacentItems, countItemsByStatus, highlightItems, listStoryPeers, listTaggedCountries } from '../../store/inbox.js';
import { listItems } from '../../store/items.js';

export const READS = {
  listItems,
  countItemsByStatus,
  highlightItems,
  listStoryPeers,
  listTaggedCountries,
  adjacentItems,
};

export type ReadName = keyof typeof READS;
export type ReadArgs<K extends ReadName> = Parameters<(typeof READS)[K]> extends [Db, ...infer A] ? A : never;
export type ReadResult<K extends ReadName> = ReturnType<(typeof READS)[K]>;

/** Runs the store's reads: on the main connection, or in a pool of worker threads with their own connections. */
export interface Reads {
  run<K extends ReadName>(name: K, ...args: ReadArgs<K>): Promise<ReadResult<K>>;
  close(): Promise<void>;
}

/** The reads on this connection, in this thread (the CLI, tests, a `:memory:` database). */
export function inProcessReads(db: Db): Reads {
  return {
    run(name, ...args) {
      try {
        return Promise.resolve((READS[name] as (db: Db, ...a: unknown[]) => ReadResult<typeof name>)(db, ...args));
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
    close: () => Promise.resolve(),
  };
}
