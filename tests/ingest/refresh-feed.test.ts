/**
 * refreshFeed with a fake HTTP client answering canned results (the loopback versions are in poll.test.ts):
 * what each answer leaves on the feed row (validators, status, error streak, next poll by an injected clock) and
 * which items are stored. The database is real (a fresh file with the migrations), so is the parser.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { openDatabase, type Db } from '../../src/db/index.js';
import type { FetchErrorCode, FetchFailure, FetchOptions, FetchResponse, FetchResult } from '../../src/fetcher/types.js';
import { refreshFeed, type HttpClient, type IngestDeps } from '../../src/ingest/refresh-feed.js';
import { silentLogger } from '../../src/log/create-logger.js';
import { getFeedByName, syncFeeds, type StoredFeed } from '../../src/store/feeds.js';
import { getItemRow } from '../../src/store/items.js';

interface FakeRequest {
  url: string;
  options: Partial<FetchOptions>;
}

/**
 * An HttpClient that answers each request with the next canned result, in order, and records what it was asked.
 * A request beyond the canned results fails the test.
 */
function fakeHttpClient(responses: FetchResult[]): HttpClient & { requests: FakeRequest[] } {
  const queue = [...responses];
  const requests: FakeRequest[] = [];
  return {
    requests,
    fetch(url, options = {}) {
      requests.push({ url, options });
      const next = queue.shift();
      if (!next) throw new Error(`fakeHttpClient: unexpected request #${requests.length} for ${url}`);
      return Promise.resolve(next);
    },
  };
}

const FEED_URL = 'https://alpha.example/feed.xml';

/** A response that arrived: 200 unless `over.status` says otherwise. */
function response(body: string, over: Partial<FetchResponse> = {}): FetchResponse {
  return {
    ok: true,
    status: 200,
    url: FEED_URL,
    redirects: [],
    permanentUrl: null,
    headers: {},
    body: Buffer.from(body),
    notModified: false,
    contentType: 'application/rss+xml; charset=utf-8',
    etag: null,
    lastModified: null,
    retryAfterMs: null,
    maxAgeSec: null,
    ...over,
  };
}

const notModified = (over: Partial<FetchResponse> = {}) => response('', { status: 304, notModified: true, contentType: null, ...over });
const failure = (code: FetchErrorCode, message: string, over: Partial<FetchFailure> = {}): FetchFailure => ({ ok: false, code, message, url: FEED_URL, ...over });

const rss = (items: [guid: string, title: string][]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Alpha News</title><link>https://alpha.example/</link><description>d</description>${items
    .map(([guid, title]) => `<item><title>${title}</title><link>https://alpha.example/${guid}</link><guid>${guid}</guid><pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate><description>About ${title}</description></item>`)
    .join('')}</channel></rss>`;

const V1 = rss([['a1', 'First report'], ['a2', 'Second report']]);
const V1_ETAG = '"v1"';
const V1_LAST_MODIFIED = 'Sun, 01 Mar 2026 11:00:00 GMT';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const INTERVAL_SEC = 1800;
const iso = (ms: number) => new Date(ms).toISOString();

let db: Db;
let nowMs: number;
let updatedCalls: number[][];

function makeDeps(http: HttpClient, settingsYaml = ''): IngestDeps {
  const config = parseConfig(
    `${settingsYaml ? `settings:\n${settingsYaml}` : ''}feeds:\n  - name: alpha\n    url: ${FEED_URL}\n    interval: ${INTERVAL_SEC}\n  - name: beta\n    url: https://beta.example/feed.xml\n    extract: never\n`,
    'feeds.yml',
  );
  syncFeeds(db, config.feeds);
  return {
    db,
    http,
    settings: config.settings,
    log: silentLogger(),
    clock: () => nowMs,
    // Jitter factor 0.8 + 0.4 * 0.5 = 1: backoff delays come out exact.
    random: () => 0.5,
    onItemsUpdated: (ids) => updatedCalls.push(ids),
  };
}

