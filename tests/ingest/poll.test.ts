/**
 * The poll pass end to end over real HTTP on 127.0.0.1: feeds of every format and encoding and every fault,
 * asserting the stored rows and the recorded feed state.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { listFeeds, type StoredFeed } from '../../src/store/feeds.js';
import { getItemDetail } from '../../src/curate/item-detail.js';
import { listItems } from '../../src/store/items.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import type { RefreshOutcome } from '../../src/ingest/refresh-feed.js';

let server: FixtureServer;
/** A second host: a 429 with Retry-After makes the client hold back from that whole host. */
let busyHost: FixtureServer;
let ctx: App;
let first: RefreshOutcome[];

const FEEDS: Record<string, string> = {
  rss: '/rss2.xml',
  atom: '/atom.xml',
  json: '/feed.json',
  rdf: '/rdf.xml',
  cp1252: '/cp1252.xml',
  utf16: '/utf16.xml',
  gzipped: '/gzipped.xml',
  discovery: '/home.html',
  moved: '/old-feed.xml',
  slow: '/slow.xml',
  hang: '/hang.xml',
  notfound: '/missing.xml',
  gone: '/gone.xml',
  ratelimited: '/busy.xml',
  error500: '/error.xml',
  loop: '/loop-a',
  huge: '/huge.xml',
  bomb: '/bomb.xml',
  invalid: '/invalid.xml',
  html: '/plain.html',
  reset: '/reset.xml',
};

