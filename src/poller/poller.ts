/**
 * The schedule: which feeds to poll and when. `pollOnce` is one pass (the `poll` command); `startPoller` keeps
 * polling due feeds beside the web server. Concurrency: at most settings.concurrency feeds at once here, and the
 * shared HTTP client adds its global and per-host limits.
 *
 * Both take `current`, the ingest deps in force now: each feed's poll reads it when it starts, so a settings reload
 * (a new HTTP client and settings, swapped as one by the composition root) applies from the next feed on.
 *
 * A storage error (the database cannot be written: full, read-only, ...) is not the feed's fault and cannot even be
 * recorded on it: the poll rejects with a StorageError. `pollOnce` starts no more feeds and rejects; `startPoller`
 * pauses as its StorageHealth says (5 s doubling to 5 min), logs it once, then probes with one feed at a time until
 * a poll is saved again. Without that pause a feed whose failure cannot be recorded stays due and is fetched
 * again at once, many times a second.
 */
import { createStorageHealth, StorageError, toStorageError, type StorageHealth } from '../db/index.js';
import { refreshFeed, type IngestDeps, type RefreshOutcome } from '../ingest/refresh-feed.js';
import { getFeed, listDueFeeds, listFeeds, nextPollTime, recordFeedFailure, type StoredFeed } from '../store/feeds.js';
import { nextPollAfterFailure } from '../ingest/schedule.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import type { PollerStatus } from '../metrics/health.js';

export interface PollOnceOptions {
  /** Only these feeds (by name, case-insensitive); default every enabled feed. */
  feedNames?: string[];
  /** Poll whether due or not (the `poll` command). Default true. */
  ignoreSchedule?: boolean;
  onFeedDone?: (outcome: RefreshOutcome, done: number, total: number) => void;
  onFeedStart?: (feed: StoredFeed) => void;
}

/**
 * Refreshes one feed; a bug that throws is recorded on the feed like any failure, so one feed never stops a pass.
 * A storage error rejects (as a StorageError naming the file): nothing can be recorded.
 */
export async function refreshFeedSafely(deps: IngestDeps, feed: StoredFeed): Promise<RefreshOutcome> {
  const started = performance.now();
  const outcome = await refreshOrRecordBug(deps, feed);
  deps.metrics?.feedPolled(outcome, (performance.now() - started) / 1000);
  return outcome;
}

async function refreshOrRecordBug(deps: IngestDeps, feed: StoredFeed): Promise<RefreshOutcome> {
  try {
    return await refreshFeed(deps, feed);
  } catch (err) {
    const storage = toStorageError(err, deps.db.name);
    if (storage) throw storage;
    const message = `internal error while polling ${feed.name}: ${(err as Error).message} — please report this; the feed is retried with backoff`;
    deps.log.error({ feedId: feed.id, feed: feed.name, err }, message);
    const now = (deps.clock ?? Date.now)();
    recordFeedFailure(deps.db, feed.id, {
      polledAt: new Date(now).toISOString(),
      status: null,
      code: 'internal',
      message,
      nextPollAt: nextPollAfterFailure({ intervalSec: feed.intervalSec, settings: deps.settings, now, errorCount: feed.errorCount + 1, retryAfterMs: null }),
    });
    return { feed: feed.name, feedId: feed.id, status: 'error', newItemIds: [], updated: 0, merged: 0, error: { code: 'internal', status: null, message, retryAfterMs: null } };
  }
}

export class UnknownFeedError extends Error {
  readonly code = 'unknown_feed';
}

/** One pass over every enabled feed (or the named ones). */
export async function pollOnce(current: () => IngestDeps, options: PollOnceOptions = {}): Promise<RefreshOutcome[]> {
  const deps = current();
  const now = new Date((deps.clock ?? Date.now)()).toISOString();
  let feeds = options.ignoreSchedule === false ? listDueFeeds(deps.db, now) : listFeeds(deps.db).filter((f) => f.enabled);
  if (options.feedNames?.length) {
    const all = listFeeds(deps.db);
    feeds = options.feedNames.map((name) => {
      const feed = all.find((f) => f.name.toLowerCase() === name.toLowerCase());
      if (!feed) throw new UnknownFeedError(`no feed named "${name}" in the configuration; \`prayerwire feeds\` lists them`);
      return feed;
    });
  }
  let done = 0;
  let storageFailure: StorageError | null = null;
  return mapConcurrent(feeds, deps.settings.concurrency, async (feed) => {
    // Every later feed would fail the same way: start no more.
    if (storageFailure) throw storageFailure;
    options.onFeedStart?.(feed);
    try {
      const outcome = await refreshFeedSafely(current(), feed);
      options.onFeedDone?.(outcome, ++done, feeds.length);
      return outcome;
    } catch (err) {
      if (err instanceof StorageError) storageFailure ??= err;
      throw err;
    }
  });
}