const feed = (name = 'alpha'): StoredFeed => getFeedByName(db, name)!;
const itemTitles = () => (db.prepare('SELECT title FROM items ORDER BY id').pluck().all() as string[]);
const snapshot = () => ({
  items: db.prepare('SELECT * FROM items ORDER BY id').all(),
  sources: db.prepare('SELECT * FROM item_sources ORDER BY item_id, feed_id').all(),
});

/** Polls the feed once with the client's next answer. */
const poll = (deps: IngestDeps, name = 'alpha') => refreshFeed(deps, feed(name));

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'pw-refresh-')), 'test.db'));
  nowMs = T0;
  updatedCalls = [];
});

afterEach(() => db.close());

describe('refreshFeed on a 200', () => {
  it('stores the items and the validators, and schedules the next poll one interval on', async () => {
    const http = fakeHttpClient([response(V1, { etag: V1_ETAG, lastModified: V1_LAST_MODIFIED })]);
    const deps = makeDeps(http);
    const out = await poll(deps);
    expect(out).toMatchObject({ feed: 'alpha', status: 'ok', updated: 0, merged: 0, error: null });
    expect(out.newItemIds).toHaveLength(2);
    expect(http.requests).toEqual([
      { url: FEED_URL, options: { etag: null, lastModified: null, maxBytes: deps.settings.maxFeedBytes, timeoutMs: deps.settings.timeoutMs } },
    ]);
    expect(feed()).toMatchObject({
      etag: V1_ETAG,
      lastModified: V1_LAST_MODIFIED,
      lastStatus: 200,
      lastPolledAt: iso(T0),
      lastSuccessAt: iso(T0),
      errorCount: 0,
      lastError: null,
      lastErrorCode: null,
      title: 'Alpha News',
      siteUrl: 'https://alpha.example/',
      fetchUrl: null,
      hintSec: null,
      nextPollAt: iso(T0 + INTERVAL_SEC * 1000),
    });
    expect(itemTitles()).toEqual(['First report', 'Second report']);
    expect(out.newItemIds.map((id) => getItemRow(db, id)!.extraction_status)).toEqual(['pending', 'pending']);
    expect(updatedCalls).toEqual([]);
  });

  it('lengthens the next poll by the publisher\'s hints (max-age, ttl)', async () => {
    const withTtl = V1.replace('<description>d</description>', '<description>d</description><ttl>90</ttl>');
    const deps = makeDeps(fakeHttpClient([response(V1, { maxAgeSec: 3600 }), response(withTtl)]));
    await poll(deps);
    expect(feed()).toMatchObject({ hintSec: 3600, nextPollAt: iso(T0 + 3600_000) });
    await poll(deps);
    expect(feed()).toMatchObject({ hintSec: 5400, nextPollAt: iso(T0 + 5400_000) });
  });

  it('marks new items of an extract: never feed skipped', async () => {
    const http = fakeHttpClient([response(V1, { url: 'https://beta.example/feed.xml' })]);
    const out = await poll(makeDeps(http), 'beta');
    expect(out.newItemIds.map((id) => getItemRow(db, id)!.extraction_status)).toEqual(['skipped', 'skipped']);
  });

  it('stores nothing new when the same document comes again (a server without validators)', async () => {
    const deps = makeDeps(fakeHttpClient([response(V1), response(V1)]));
    await poll(deps);
    const before = snapshot();
    nowMs += INTERVAL_SEC * 1000;
    const out = await poll(deps);
    expect(out).toMatchObject({ status: 'ok', newItemIds: [], updated: 0, merged: 0 });
    expect(snapshot()).toEqual(before);
    expect(feed()).toMatchObject({ lastPolledAt: iso(nowMs), nextPollAt: iso(nowMs + INTERVAL_SEC * 1000) });
  });

  it('stores a new entry, updates a changed one and reports the changed item', async () => {
    const v2 = rss([['a1', 'First report, corrected'], ['a2', 'Second report'], ['a3', 'Third report']]);
    const deps = makeDeps(fakeHttpClient([response(V1, { etag: V1_ETAG }), response(v2, { etag: '"v2"' })]));
    const first = await poll(deps);
    const second = await poll(deps);
    expect(second).toMatchObject({ status: 'ok', updated: 1, merged: 0 });
    expect(second.newItemIds).toHaveLength(1);
    expect(updatedCalls).toEqual([[first.newItemIds[0]]]);
    expect(itemTitles()).toEqual(['First report, corrected', 'Second report', 'Third report']);
    expect(feed().etag).toBe('"v2"');
  });
});

