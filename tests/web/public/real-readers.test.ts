/**
 * Real feed readers read our output: Debian's python3-feedparser (over every RSS and Atom feed) and newsboat
 * (headless reload of feeds served over 127.0.0.1, then its sqlite cache read back). Each is skipped with a message
 * only when the program is not installed (CI installs both).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRoutes } from '../../../src/web/public/routes.js';
import type { CuratedEntry } from '../../../src/publish/types.js';
import { MemorySource, SITE } from '../../publish/memory-source.js';
import { hostileEntry, sampleEntries } from '../../publish/sample-entries.js';

/** A python3 that can import feedparser (Debian's lives in /usr/bin; a pyenv shim on PATH may not have it). */
function findFeedparserPython(): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import feedparser'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}
function findNewsboat(): string | null {
  for (const bin of ['/usr/bin/newsboat', 'newsboat']) {
    const r = spawnSync(bin, ['--version'], { stdio: 'ignore' });
    if (r.status === 0) return bin;
  }
  return null;
}

const python = findFeedparserPython();
const newsboat = findNewsboat();
if (!python) console.warn('SKIP feedparser test: no python3 with feedparser (apt-get install python3-feedparser)');
if (!newsboat) console.warn('SKIP newsboat test: newsboat not installed (apt-get install newsboat)');

const FEEDPARSER_SCRIPT = `
import json, sys, calendar, html, feedparser
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    ts = lambda t: calendar.timegm(t) if t else None
    out.append({
        "bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
        "title": d.feed.get("title"), "links": [l.get("href") for l in d.feed.get("links", [])],
        "entries": [{
            "id": e.get("id"),
            "title": html.unescape(e.title) if e.get("title_detail", {}).get("type") == "text/html" else e.get("title"), "link": e.get("link"),
            "published": ts(e.get("published_parsed")), "updated": ts(e.get("updated_parsed")),
            "tags": [t.get("term") for t in e.get("tags", [])], "author": e.get("author"),
            "summary": e.get("summary", ""), "content": [c.get("value") for c in e.get("content", [])],
        } for e in d.entries],
    })
print(json.dumps(out))
`;

interface FpEntry { id: string; title: string; link: string; published: number | null; updated: number | null; tags: string[]; author: string | null; summary: string; content: string[] }
interface FpFeed { bozo: boolean; bozo_exception: string; version: string; title: string; links: string[]; entries: FpEntry[] }

const seconds = (iso: string | null): number | null => (iso ? Math.floor(Date.parse(iso) / 1000) : null);
const updatedOf = (e: CuratedEntry): number => Math.max(...[e.publishedAt, e.updatedAt, e.retractedAt].map(seconds).filter((n): n is number => n !== null));