beforeAll(async () => {
  server = await startFixtureServer({
    '/rss2.xml': { file: 'ingest/rss2.xml', contentType: 'application/rss+xml; charset=utf-8', etag: '"rss-v1"' },
    '/atom.xml': { file: 'ingest/atom.xml', contentType: 'application/atom+xml', lastModified: 'Wed, 26 Jun 2024 08:00:00 GMT' },
    '/feed.json': { file: 'ingest/feed.json', contentType: 'application/feed+json', etag: '"json-v1"' },
    '/rdf.xml': { file: 'ingest/rdf.xml', contentType: 'application/rdf+xml' },
    '/cp1252.xml': { file: 'feeds/cp1252.xml', contentType: 'application/rss+xml' },
    '/utf16.xml': { file: 'feeds/utf16le-bom.xml', contentType: 'application/xml' },
    '/gzipped.xml': { file: 'ingest/rss2.xml', gzip: true, contentType: 'application/rss+xml', etag: '"gz"' },
    '/home.html': { file: 'ingest/page-with-feed.html', contentType: 'text/html; charset=utf-8' },
    '/discovered.xml': { file: 'ingest/rdf.xml', contentType: 'application/rss+xml', etag: '"disc"' },
    '/old-feed.xml': faults.redirect('/new-feed.xml', 301),
    '/new-feed.xml': { file: 'ingest/atom.xml', contentType: 'application/atom+xml', etag: '"moved"' },
    '/slow.xml': faults.slowBody(400, { chunks: 20 }),
    '/hang.xml': faults.hang(),
    '/missing.xml': faults.status(404),
    '/gone.xml': faults.status(410),
    '/error.xml': faults.status(500),
    '/loop-a': faults.redirect('/loop-b', 302),
    '/loop-b': faults.redirect('/loop-a', 302),
    '/huge.xml': faults.huge(3 * 1024 * 1024),
    '/bomb.xml': faults.gzipBomb(200 * 1024 * 1024),
    '/invalid.xml': { body: '<?xml version="1.0"?><rss version="2.0"><channel><<<<<<', contentType: 'application/rss+xml' },
    '/plain.html': { file: 'ingest/page-without-feed.html', contentType: 'text/html' },
    '/reset.xml': faults.reset(),
  });
  busyHost = await startFixtureServer({ '/busy.xml': faults.status(429, { 'retry-after': '7200' }) }, { host: '127.0.0.2' });
  const urlOf = (path: string) => (path === '/busy.xml' ? busyHost.url(path) : server.url(path));
  const dir = mkdtempSync(join(tmpdir(), 'pw-ingest-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(
    config,
    `settings:\n  allowPrivateNetworks: true\n  timeout: 2s\n  maxFeedSize: 1048576\n  concurrency: 8\n  perHost: 8\nfeeds:\n${Object.entries(FEEDS)
      .map(([name, path]) => `  - name: ${name}\n    url: ${urlOf(path)}\n    extract: never\n`)
      .join('')}`,
  );
  ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
  first = await pollOnce(ctx.ingest);
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
  await busyHost?.close();
});

const outcome = (name: string) => first.find((o) => o.feed === name)!;
const feed = (name: string): StoredFeed => listFeeds(ctx.db).find((f) => f.name === name)!;
const titlesOf = (name: string) => listItems(ctx.db, { feed: name, limit: 500 }).items.map((i) => i.title);

describe('a poll pass over feeds of every kind', () => {
  it('runs every feed and reports each outcome', () => {
    expect(first.map((o) => o.feed).sort()).toEqual(Object.keys(FEEDS).sort());
    for (const name of ['rss', 'atom', 'json', 'rdf', 'cp1252', 'utf16', 'gzipped', 'discovery', 'moved']) {
      expect(outcome(name), name).toMatchObject({ status: 'ok', error: null });
    }
  });

  it('stores RSS items with normalized titles, canonical links and UTC dates', () => {
    // An item shared with another feed shows the title first seen; each source keeps its own.
    const items = listItems(ctx.db, { feed: 'rss' }).items;
    const rssTitle = (id: number) => getItemDetail(ctx.db, id)!.sources.find((s) => s.feed === 'rss')!.title;
    const byTitle = Object.fromEntries(items.map((i) => [rssTitle(i.id), i]));
    expect(Object.keys(byTitle).sort()).toEqual(['Kim Jong Un meets Putin at Vostochny & what it means', 'Putin in Pyongyang: a defense pact', 'Undated report']);
    expect(byTitle['Kim Jong Un meets Putin at Vostochny & what it means']).toMatchObject({
      url: 'https://prayer.example/2023/09/kim-putin',
      publishedAt: '2023-09-15T08:30:00.000Z',
    });
    // RSS has no xml:base: a relative link resolves against the feed's own URL.
    expect(byTitle['Undated report']).toMatchObject({ url: server.url('/reports/undated'), publishedAt: null });
  });

  it('resolves Atom links against xml:base and converts offsets to UTC', () => {
    expect(listItems(ctx.db, { feed: 'atom' }).items.find((i) => i.title.startsWith('North Korea/Russia'))).toMatchObject({
      url: 'https://watch.example/news/putin-pyongyang',
      publishedAt: '2024-06-26T06:00:00.000Z',
    });
  });

  it('stores one item with several sources when feeds share a canonical URL', () => {
    const shared = listItems(ctx.db, { limit: 500 }).items.filter((i) => i.url === 'https://news.example/2024/06/putin-pyongyang');
    expect(shared).toHaveLength(1);
    expect(shared[0]!.sources.sort()).toEqual(['atom', 'gzipped', 'moved', 'rss']);
    const detail = getItemDetail(ctx.db, shared[0]!.id)!;
    expect(detail.sources.map((s) => s.title).sort()).toContain('Same story as the RSS feed carries');
  });

  it('parses JSON Feed and sanitizes its HTML', () => {
    const [item] = listItems(ctx.db, { feed: 'json' }).items;
    expect(item).toMatchObject({ title: 'What You Need to Know about Russia and North Korea', publishedAt: '2024-06-24T14:00:00.000Z' });
    const detail = getItemDetail(ctx.db, item!.id)!;
    expect(detail.contentHtml).toContain('partnership is troubling');
    expect(detail.contentHtml).not.toMatch(/script|alert/);
  });

  it('reads RSS 1.0, windows-1252 and UTF-16 feeds', () => {
    expect(titlesOf('rdf')).toEqual(['Religious freedom survey published']);
    expect(titlesOf('cp1252').length).toBeGreaterThan(0);
    expect(titlesOf('cp1252').join(' ')).toMatch(/[’“”–—€]/);
    expect(titlesOf('cp1252').join(' ')).not.toMatch(/\uFFFD|â€/);
    expect(titlesOf('utf16').length).toBeGreaterThan(0);
    expect(titlesOf('utf16').join(' ')).not.toMatch(/\uFFFD/);
  });

  it('follows an HTML page to the feed it advertises and remembers it', () => {
    expect(feed('discovery').fetchUrl).toBe(server.url('/discovered.xml'));
    expect(titlesOf('discovery')).toEqual(['Religious freedom survey published']);
  });

  it('remembers a permanent redirect', () => {
    expect(feed('moved').fetchUrl).toBe(server.url('/new-feed.xml'));
  });

  it.each([
    ['slow', 'timeout', /did not answer in time|timed out|timeout/i],
    ['hang', 'timeout', /timed out|timeout/i],
    ['notfound', 'http_status', /HTTP 404 .*not found; check the URL in feeds\.yml/],
    ['gone', 'http_status', /HTTP 410 .*gone for good; remove it from feeds\.yml/],
    ['ratelimited', 'http_status', /HTTP 429 .*Retry-After: 7200 s honoured/],
    ['error500', 'http_status', /HTTP 500 .*retries with backoff/],
    ['loop', 'redirect_loop', /loop/i],
    ['huge', 'too_large', /larger than allowed|too large|exceeds/i],
    ['bomb', 'too_large', /larger than allowed|too large|exceeds/i],
    ['invalid', 'parse_(malformed|not_a_feed)', /no <channel>|not well-formed|malformed|not RSS/i],
    ['html', 'parse_html_page', /advertises no feed/],
    ['reset', 'network', /could not be reached|reset|socket/i],
  ])('records an explained failure for %s', (name, code, message) => {
    const f = feed(name);
    expect(outcome(name).status).toBe('error');
    expect(f.lastErrorCode).toMatch(new RegExp(`^${code}$`));
    expect(f.lastError).toMatch(message);
    expect(f.errorCount).toBe(1);
    expect(f.nextPollAt).not.toBeNull();
    expect(f.lastSuccessAt).toBeNull();
  });

  it('honours Retry-After when scheduling the next poll', () => {
    const next = Date.parse(feed('ratelimited').nextPollAt!);
    expect(next - Date.now()).toBeGreaterThan(7000 * 1000);
  });

  it('stores validators and the schedule hint', () => {
    expect(feed('rss')).toMatchObject({ etag: '"rss-v1"', hintSec: 3600, errorCount: 0, lastStatus: 200 });
    expect(feed('atom').lastModified).toBe('Wed, 26 Jun 2024 08:00:00 GMT');
  });
});

describe('a second pass over unchanged feeds', () => {
  it('sends validators for every feed that gave them and writes no item', async () => {
    const itemsBefore = ctx.db.prepare('SELECT id, updated_at, content_hash FROM items ORDER BY id').all();
    const sourcesBefore = ctx.db.prepare('SELECT * FROM item_sources ORDER BY item_id, feed_id').all();
    const mark = server.requests.length;
    const okFeeds = ['rss', 'atom', 'json', 'gzipped', 'discovery', 'moved'];
    const second = await pollOnce(ctx.ingest, { feedNames: okFeeds });
    expect(second.map((o) => [o.feed, o.status])).toEqual(okFeeds.map((n) => [n, 'not_modified']));
    const sent = server.requests.slice(mark);
    for (const path of ['/rss2.xml', '/feed.json', '/gzipped.xml', '/discovered.xml', '/new-feed.xml']) {
      expect(sent.find((r) => r.path === path)?.headers['if-none-match'], path).toBeTruthy();
    }
    expect(sent.find((r) => r.path === '/atom.xml')?.headers['if-modified-since']).toBe('Wed, 26 Jun 2024 08:00:00 GMT');
    expect(sent.some((r) => r.path === '/home.html' || r.path === '/old-feed.xml')).toBe(false);
    expect(ctx.db.prepare('SELECT id, updated_at, content_hash FROM items ORDER BY id').all()).toEqual(itemsBefore);
    expect(ctx.db.prepare('SELECT * FROM item_sources ORDER BY item_id, feed_id').all()).toEqual(sourcesBefore);
  });

  it('updates an item whose content changed under the same guid, keeping one row', async () => {
    server.setRoute('/rss2.xml', {
      body: (await import('node:fs')).readFileSync(new URL('../fixtures/ingest/rss2.xml', import.meta.url), 'utf8').replace('a defense pact', 'a mutual defense pact'),
      contentType: 'application/rss+xml',
      etag: '"rss-v2"',
    });
    const [o] = await pollOnce(ctx.ingest, { feedNames: ['rss'] });
    expect(o).toMatchObject({ status: 'ok', updated: 1, newItemIds: [] });
    const shared = listItems(ctx.db, { feed: 'rss' }).items.find((i) => i.url === 'https://news.example/2024/06/putin-pyongyang')!;
    expect(getItemDetail(ctx.db, shared.id)!.sources.find((s) => s.feed === 'rss')!.title).toBe('Putin in Pyongyang: a mutual defense pact');
    expect(shared.title).toBe('Putin in Pyongyang: a mutual defense pact');
    expect(titlesOf('rss')).toHaveLength(3);
    expect(feed('rss').etag).toBe('"rss-v2"');
  });
});

describe('politeness across feeds of one host', () => {
  it('defers, without counting an error, a feed whose host asked us to wait', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-ingest-busy-'));
    const config = join(dir, 'feeds.yml');
    writeFileSync(
      config,
      `settings:\n  allowPrivateNetworks: true\n  timeout: 2s\n  concurrency: 1\nfeeds:\n  - name: first\n    url: ${busyHost.url('/busy.xml')}\n  - name: second\n    url: ${busyHost.url('/other.xml')}\n`,
    );
    busyHost.setRoute('/other.xml', { file: 'ingest/rdf.xml' });
    const busy = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
    try {
      const outcomes = await pollOnce(busy.ingest);
      expect(outcomes.map((o) => [o.feed, o.status])).toEqual([
        ['first', 'error'],
        ['second', 'deferred'],
      ]);
      const second = listFeeds(busy.db).find((f) => f.name === 'second')!;
      expect(second.errorCount).toBe(0);
      expect(Date.parse(second.nextPollAt!) - Date.now()).toBeGreaterThan(7000 * 1000);
      expect(busyHost.requests.filter((r) => r.path === '/other.xml')).toHaveLength(0);
    } finally {
      await busy.close();
    }
  });
});