describe('refreshFeed on a 304', () => {
  it('sends the stored validators, stores nothing and only moves the schedule', async () => {
    const http = fakeHttpClient([response(V1, { etag: V1_ETAG, lastModified: V1_LAST_MODIFIED }), notModified()]);
    const deps = makeDeps(http);
    await poll(deps);
    const before = snapshot();
    nowMs = T0 + INTERVAL_SEC * 1000;
    const out = await poll(deps);
    expect(out).toMatchObject({ status: 'not_modified', newItemIds: [], updated: 0, merged: 0, error: null });
    expect(http.requests[1]!.options).toMatchObject({ etag: V1_ETAG, lastModified: V1_LAST_MODIFIED });
    expect(snapshot()).toEqual(before);
    expect(updatedCalls).toEqual([]);
    expect(feed()).toMatchObject({
      etag: V1_ETAG,
      lastModified: V1_LAST_MODIFIED,
      lastStatus: 304,
      lastPolledAt: iso(nowMs),
      lastSuccessAt: iso(nowMs),
      errorCount: 0,
      nextPollAt: iso(nowMs + INTERVAL_SEC * 1000),
    });
  });

  it('takes a max-age sent with the 304 as the new hint', async () => {
    const deps = makeDeps(fakeHttpClient([response(V1, { etag: V1_ETAG }), notModified({ maxAgeSec: 7200 })]));
    await poll(deps);
    await poll(deps);
    expect(feed()).toMatchObject({ hintSec: 7200, nextPollAt: iso(T0 + 7200_000) });
  });

  it('ends an error streak', async () => {
    const deps = makeDeps(fakeHttpClient([response(V1, { etag: V1_ETAG }), response('', { status: 503 }), notModified()]));
    await poll(deps);
    await poll(deps);
    expect(feed().errorCount).toBe(1);
    await poll(deps);
    expect(feed()).toMatchObject({ errorCount: 0, lastError: null, lastErrorCode: null, lastStatus: 304 });
  });
});

