/** The extraction stage over real HTTP: every page outcome ends in a recorded state with a reason. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractItems, type ExtractionOutcome } from '../../src/ingest/extract-items.js';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { getItemDetail } from '../../src/curate/item-detail.js';
import { listItems } from '../../src/store/items.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer;
let ctx: App;
let outcomes: ExtractionOutcome[];

const PAGES: Record<string, string> = {
  good: '/good',
  pdf: '/report.pdf',
  big: '/big',
  forbidden: '/forbidden',
  missing: '/missing',
  paywall: '/paywalled',
  gallery: '/gallery',
  hang: '/hang',
  spin: '/pathological',
  dup1: '/dup-1',
  dup2: '/dup-2',
};

const rss = (entries: [string, string][]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>${entries
    .map(([name, path]) => `<item><title>Item ${name}</title><link>${server.url(path)}</link><guid>${name}</guid><description>Teaser for ${name} […]</description></item>`)
    .join('')}</channel></rss>`;

beforeAll(async () => {
  server = await startFixtureServer({
    '/good': { file: 'pages/wp-kim-putin-summit/source.html', contentType: 'text/html; charset=utf-8' },
    '/report.pdf': { body: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' },
    '/big': faults.huge(600 * 1024, { contentType: 'text/html' }),
    '/forbidden': faults.status(403),
    '/missing': faults.status(404),
    '/paywalled': { file: 'pages/paywall-russia-analysis/source.html', contentType: 'text/html' },
    '/gallery': { file: 'pages/gallery-index-page/source.html', contentType: 'text/html' },
    '/hang': faults.hang(),
    '/pathological': { file: 'pages/pathological-deep-nesting/source.html', contentType: 'text/html' },
    '/dup-1': { file: 'pages/drupal-putin-pyongyang/source.html', contentType: 'text/html' },
    '/dup-2': { file: 'pages/drupal-putin-pyongyang/source.html', contentType: 'text/html' },
  });
  const entries = Object.entries(PAGES).filter(([n]) => n !== 'dup2');
  server.setRoute('/feed-a.xml', { body: rss(entries), contentType: 'application/rss+xml' });
  server.setRoute('/feed-b.xml', { body: rss([['dup2', PAGES.dup2!]]), contentType: 'application/rss+xml' });
  const dir = mkdtempSync(join(tmpdir(), 'pw-extract-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(
    config,
    `settings:\n  allowPrivateNetworks: true\n  timeout: 2s\n  maxPageSize: 200000\n  extractTimeout: 20s\n  extractWorkers: 1\n  perHost: 8\nfeeds:\n` +
      `  - name: A\n    url: ${server.url('/feed-a.xml')}\n    extract: always\n  - name: B\n    url: ${server.url('/feed-b.xml')}\n    extract: always\n`,
  );
  ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
  await pollOnce(ctx.ingest);
  outcomes = await extractItems(ctx.extraction);
}, 180_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const itemNamed = (name: string) => {
  const item = listItems(ctx.db, { limit: 100 }).items.find((i) => i.title === `Item ${name}`);
  return item ? getItemDetail(ctx.db, item.id)! : null;
};

describe('extracting pages', () => {
  it('stores the clean article with its metadata and prayer points', () => {
    const item = itemNamed('good')!;
    expect(item.extraction).toMatchObject({ status: 'done', reason: null, attempts: 1 });
    expect(item.text).toContain('Kim Jong Un, the Supreme Leader of North Korea, met with Russian President Vladimir Putin');
    expect(item.text).not.toMatch(/Reading time|Donate now|We use cookies/i);
    expect(item.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(item.prayerPoints).toHaveLength(3);
    expect(item.lang).toMatch(/^en/);
    expect(item).toMatchObject({ wordCount: expect.any(Number), byline: expect.any(String), finalUrl: server.url('/good') });
  });

  it('indexes the article text for search', () => {
    const found = listItems(ctx.db, { search: 'Vostochny Cosmodrome' }).items.map((i) => i.title);
    expect(found).toContain('Item good');
  });

  it.each([
    ['pdf', 'not_html', /application\/pdf, not a web page/],
    ['big', 'too_large', /larger than|limit/i],
    ['forbidden', 'forbidden', /HTTP 403 .*refused access/],
    ['missing', 'http_status', /HTTP 404/],
    ['paywall', 'paywall', /paywall|subscri/i],
    ['gallery', 'not_readable', /readable|words/i],
    ['hang', 'timeout', /timed out|timeout/i],
    ['spin', 'timeout', /\d/],
  ])('records %s as %s with a reason, keeping the feed text', (name, code, reason) => {
    const item = itemNamed(name)!;
    expect(item.extraction.status).toBe('failed');
    expect(item.extraction.code).toBe(code);
    expect(item.extraction.reason).toMatch(reason);
    expect(item.text).toBe(`Teaser for ${name} […]`);
  });

  it('makes two items whose pages name one canonical URL into one item with both sources', () => {
    const dup1 = itemNamed('dup1');
    const dup2 = itemNamed('dup2');
    const survivor = dup1 ?? dup2;
    expect([dup1, dup2].filter(Boolean)).toHaveLength(1);
    expect(survivor!.sources.map((s) => s.feed).sort()).toEqual(['A', 'B']);
    expect(outcomes.some((o) => o.status === 'done' && o.mergedInto !== null)).toBe(true);
  });

  it('retries failed items only when asked', async () => {
    expect(await extractItems(ctx.extraction)).toEqual([]);
    server.setRoute('/forbidden', { file: 'pages/handmade-kim-putin/source.html', contentType: 'text/html' });
    const retried = await extractItems(ctx.extraction, { retryFailed: true, feed: 'A' });
    expect(retried.find((o) => o.itemId === itemNamed('forbidden')!.id)).toMatchObject({ status: 'done' });
    expect(itemNamed('forbidden')!.extraction.attempts).toBe(2);
  }, 60_000);
});
