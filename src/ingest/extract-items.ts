/**
 * The extraction stage: fetch each new item's page with the shared HTTP client, decode it, run the extractor pool,
 * store the article or the reason it could not be had. Every failure is a recorded state; the feed's own text
 * stays as the fallback.
 */
import { toStorageError, type Db, type StorageError } from '../db/index.js';
import type { ExtractResult } from '../extractor/types.js';
import type { Logger } from '../log/create-logger.js';
import type { Settings } from '../model/feed.js';
import { decodeText } from '../parser/index.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import {
  listExtractionCandidates,
  recordExtractionFailure,
  recordExtractionSuccess,
  type ExtractionCandidate,
  type ExtractionQuery,
} from '../store/extraction.js';
import type { HttpClient } from './refresh-feed.js';

export interface ArticleExtractor {
  extract(html: string, url: string): Promise<ExtractResult>;
}

/** One snapshot of what extraction needs; a settings reload builds a new one instead of changing this one. */
export interface ExtractDeps {
  readonly db: Db;
  readonly http: HttpClient;
  readonly settings: Settings;
  readonly log: Logger;
  readonly extractor: ArticleExtractor;
  clock?: () => number;
  /** Where each extraction is counted and timed (the metrics registry); absent: not counted. */
  readonly metrics?: { extractionFinished(outcome: ExtractionOutcome, seconds: number): void };
}

/**
 * What became of one item. 'cancelled' (our HTTP client or the extractor pool was closed or replaced: prayerwire is
 * stopping or reloading) and 'deferred' (the host asked us,
 * with Retry-After, to wait longer than the request's deadline) are not the page's fault: nothing is recorded and
 * the item stays pending, to be extracted by a later pass.
 */
export type ExtractionOutcome =
  | { itemId: number; status: 'done'; mergedInto: number | null }
  | { itemId: number; status: 'failed'; code: string; reason: string }
  | { itemId: number; status: 'cancelled'; reason: string }
  | { itemId: number; status: 'deferred'; retryAfterMs: number; reason: string };

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml|text\/plain)\b/i;

interface PageFailure {
  code: string;
  reason: string;
  finalUrl: string | null;
}

function describeStatus(status: number): PageFailure['code'] {
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 402) return 'paywall';
  return 'http_status';
}

const STATUS_REASON: Record<string, string> = {
  forbidden: 'the site refused access (it may be paywalled or block bots); the feed\'s own text is kept',
  paywall: 'the site asks for payment (HTTP 402); the feed\'s own text is kept',
  http_status: 'the page could not be fetched; the feed\'s own text is kept',
};