let dir: string;
let server: ServerType;
let origin: string;
let entries: CuratedEntry[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pw-readers-'));
  entries = [...sampleEntries(), hostileEntry(99)];
  const app = publicRoutes({ source: new MemorySource(entries), site: SITE });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const PATHS = ['/feed.xml', '/feed.atom', '/countries/kp/feed.xml', '/countries/kp/feed.atom'];

describe.skipIf(!python)('python3-feedparser reads every RSS and Atom feed', () => {
  it('with the same ids, titles, links, dates and tags, and no parse error', async () => {
    const files: string[] = [];
    for (const path of PATHS) {
      const file = join(dir, path.replace(/\W+/g, '_'));
      writeFileSync(file, Buffer.from(await (await fetch(`${origin}${path}`)).arrayBuffer()));
      files.push(file);
    }
    const feeds = JSON.parse(execFileSync(python!, ['-c', FEEDPARSER_SCRIPT, ...files], { encoding: 'utf8' })) as FpFeed[];
    feeds.forEach((feed, i) => {
      const path = PATHS[i]!;
      expect(feed.bozo, `${path}: ${feed.bozo_exception}`).toBe(false);
      expect(feed.version).toBe(path.endsWith('.xml') ? 'rss20' : 'atom10');
      const country = path.includes('/kp/') ? 'KP' : null;
      const expected = entries.filter((e) => !country || e.countries.some((c) => c.code === country));
      expect(feed.entries.map((e) => e.id).sort()).toEqual(expected.map((e) => e.guid).sort());
      expect(feed.links).toContain(`https://prayerwire.example${path}`);
      for (const want of expected) {
        const got = feed.entries.find((e) => e.id === want.guid)!;
        const title = want.itemId === 99 ? 'Breaking news & more' : want.title;
        expect(got.title).toBe(want.status === 'retracted' ? `Retracted: ${title}` : title);
        const link = want.status === 'retracted' || want.itemId === 99 ? `https://prayerwire.example/items/${want.itemId}` : want.url;
        expect(got.link).toBe(link);
        expect(got.published).toBe(seconds(want.publishedAt));
        if (path.endsWith('.atom')) expect(got.updated).toBe(updatedOf(want));
        expect(got.tags).toEqual(want.countries.map((c) => (path.endsWith('.atom') ? c.code : c.name.replace(/<script>.*<\/script>/, ''))));
        expect(JSON.stringify(got)).not.toMatch(/<script|javascript:|onerror/i);
      }
      const one = feed.entries.find((e) => e.id.endsWith('/1'))!;
      expect(one.author).toBe('Thomas Muller');
      expect(one.content.join('')).toContain('Read the full article at Open Doors Analytical');
    });
  });
});

interface NewsboatItem { guid: string; title: string; url: string; pubDate: number; feedurl: string }

/** Run `newsboat -x reload` over `urls` with a fresh cache; return the feeds and items it stored. */
async function reloadWithNewsboat(name: string, urls: string[]): Promise<{ feeds: { rssurl: string; title: string }[]; items: NewsboatItem[] }> {
  const home = join(dir, `newsboat-${name}`);
  mkdirSync(home, { recursive: true });
  const urlFile = join(home, 'urls');
  writeFileSync(urlFile, `${urls.join('\n')}\n`);
  writeFileSync(join(home, 'config'), 'reload-threads 1\n');
  const cache = join(home, 'cache.db');
  // Asynchronous: our server runs in this process and must keep answering while newsboat fetches.
  const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(newsboat!, ['-x', 'reload', '-u', urlFile, '-c', cache, '-C', join(home, 'config')], {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, TERM: 'dumb' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
  expect(run.status, run.stderr).toBe(0);
  expect(existsSync(cache)).toBe(true);
  const db = new Database(cache, { readonly: true });
  try {
    return {
      feeds: db.prepare('SELECT rssurl, title FROM rss_feed ORDER BY rssurl').all() as { rssurl: string; title: string }[],
      items: db.prepare('SELECT guid, title, url, pubDate, feedurl FROM rss_item').all() as NewsboatItem[],
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!newsboat)('newsboat reloads our feeds headless', () => {
  // newsboat keys items by guid across all feeds, so RSS and Atom (same guids) each get their own cache.
  it.each(['/feed.xml', '/feed.atom'])('stores every item of %s with its guid, title, link and date', async (path) => {
    const { feeds, items } = await reloadWithNewsboat(path.replace(/\W+/g, ''), [`${origin}${path}`]);
    expect(feeds).toEqual([{ rssurl: `${origin}${path}`, title: 'Prayerwire' }]);
    expect(items.map((r) => r.guid).sort()).toEqual(entries.map((e) => e.guid).sort());
    const one = items.find((r) => r.guid.endsWith('/1'))!;
    expect(one.title).toBe(entries[0]!.title);
    expect(one.url).toBe(entries[0]!.url);
    expect(one.pubDate).toBe(seconds(entries[0]!.publishedAt));
    expect(items.find((r) => r.guid.endsWith('/5'))!.title.startsWith('Retracted: ')).toBe(true);
    expect(items.find((r) => r.guid.endsWith('/99'))!.title).toBe('Breaking news & more');
  });

  it('reads a country feed', async () => {
    const { feeds, items } = await reloadWithNewsboat('vn', [`${origin}/countries/vn/feed.xml`]);
    expect(feeds.map((f) => f.title)).toEqual(['Prayerwire: Vietnam']);
    expect(items.map((r) => r.guid)).toEqual(['tag:prayerwire.example,2026-11-25:item/6']);
  });
});