describe('refreshFeed on a failure', () => {
  it('records a 404 with its status, code and advice, and retries after one interval', async () => {
    const out = await poll(makeDeps(fakeHttpClient([response('<html>Not found</html>', { status: 404, contentType: 'text/html' })])));
    expect(out).toMatchObject({ status: 'error', newItemIds: [], error: { code: 'http_status', status: 404 } });
    const f = feed();
    expect(f).toMatchObject({
      lastStatus: 404,
      lastErrorCode: 'http_status',
      errorCount: 1,
      lastPolledAt: iso(T0),
      lastErrorAt: iso(T0),
      lastSuccessAt: null,
      etag: null,
      nextPollAt: iso(T0 + INTERVAL_SEC * 1000),
    });
    expect(f.lastError).toMatch(/^HTTP 404 from https:\/\/alpha\.example\/feed\.xml: the feed was not found; check the URL in feeds\.yml/);
    expect(itemTitles()).toEqual([]);
  });

  it('backs off exponentially on repeated 500s and clears the streak on success', async () => {
    const deps = makeDeps(fakeHttpClient([response('', { status: 500 }), response('', { status: 500 }), response(V1)]));
    await poll(deps);
    expect(feed()).toMatchObject({ errorCount: 1, lastStatus: 500, nextPollAt: iso(T0 + INTERVAL_SEC * 1000) });
    nowMs += INTERVAL_SEC * 1000;
    await poll(deps);
    expect(feed()).toMatchObject({ errorCount: 2, nextPollAt: iso(nowMs + 2 * INTERVAL_SEC * 1000) });
    expect(feed().lastError).toMatch(/HTTP 500 .*retries with backoff/);
    nowMs += 2 * INTERVAL_SEC * 1000;
    const out = await poll(deps);
    expect(out.status).toBe('ok');
    expect(feed()).toMatchObject({ errorCount: 0, lastError: null, lastErrorCode: null, lastStatus: 200, lastSuccessAt: iso(nowMs) });
    expect(itemTitles()).toHaveLength(2);
  });

  it('polls a feed past its error limit only at the longest interval', async () => {
    const deps = makeDeps(fakeHttpClient([500, 500, 500].map((status) => response('', { status }))), '  maxErrors: 3\n  maxInterval: 1d\n');
    await poll(deps);
    await poll(deps);
    expect(feed().nextPollAt).toBe(iso(T0 + 2 * INTERVAL_SEC * 1000));
    await poll(deps);
    expect(feed()).toMatchObject({ errorCount: 3, nextPollAt: iso(T0 + 86_400_000) });
  });

  it('records a network error without a status', async () => {
    const out = await poll(makeDeps(fakeHttpClient([failure('network', `Could not connect to alpha.example: ECONNREFUSED`)])));
    expect(out).toMatchObject({ status: 'error', error: { code: 'network', status: null } });
    const f = feed();
    expect(f).toMatchObject({ lastStatus: null, lastErrorCode: 'network', errorCount: 1, nextPollAt: iso(T0 + INTERVAL_SEC * 1000) });
    expect(f.lastError).toBe('Could not connect to alpha.example: ECONNREFUSED — the server could not be reached; check the host name, or wait if it is down');
  });

  it('counts a timeout without Retry-After as an error', async () => {
    await poll(makeDeps(fakeHttpClient([failure('timeout', 'No answer from alpha.example within 30000 ms')])));
    expect(feed()).toMatchObject({ errorCount: 1, lastErrorCode: 'timeout' });
  });

  it('waits at least what a 429\'s Retry-After asks', async () => {
    const out = await poll(makeDeps(fakeHttpClient([response('', { status: 429, retryAfterMs: 7_200_000 })])));
    expect(out).toMatchObject({ status: 'error', error: { code: 'http_status', status: 429, retryAfterMs: 7_200_000 } });
    expect(feed()).toMatchObject({ errorCount: 1, lastStatus: 429, nextPollAt: iso(T0 + 7_200_000) });
    expect(feed().lastError).toMatch(/Retry-After: 7200 s honoured/);
  });

  it('records an unparseable 200 as a parse failure and stores no item', async () => {
    const out = await poll(makeDeps(fakeHttpClient([response('<?xml version="1.0"?><rss version="2.0"><channel><<<<<<')])));
    expect(out.status).toBe('error');
    expect(feed()).toMatchObject({ errorCount: 1, etag: null });
    expect(feed().lastErrorCode).toMatch(/^parse_(malformed|not_a_feed)$/);
    expect(itemTitles()).toEqual([]);
  });
});