/** Extracts one item's page; never throws for a bad page. */
export async function extractItem(deps: ExtractDeps, candidate: ExtractionCandidate): Promise<ExtractionOutcome> {
  const at = () => new Date((deps.clock ?? Date.now)()).toISOString();
  const fail = (f: PageFailure): ExtractionOutcome => {
    recordExtractionFailure(deps.db, candidate.id, { ...f, at: at() });
    deps.log.info({ itemId: candidate.id, feed: candidate.feed, url: candidate.url, code: f.code }, `extraction failed: ${f.reason}`);
    return { itemId: candidate.id, status: 'failed', code: f.code, reason: f.reason };
  };
  const res = await deps.http.fetch(candidate.url, { accept: PAGE_ACCEPT, maxBytes: deps.settings.maxPageBytes, timeoutMs: deps.settings.timeoutMs });
  if (!res.ok && res.code === 'aborted') {
    // Cancelled on our side (client closed or replaced by a settings reload): not the page's fault; it stays pending.
    deps.log.info({ itemId: candidate.id, feed: candidate.feed, url: candidate.url }, 'extraction cancelled; the item stays pending');
    return { itemId: candidate.id, status: 'cancelled', reason: res.message };
  }
  if (!res.ok && res.code === 'deferred') {
    deps.log.info({ itemId: candidate.id, feed: candidate.feed, url: candidate.url, retryAfterMs: res.retryAfterMs }, 'host asked us to wait (Retry-After); the item stays pending');
    return { itemId: candidate.id, status: 'deferred', retryAfterMs: res.retryAfterMs ?? 0, reason: res.message };
  }
  if (!res.ok) return fail({ code: res.code, reason: res.message, finalUrl: null });
  if (res.status < 200 || res.status >= 300) {
    const code = describeStatus(res.status);
    return fail({ code, reason: `HTTP ${res.status} from ${res.url}: ${STATUS_REASON[code]}`, finalUrl: res.url });
  }
  const type = res.contentType ?? 'text/html';
  if (!HTML_TYPES.test(type)) {
    return fail({ code: 'not_html', reason: `${res.url} is ${type.split(';')[0]}, not a web page; the feed's own text is kept`, finalUrl: res.url });
  }
  const { text } = decodeText(res.body, res.contentType, { html: true });
  const result = await deps.extractor.extract(text, res.url);
  if (!result.ok && result.code === 'cancelled') {
    deps.log.info({ item: candidate.id, url: candidate.url }, 'extraction cancelled (prayerwire is stopping); the item stays pending');
    return { itemId: candidate.id, status: 'cancelled', reason: result.message };
  }
  if (!result.ok) return fail({ code: result.code, reason: result.message, finalUrl: res.url });
  const saved = recordExtractionSuccess(deps.db, candidate.id, result.article, res.url, at());
  if (saved.mergedInto) deps.log.info({ itemId: candidate.id, feed: candidate.feed, into: saved.mergedInto }, 'same article as another item (canonical URL): merged');
  return { itemId: candidate.id, status: 'done', mergedInto: saved.mergedInto };
}

export interface ExtractItemsOptions {
  /** Pages at once (default 4). */
  concurrency?: number;
  /** Once aborted (prayerwire is stopping), the candidates not yet started are left pending ('cancelled'). */
  signal?: AbortSignal;
}

/**
 * Extracts every candidate matching the query, a few pages at a time. `current` gives the deps in force now: each
 * page reads it when it starts, so a settings reload applies from the next page on.
 *
 * A storage error (the database cannot be written: full, read-only, ...) is nobody's page's fault: nothing more is
 * started, the items stay pending, and the pass rejects with a StorageError naming the file.
 */
export async function extractItems(current: () => ExtractDeps, query: ExtractionQuery = {}, options: ExtractItemsOptions = {}): Promise<ExtractionOutcome[]> {
  const candidates = listExtractionCandidates(current().db, query);
  let storageFailure: StorageError | null = null;
  const outcomes = await mapConcurrent(candidates, options.concurrency ?? 4, async (c): Promise<ExtractionOutcome> => {
    if (storageFailure) return { itemId: c.id, status: 'cancelled', reason: 'not started: the database cannot be written' };
    if (options.signal?.aborted) return { itemId: c.id, status: 'cancelled', reason: 'not started: prayerwire is stopping' };
    const deps = current();
    const started = performance.now();
    const outcome = await extractOrRecordBug(deps, c, (storage) => {
      storageFailure ??= storage;
    });
    deps.metrics?.extractionFinished(outcome, (performance.now() - started) / 1000);
    return outcome;
  });
  if (storageFailure) throw storageFailure;
  return outcomes;
}

/**
 * extractItem, with a bug that throws recorded on the item like any failure; a storage error is reported to
 * `onStorageError` and leaves the item pending (cancelled), since no page is at fault.
 */
async function extractOrRecordBug(deps: ExtractDeps, c: ExtractionCandidate, onStorageError: (err: StorageError) => void): Promise<ExtractionOutcome> {
  try {
    return await extractItem(deps, c);
  } catch (err) {
    const storage = toStorageError(err, deps.db.name);
    if (storage) {
      onStorageError(storage);
      return { itemId: c.id, status: 'cancelled', reason: storage.message };
    }
    const reason = `internal error: ${(err as Error).message}`;
    deps.log.error({ itemId: c.id, feed: c.feed, err }, reason);
    recordExtractionFailure(deps.db, c.id, { code: 'internal', reason, finalUrl: null, at: new Date().toISOString() });
    return { itemId: c.id, status: 'failed', code: 'internal', reason };
  }
}
