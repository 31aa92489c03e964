/**
 * Issue 11, defect 4: when the database cannot be written, the poller (and the extraction queue) pause with a
 * backoff instead of spinning. Before, a feed whose failure could not be recorded stayed due and was fetched about
 * 14 times a second, with an error line each time. Two root-proof ways to refuse writes on the app's own connection:
 * a size limit just above the current size (`PRAGMA max_page_count`: SQLITE_FULL, as on a full disk) and
 * `PRAGMA query_only` (SQLITE_READONLY, as on a read-only file or mount).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/index.js';
import type { Db } from '../../src/db/index.js';
import { startExtractionQueue } from '../../src/ingest/extraction-queue.js';
import { startPoller } from '../../src/poller/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BACKOFF = { initialMs: 400, maxMs: 1600 };

interface LogLine {
  level: number;
  msg: string;
}

/** A feed with a new item on every request (so every poll must insert), and article pages that answer at once. */
async function setUp(extract: 'never' | 'always'): Promise<{ server: FixtureServer; app: App; lines: LogLine[]; feedFetches: () => number }> {
  let n = 0;
  const server = await startFixtureServer({
    '/feed.xml': (_req, res) => {
      n += 1;
      const items = Array.from({ length: 8 }, (_, i) => `<item><title>Story ${n}.${i}</title><link>${server.origin}/a/${n}-${i}</link><guid>g-${n}-${i}</guid><description>${'words '.repeat(40)}</description></item>`);
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>${server.origin}/</link><description>d</description>${items.join('')}</channel></rss>`);
    },
    '*': { body: `<html><head><title>A story</title></head><body><article><h1>A story</h1>${'<p>Some text of the article, long enough to be read as an article by the extractor.</p>'.repeat(12)}</article></body></html>`, contentType: 'text/html' },
  });
  cleanups.push(() => server.close());
  const dir = mkdtempSync(join(tmpdir(), 'pw-storage-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  timeout: 5s\n  extractWorkers: 1\nfeeds:\n  - name: F\n    url: ${server.url('/feed.xml')}\n    extract: ${extract}\n`);
  const lines: LogLine[] = [];
  const log = pino({ level: 'info', base: undefined }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  const app = openApp({ config, db: join(dir, 'test.db') }, { log, storageBackoff: BACKOFF });
  cleanups.push(() => app.close());
  return { server, app, lines, feedFetches: () => server.requests.filter((r) => r.path === '/feed.xml').length };
}

const refusals = [
  {
    name: 'full (max_page_count)',
    code: 'SQLITE_FULL',
    words: /is full \(SQLITE_FULL\): free some space/,
    refuse: (db: Db) => void db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`),
    lift: (db: Db) => void db.pragma('max_page_count = 1073741823'),
  },
  {
    name: 'read-only (query_only)',
    code: 'SQLITE_READONLY',
    words: /is read-only \(SQLITE_READONLY\): check the permissions/,
    refuse: (db: Db) => void db.pragma('query_only = ON'),
    lift: (db: Db) => void db.pragma('query_only = OFF'),
  },
];

describe('the poller when the database cannot be written', () => {
  it.each(refusals)('$name: pauses with backoff (a few fetches, one log line), shows it, and resumes once writes work', async (refusal) => {
    const { app, lines, feedFetches } = await setUp('never');
    refusal.refuse(app.db);
    const poller = startPoller(app.ingest, undefined, { storage: app.storage });
    cleanups.push(() => poller.stop());
    await sleep(3000);

    // Attempts at about 0, 0.4, 1.2 and 2.8 s: not 14 a second.
    expect(feedFetches()).toBeGreaterThanOrEqual(1);
    expect(feedFetches()).toBeLessThanOrEqual(4);
    const problems = lines.filter((l) => l.level >= 40);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.msg).toMatch(refusal.words);
    expect(problems[0]!.msg).toContain(app.db.name);
    expect(problems[0]!.msg).toMatch(/Polling and extraction are paused/);
    expect(lines.some((l) => /please report this/.test(l.msg))).toBe(false);
    expect(app.storage.status()).toMatchObject({ ok: false, code: refusal.code });
    // The feed is not blamed for the disk.
    expect(app.db.prepare('SELECT error_count FROM feeds').pluck().get()).toBe(0);

    refusal.lift(app.db);
    await expect.poll(() => app.db.prepare('SELECT COUNT(*) FROM items').pluck().get(), { timeout: 6000, interval: 100 }).toBeGreaterThan(0);
    expect(app.storage.status()).toEqual({ ok: true });
    expect(lines.filter((l) => /can be written again/.test(l.msg))).toHaveLength(1);
    expect(lines.filter((l) => l.level >= 40)).toHaveLength(1);
  }, 20_000);
});

describe('the extraction queue when the database cannot be written', () => {
  it('pauses instead of fetching page after page it cannot save, keeps the items pending, and extracts them once writes work', async () => {
    const { server, app, lines } = await setUp('always');
    const poller = startPoller(app.ingest, undefined, { storage: app.storage });
    await expect.poll(() => app.db.prepare("SELECT COUNT(*) FROM items WHERE extraction_status = 'pending'").pluck().get(), { timeout: 10_000 }).toBe(8);
    await poller.stop();

    app.db.pragma('query_only = ON');
    const queue = startExtractionQueue(app.extraction, (ids) => app.finishNewItems(ids), { storage: app.storage });
    cleanups.push(() => queue.stop());
    await sleep(3000);
    const pageFetches = () => server.requests.filter((r) => r.path.startsWith('/a/')).length;
    // At most the 4 pages in flight when the first write failed, per attempt (about 0, 0.4, 1.2, 2.8 s).
    expect(pageFetches()).toBeLessThanOrEqual(16);
    expect(app.db.prepare("SELECT COUNT(*) FROM items WHERE extraction_status = 'pending'").pluck().get()).toBe(8);
    expect(lines.filter((l) => l.level >= 40)).toHaveLength(1);
    expect(app.storage.status()).toMatchObject({ ok: false, code: 'SQLITE_READONLY' });

    app.db.pragma('query_only = OFF');
    await expect.poll(() => app.db.prepare("SELECT COUNT(*) FROM items WHERE extraction_status = 'done'").pluck().get(), { timeout: 20_000, interval: 200 }).toBe(8);
    expect(app.storage.status()).toEqual({ ok: true });
  }, 40_000);
});
