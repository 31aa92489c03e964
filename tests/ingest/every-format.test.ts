/**
 * Every well-formed fixture feed (each RSS version, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1, every encoding) polled
 * over HTTP as its own feed: each entry is stored exactly once, with the title, link and date the parser read,
 * and a second pass stores nothing more.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { parseFeed } from '../../src/parser/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const FEEDS: [file: string, contentType: string][] = [
  ['rss090.rdf', 'application/rdf+xml'],
  ['rss091.xml', 'application/rss+xml'],
  ['rss092.xml', 'application/rss+xml'],
  ['rss10.rdf', 'application/rdf+xml'],
  ['rss2.xml', 'application/rss+xml'],
  ['atom03.xml', 'application/atom+xml'],
  ['atom10.xml', 'application/atom+xml'],
  ['jsonfeed10.json', 'application/json'],
  ['jsonfeed11.json', 'application/feed+json'],
  ['cp1252.xml', 'application/rss+xml'],
  ['iso-8859-1.xml', 'application/rss+xml'],
  ['utf16le-bom.xml', 'application/xml'],
  ['utf16be.xml', 'application/xml'],
  ['charset-header-only.xml', 'application/rss+xml; charset=windows-1251'],
  ['charset-prolog-only.xml', 'application/xml'],
  ['bom-contradicts-prolog.xml', 'application/xml'],
  ['tracking-params.xml', 'application/rss+xml'],
  ['dates.xml', 'application/rss+xml'],
  ['missing-titles.xml', 'application/rss+xml'],
  ['malformed-bare-amp.xml', 'application/rss+xml'],
];

let server: FixtureServer;
let ctx: App;

interface SourceRow {
  feed: string;
  entry_key: string;
  title: string;
  url: string | null;
  published_at: string | null;
}

beforeAll(async () => {
  server = await startFixtureServer(Object.fromEntries(FEEDS.map(([file, contentType]) => [`/${file}`, { file: `feeds/${file}`, contentType, etag: `"${file}"` }])));
  const dir = mkdtempSync(join(tmpdir(), 'pw-formats-'));
  const config = join(dir, 'feeds.yml');
  writeFileSync(config, `settings:\n  allowPrivateNetworks: true\n  perHost: 8\nfeeds:\n${FEEDS.map(([file]) => `  - name: ${file}\n    url: ${server.url(`/${file}`)}\n    extract: never\n`).join('')}`);
  ctx = openApp({ config, db: join(dir, 'formats.db') }, { log: silentLogger() });
}, 30_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

describe('polling feeds of every format and encoding', () => {
  it('stores each entry once, as the parser read it', async () => {
    const outcomes = await pollOnce(ctx.ingest);
    expect(outcomes.filter((o) => o.status !== 'ok').map((o) => [o.feed, o.error?.message])).toEqual([]);
    const stored = ctx.db
      .prepare('SELECT f.name AS feed, s.entry_key, s.title, s.url, s.published_at FROM item_sources s JOIN feeds f ON f.id = s.feed_id ORDER BY f.name, s.entry_key')
      .all() as SourceRow[];
    for (const [file, contentType] of FEEDS) {
      const parsed = await parseFeed(readFileSync(new URL(`../fixtures/feeds/${file}`, import.meta.url)), { url: server.url(`/${file}`), contentType });
      const expected = parsed.items
        .map((i) => ({ feed: file, entry_key: i.key, title: i.title, url: i.url, published_at: i.publishedAt }))
        .sort((a, b) => a.entry_key.localeCompare(b.entry_key));
      expect(expected.length, file).toBeGreaterThan(0);
      expect(stored.filter((s) => s.feed === file), file).toEqual(expected);
    }
    const urls = stored.map((s) => s.url).filter(Boolean);
    const items = ctx.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number };
    const withoutUrl = stored.filter((s) => !s.url).length;
    expect(items.n).toBe(new Set(urls).size + withoutUrl);
  });

  it('stores nothing more on a second pass', async () => {
    const before = ctx.db.prepare('SELECT COUNT(*) AS n FROM item_sources').get();
    const outcomes = await pollOnce(ctx.ingest);
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['not_modified']));
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM item_sources').get()).toEqual(before);
  });
});