describe('refreshFeed when it is not fetched', () => {
  it('defers, without counting an error, when the host\'s Retry-After has not passed', async () => {
    const deps = makeDeps(fakeHttpClient([response('', { status: 500 }), failure('deferred', 'Not fetched: alpha.example asked us (Retry-After) to wait', { retryAfterMs: 600_000 })]));
    await poll(deps);
    const before = feed();
    nowMs += 60_000;
    const out = await poll(deps);
    expect(out).toMatchObject({ status: 'deferred', error: null, newItemIds: [] });
    // Only the schedule moves: the error streak and the last poll stay as they were.
    expect(feed()).toEqual({ ...before, nextPollAt: iso(nowMs + 600_000) });
  });

  it('caps a deferral at the longest interval', async () => {
    const deps = makeDeps(fakeHttpClient([failure('deferred', 'Not fetched', { retryAfterMs: 30 * 86_400_000 })]), '  maxInterval: 6h\n');
    await poll(deps);
    expect(feed()).toMatchObject({ errorCount: 0, lastPolledAt: null, nextPollAt: iso(T0 + 6 * 3600_000) });
  });

  it('tries again shortly, counting nothing, when the request was cancelled on our side', async () => {
    const out = await poll(makeDeps(fakeHttpClient([failure('aborted', 'The HTTP client was closed')])));
    expect(out.status).toBe('deferred');
    expect(feed()).toMatchObject({ errorCount: 0, lastErrorCode: null, lastPolledAt: null, nextPollAt: iso(T0 + 1000) });
  });
});

describe('refreshFeed following the feed elsewhere', () => {
  const NEW_URL = 'https://alpha.example/new-feed.xml';

  it('remembers a permanent redirect and polls the new URL from then on, with its validators', async () => {
    const http = fakeHttpClient([
      response(V1, { url: NEW_URL, permanentUrl: NEW_URL, redirects: [{ from: FEED_URL, to: NEW_URL, status: 301 }], etag: V1_ETAG }),
      notModified({ url: NEW_URL }),
    ]);
    const deps = makeDeps(http);
    await poll(deps);
    expect(feed()).toMatchObject({ url: FEED_URL, fetchUrl: NEW_URL, etag: V1_ETAG });
    await poll(deps);
    expect(http.requests.map((r) => [r.url, r.options.etag])).toEqual([
      [FEED_URL, null],
      [NEW_URL, V1_ETAG],
    ]);
  });

  it('keeps polling the configured URL after a temporary redirect', async () => {
    const http = fakeHttpClient([response(V1, { url: NEW_URL, redirects: [{ from: FEED_URL, to: NEW_URL, status: 302 }] }), notModified()]);
    const deps = makeDeps(http);
    await poll(deps);
    expect(feed().fetchUrl).toBeNull();
    await poll(deps);
    expect(http.requests.map((r) => r.url)).toEqual([FEED_URL, FEED_URL]);
  });

  it('follows an HTML page to the feed it advertises, then polls that feed directly', async () => {
    const page = '<!doctype html><html><head><title>Alpha</title><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>';
    const discovered = 'https://alpha.example/rss.xml';
    const http = fakeHttpClient([
      response(page, { contentType: 'text/html; charset=utf-8', etag: '"page"' }),
      response(V1, { url: discovered, etag: V1_ETAG }),
      notModified({ url: discovered }),
    ]);
    const deps = makeDeps(http);
    const out = await poll(deps);
    expect(out.status).toBe('ok');
    expect(out.newItemIds).toHaveLength(2);
    expect(feed()).toMatchObject({ fetchUrl: discovered, etag: V1_ETAG });
    await poll(deps);
    // The discovered feed is asked for without the page's validators, then with its own.
    expect(http.requests.map((r) => [r.url, r.options.etag])).toEqual([
      [FEED_URL, null],
      [discovered, null],
      [discovered, V1_ETAG],
    ]);
  });

  it('records a failure of the discovered feed against the feed', async () => {
    const page = '<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="https://alpha.example/atom.xml"></head><body></body></html>';
    const http = fakeHttpClient([response(page, { contentType: 'text/html' }), response('', { status: 404, url: 'https://alpha.example/atom.xml' })]);
    const out = await poll(makeDeps(http));
    expect(out).toMatchObject({ status: 'error', error: { code: 'http_status', status: 404 } });
    expect(feed().lastError).toMatch(/^autodiscovery \(https:\/\/alpha\.example\/feed\.xml advertises https:\/\/alpha\.example\/atom\.xml\): HTTP 404 from https:\/\/alpha\.example\/atom\.xml/);
  });
});
