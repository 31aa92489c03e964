/**
 * refreshFeed: one poll of one feed, top to bottom. fetch (conditional GET) -> parse (with autodiscovery when the
 * URL is an HTML page) -> de-duplicate and store in one transaction -> record the fetch state and the next poll.
 * Never throws for a bad feed: every failure becomes a recorded state with a reason.
 */
import type { Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import type { FetchOptions, FetchResponse, FetchResult } from '../fetcher/types.js';
import type { Logger } from '../log/create-logger.js';
import type { Settings } from '../model/feed.js';
import { parseFeed } from '../parser/index.js';
import { ParseError, type ParsedFeed, type ParsedItem } from '../parser/types.js';
import { hintSeconds, nextPollAfterFailure, nextPollAfterSuccess } from './schedule.js';
import { deferFeed, recordFeedFailure, recordFeedNotModified, recordFeedSuccess, type StoredFeed } from '../store/feeds.js';
import { applyFeedItems, type ExtractionStatus } from '../store/items.js';
import { describeFetchFailure, describeHttpStatus, type FeedFailureInfo } from './describe-failure.js';

export interface HttpClient {
  fetch(url: string, options?: Partial<FetchOptions>): Promise<FetchResult>;
}

/** One snapshot of what a poll needs; a settings reload builds a new one instead of changing this one. */
export interface IngestDeps {
  readonly db: Db;
  readonly http: HttpClient;
  readonly settings: Settings;
  readonly log: Logger;
  clock?: () => number;
  random?: () => number;
  /** Decides a new item's extraction state from its feed's policy. Default: 'skipped' for extract: never, else 'pending'. */
  initialExtraction?: (feed: StoredFeed, item: ParsedItem) => ExtractionStatus;
  /**
   * Called inside the poll's transaction with the ids of items whose content changed (their country suggestions
   * are recomputed). New items are finished after extraction (see App.finishNewItems in src/app/), off the poll's path.
   */
  onItemsUpdated?: (itemIds: number[]) => void;
  /** Where each poll is counted (the metrics registry, wired by the composition root); absent: not counted. */
  metrics?: { feedPolled(outcome: RefreshOutcome, seconds: number): void };
}

/**
 * deferred: not fetched because the host's Retry-After has not passed, or the request was cancelled on our side;
 * rescheduled, not counted as an error.
 */
export type RefreshStatus = 'ok' | 'not_modified' | 'error' | 'deferred';

export interface RefreshOutcome {
  feed: string;
  feedId: number;
  status: RefreshStatus;
  newItemIds: number[];
  updated: number;
  merged: number;
  error: FeedFailureInfo | null;
}

/** Delay before retrying a poll whose request we cancelled ourselves. */
const CANCELLED_RETRY_MS = 1000;

const defaultExtraction = (feed: StoredFeed): ExtractionStatus => (feed.extract === 'never' ? 'skipped' : 'pending');

const clockOf = (deps: IngestDeps) => deps.clock ?? Date.now;

export async function refreshFeed(deps: IngestDeps, feed: StoredFeed): Promise<RefreshOutcome> {
  const now = deps.clock ?? Date.now;
  const startedAt = now();
  const url = feed.fetchUrl ?? feed.url;
  const log = deps.log.child({ feedId: feed.id, feed: feed.name });
  const outcome: RefreshOutcome = { feed: feed.name, feedId: feed.id, status: 'ok', newItemIds: [], updated: 0, merged: 0, error: null };

  const fail = (info: FeedFailureInfo, fetchUrl?: string | null): RefreshOutcome => {
    const nextPollAt = nextPollAfterFailure({
      intervalSec: feed.intervalSec,
      settings: deps.settings,
      now: now(),
      errorCount: feed.errorCount + 1,
      retryAfterMs: info.retryAfterMs,
      random: deps.random,
      maxErrors: deps.settings.maxErrors,
    });
    recordFeedFailure(deps.db, feed.id, {
      polledAt: new Date(startedAt).toISOString(),
      status: info.status,
      code: info.code,
      message: info.message,
      nextPollAt,
      fetchUrl,
    });
    log.warn({ code: info.code, status: info.status, nextPollAt }, info.message);
    return { ...outcome, status: 'error', error: info };
  };

  // The request was cancelled on our side (the HTTP client was closed or replaced by a settings reload): nothing is
  // known about the feed, so nothing is counted against it. It is tried again shortly (not at once, so a closed
  // client can never make the poller spin).
  const cancelled = (): RefreshOutcome => {
    deferFeed(deps.db, feed.id, new Date(now() + CANCELLED_RETRY_MS).toISOString());
    log.info('poll cancelled before it finished (HTTP client closed); tried again shortly');
    return { ...outcome, status: 'deferred' };
  };

  const res = await fetchFeed(deps, url, feed);
  if (!res.ok && res.code === 'aborted') return cancelled();
  if (!res.ok && res.code === 'deferred') {
    // Not sent at all: the host asked (Retry-After) not to be contacted yet. Politeness, not the feed's fault.
    // Capped like every other wait, so an absurd Retry-After cannot silence the feed for months.
    const capMs = Math.max(feed.intervalSec, deps.settings.maxIntervalSec) * 1000;
    const nextPollAt = new Date(now() + Math.min(res.retryAfterMs ?? 0, capMs)).toISOString();
    deferFeed(deps.db, feed.id, nextPollAt);
    log.info({ nextPollAt }, 'host asked us to wait (Retry-After); poll deferred');
    return { ...outcome, status: 'deferred' };
  }
  if (!res.ok) return fail(describeFetchFailure(res));
  if (res.notModified) {
    const hintSec = res.maxAgeSec ? hintSeconds({ maxAgeSec: res.maxAgeSec }) : null;
    const nextPollAt = nextPollAfterSuccess({ intervalSec: feed.intervalSec, settings: deps.settings, now: now(), hintSec: hintSec ?? feed.hintSec });
    recordFeedNotModified(deps.db, feed.id, new Date(startedAt).toISOString(), nextPollAt, hintSec);
    log.debug('not modified');
    return { ...outcome, status: 'not_modified' };
  }
  if (res.status < 200 || res.status >= 300) return fail(describeHttpStatus(res.status, res.url, res.retryAfterMs));

  const parsed = await parseWithDiscovery(deps, feed, res, log);
  if ('error' in parsed) return parsed.error.code === 'aborted' ? cancelled() : fail(parsed.error, parsed.fetchUrl);
  const { doc, response, fetchUrl } = parsed;

  if (response.permanentUrl && response.permanentUrl !== url) {
    log.info({ from: url, to: response.permanentUrl }, `feed moved permanently; polling ${response.permanentUrl} from now on`);
  }
  const hintSec = hintSeconds({ ttlMinutes: doc.ttlMinutes, updatePeriodMinutes: doc.updatePeriodMinutes, maxAgeSec: response.maxAgeSec });
  const seenAt = new Date(startedAt).toISOString();
  const decide = deps.initialExtraction ?? defaultExtraction;
  const applied = inTransaction(deps.db, () => {
    const result = applyFeedItems(deps.db, feed.id, doc.items, seenAt, (item) => decide(feed, item));
    if (deps.onItemsUpdated && result.updatedItemIds.length) deps.onItemsUpdated(result.updatedItemIds);
    recordFeedSuccess(deps.db, feed.id, {
      polledAt: seenAt,
      status: response.status,
      etag: response.etag,
      lastModified: response.lastModified,
      fetchUrl: fetchUrl ?? (response.permanentUrl && response.permanentUrl !== url ? response.permanentUrl : null),
      title: doc.title,
      siteUrl: doc.siteUrl,
      hintSec,
      nextPollAt: nextPollAfterSuccess({ intervalSec: feed.intervalSec, settings: deps.settings, now: now(), hintSec }),
    });
    return result;
  });
  for (const w of doc.warnings) log.info({ warning: w }, 'feed parsed with a warning');
  // Once per item: when it is first stored (an unchanged item is not stored again).
  for (const { id, item } of applied.newItems) {
    if (item.truncated) log.warn({ itemId: id, url: item.url, truncated: item.truncated }, 'item fields over their length caps were cut');
  }
  log.debug({ new: applied.newItems.length, updated: applied.updated, merged: applied.merged }, 'polled');
  return { ...outcome, newItemIds: applied.newItems.map((n) => n.id), updated: applied.updated, merged: applied.merged };
}

function fetchFeed(deps: IngestDeps, url: string, feed: StoredFeed | null): Promise<FetchResult> {
  return deps.http.fetch(url, {
    etag: feed?.etag ?? null,
    lastModified: feed?.lastModified ?? null,
    maxBytes: deps.settings.maxFeedBytes,
    timeoutMs: deps.settings.timeoutMs,
  });
}

type ParseOutcome =
  | { doc: ParsedFeed; response: FetchResponse; fetchUrl: string | null }
  | { error: FeedFailureInfo; fetchUrl?: string | null };

/** Parses the response; when it is an HTML page, follows its first advertised feed once (autodiscovery). */
async function parseWithDiscovery(deps: IngestDeps, feed: StoredFeed, res: FetchResponse, log: Logger): Promise<ParseOutcome> {
  try {
    return { doc: await parseFeed(res.body, { url: res.url, contentType: res.contentType, now: clockOf(deps)() }), response: res, fetchUrl: null };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    if (err.code !== 'html_page' || !err.discovered.length) return { error: describeParseError(err, res.url) };
    const discovered = err.discovered[0]!;
    log.info({ page: res.url, feedUrl: discovered, candidates: err.discovered }, `autodiscovery: ${res.url} is a web page; using its feed ${discovered}`);
    const second = await fetchFeed(deps, discovered, null);
    // The failure names the hop: the feed URL is not in feeds.yml, the page that advertised it is.
    const hop = (info: FeedFailureInfo): FeedFailureInfo => ({ ...info, message: `autodiscovery (${res.url} advertises ${discovered}): ${info.message}` });
    if (!second.ok) return { error: hop(describeFetchFailure(second)) };
    if (second.status < 200 || second.status >= 300) return { error: hop(describeHttpStatus(second.status, second.url, second.retryAfterMs)) };
    try {
      const doc = await parseFeed(second.body, { url: second.url, contentType: second.contentType, now: clockOf(deps)() });
      return { doc, response: second, fetchUrl: second.permanentUrl ?? discovered };
    } catch (err2) {
      if (!(err2 instanceof ParseError)) throw err2;
      return { error: describeParseError(err2, second.url) };
    }
  }
}

function describeParseError(err: ParseError, url: string): FeedFailureInfo {
  const advice: Record<string, string> = {
    html_page: 'the URL returns a web page that advertises no feed; find the feed URL (often /feed or /rss) and put it in feeds.yml',
    malformed: 'the feed is not well-formed XML and nothing could be recovered; tell the publisher, prayerwire keeps retrying',
    empty: 'the server returned an empty document',
    not_a_feed: 'the document is not RSS, Atom or JSON Feed; check the URL in feeds.yml',
  };
  return { code: `parse_${err.code}`, status: null, message: `${url}: ${err.message} — ${advice[err.code] ?? ''}`, retryAfterMs: null };
}
