/**
 * The schedule: which feeds to poll and when. `pollOnce` is one pass (the `poll` command); `startPoller` keeps
 * polling due feeds beside the web server. Concurrency: at most settings.concurrency feeds at once here, and the
 * shared HTTP client adds its global and per-host limits.
 *
 * Both take `current`, the ingest deps in force now: each feed's poll reads it when it starts, so a settings reload
 * (a new HTTP client and settings, swapped as one by the composition root) applies from the next feed on.
 */
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

/** Refreshes one feed; a bug that throws is recorded on the feed like any failure, so one feed never stops a pass. */
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
  return mapConcurrent(feeds, deps.settings.concurrency, async (feed) => {
    options.onFeedStart?.(feed);
    const outcome = await refreshFeedSafely(current(), feed);
    options.onFeedDone?.(outcome, ++done, feeds.length);
    return outcome;
  });
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
export function startPoller(current: () => IngestDeps, onOutcome?: (outcome: RefreshOutcome) => void): RunningPoller {
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
        try {
          onOutcome?.(outcome);
        } catch (err) {
          current().log.error({ feedId: feed.id, feed: feed.name, err }, `poller: handling the outcome of ${feed.name} failed`);
        }
        return outcome;
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
    try {
      const now = (deps.clock ?? Date.now)();
      state.lastTickAt = now;
      for (const feed of listDueFeeds(deps.db, new Date(now).toISOString())) {
        if (running.size >= deps.settings.concurrency) break;
        if (!running.has(feed.id)) run(feed).catch((err: unknown) => deps.log.error({ feedId: feed.id, feed: feed.name, err }, `poller: polling ${feed.name} failed`));
      }
      const next = nextPollTime(deps.db);
      const dueAt = next === null ? now + MAX_SLEEP_MS : next === '' ? now : Date.parse(next);
      state.nextDueAt = next === null ? null : dueAt;
      if (running.size < deps.settings.concurrency) wait = Math.min(Math.max(dueAt - now, 1000), MAX_SLEEP_MS);
    } catch (err) {
      deps.log.error({ err }, 'poller: could not read the schedule; trying again in a minute');
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