export interface PollerOptions {
  /** Shared with the extraction queue and /health; default a private one (5 s doubling to 5 min). */
  storage?: StorageHealth;
}

export interface RunningPoller {
  /** What the health check and the metrics read: when it last looked at the schedule, finished a poll, and more. */
  status(): PollerStatus;
  /** Polls this feed as soon as a slot is free. */
  pollNow(feedId: number): Promise<RefreshOutcome | null>;
  /** Re-reads the schedule (after a config change). */
  wake(): void;
  stop(): Promise<void>;
}

const MAX_SLEEP_MS = 60_000;

/** Polls due feeds on their schedule until stopped. */
export function startPoller(current: () => IngestDeps, onOutcome?: (outcome: RefreshOutcome) => void, options: PollerOptions = {}): RunningPoller {
  const storage = options.storage ?? createStorageHealth({ file: current().db.name, log: current().log });
  const running = new Map<number, Promise<RefreshOutcome>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const clock = () => (current().clock ?? Date.now)();
  const state: Omit<PollerStatus, 'polling'> = { startedAt: clock(), lastTickAt: null, lastPollDoneAt: null, nextDueAt: null };

  // Whatever happens around one poll (a throwing outcome handler, a database error while recording a failure),
  // the feed leaves `running` and the schedule goes on: otherwise it is never polled again by this process, and
  // the rejection, unhandled on the scheduled path, would end the process.
  const run = (feed: StoredFeed): Promise<RefreshOutcome> => {
    const existing = running.get(feed.id);
    if (existing) return existing;
    const p = refreshFeedSafely(current(), feed)
      .then((outcome) => {
        // The poll's outcome was saved on the feed: the database takes writes.
        storage.recovered();
        try {
          onOutcome?.(outcome);
        } catch (err) {
          current().log.error({ feedId: feed.id, feed: feed.name, err }, `poller: handling the outcome of ${feed.name} failed`);
        }
        return outcome;
      })
      .catch((err: unknown) => {
        // Logged once by `storage` (not once per attempt); the poller pauses.
        storage.report(err);
        throw err;
      })
      .finally(() => {
        running.delete(feed.id);
        state.lastPollDoneAt = clock();
        if (!stopped) tick();
      });
    running.set(feed.id, p);
    return p;
  };

  const tick = () => {
    clearTimeout(timer);
    if (stopped) return;
    let wait = MAX_SLEEP_MS;
    const deps = current();
    const paused = storage.pausedFor();
    if (paused > 0) {
      // The database cannot be written: nothing a poll finds could be saved. Wait out the pause.
      timer = setTimeout(tick, Math.min(paused, MAX_SLEEP_MS));
      timer.unref();
      return;
    }
    // After a pause, one feed at a time probes whether the database takes writes again.
    const limit = storage.failing() ? 1 : deps.settings.concurrency;
    try {
      const now = (deps.clock ?? Date.now)();
      state.lastTickAt = now;
      for (const feed of listDueFeeds(deps.db, new Date(now).toISOString())) {
        if (running.size >= limit) break;
        if (!running.has(feed.id)) {
          run(feed).catch((err: unknown) => {
            if (!toStorageError(err, deps.db.name)) deps.log.error({ feedId: feed.id, feed: feed.name, err }, `poller: polling ${feed.name} failed`);
          });
        }
      }
      const next = nextPollTime(deps.db);
      const dueAt = next === null ? now + MAX_SLEEP_MS : next === '' ? now : Date.parse(next);
      state.nextDueAt = next === null ? null : dueAt;
      if (running.size < limit) wait = Math.min(Math.max(dueAt - now, 1000), MAX_SLEEP_MS);
    } catch (err) {
      if (storage.report(err)) wait = Math.max(storage.pausedFor(), 1000);
      else deps.log.error({ err }, 'poller: could not read the schedule; trying again in a minute');
    }
    timer = setTimeout(tick, wait);
    timer.unref();
  };

  setImmediate(tick);
  return {
    status: () => ({ ...state, polling: running.size }),
    async pollNow(feedId) {
      const feed = getFeed(current().db, feedId);
      return feed ? run(feed) : null;
    },
    wake: () => setImmediate(tick),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled(running.values());
    },
  };
}
