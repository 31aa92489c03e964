/**
 * The curated feeds from the real store: curators publish sample items, then a feed reader that imports /opml finds
 * every country feed, each entry with its prayer note and attribution, every format parsing back cleanly; and the
 * static export writes the same documents as files.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCurator } from '../../src/curate/index.js';
import { createCuratedSource } from '../../src/publish/curated-source.js';
import { buildWebApp, siteInfo } from '../../src/app/index.js';
import { exportStatic } from '../../src/web/public/export-static.js';
import { startSampleApp, type SampleApp } from '../helpers/sample-app.js';
import { HOSTILE, isRfc3339, isRfc822, jsonFeedErrors, parseFeed } from './feed-check.js';

const BASE = 'https://prayer.example.org';
let app: SampleApp;
let web: ReturnType<typeof buildWebApp>['web'];
const published: Record<string, number> = {};

beforeAll(async () => {
  app = await startSampleApp();
  web = buildWebApp(app.ctx, { baseUrl: BASE }).web;
  const curator = createCurator({ db: app.ctx.db, settings: () => ({ requireCountryAndNote: true }), idHost: 'prayer.example.org' }).as('anna');
  const plan: [string, string[], string[]][] = [
    ['Vostochny', ['KP', 'RU'], ['For the opening of doors in North Korea']],
    ['Plateau', ['NG'], ['Pray for comfort for the families in Bokkos']],
    ['Chengdu', ['CN'], ['For the detained elders']],
  ];
  for (const [word, countries, points] of plan) {
    const id = app.itemId(word);
    curator.setCountries(id, countries);
    curator.setNote(id, { points, scripture: 'Hebrews 13:3', text: 'Remember those in prison.' });
    curator.publish(id);
    published[word] = id;
  }
  curator.retract(published.Chengdu!, 'The report could not be confirmed.');
}, 60_000);
afterAll(async () => app?.close());

const get = async (path: string) => {
  const res = await web.request(`${BASE}${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe('a feed reader importing /opml', () => {
  it('finds the whole feed and every country feed', async () => {
    const opml = await get('/opml');
    const urls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toEqual(expect.arrayContaining([`${BASE}/feed.xml`, `${BASE}/countries/kp/feed.xml`, `${BASE}/countries/ru/feed.xml`, `${BASE}/countries/ng/feed.xml`]));
    for (const url of urls) await get(new URL(url!).pathname);
  });

  it('gets each entry with its prayer note, countries and attribution, in RSS', async () => {
    const feed = await parseFeed(await get('/countries/kp/feed.xml'));
    expect(feed.items).toHaveLength(1);
    const [entry] = feed.items;
    const xml = await get('/countries/kp/feed.xml');
    expect(entry!.title).toBe('Kim Jong Un meets Putin at Vostochny: what it means for North Korea’s Christians');
    expect(entry!.guid).toBe(`tag:prayer.example.org,${new Date().toISOString().slice(0, 10)}:item/${published.Vostochny}`);
    expect(isRfc822(entry!.pubDate as string)).toBe(true);
    expect(xml).toContain('For the opening of doors in North Korea');
    expect(xml).toMatch(/<source url="[^"]+">Prayer Network News<\/source>/);
    expect(xml).toMatch(/<category domain="KP">North Korea<\/category>/);
  });

  it('parses Atom with RFC 3339 dates and a source element', async () => {
    const xml = await get('/feed.atom');
    const feed = await parseFeed(xml);
    expect(feed.items.length).toBe(3);
    expect(feed.items.every((i) => isRfc3339(i.isoDate ? new Date(i.isoDate as string).toISOString() : ''))).toBe(true);
    expect(xml).toMatch(/<source><id>[^<]+<\/id><title>Persecution Wire<\/title>/);
    expect(xml).toContain('Retracted: ');
  });

  it('validates the JSON Feed 1.1 with the prayer extension', async () => {
    const doc = JSON.parse(await get('/feed.json'));
    expect(jsonFeedErrors(doc)).toEqual([]);
    const ng = doc.items.find((i: any) => i._prayerwire?.countries?.includes('NG'));
    expect(ng._prayerwire).toMatchObject({ points: ['Pray for comfort for the families in Bokkos'], scripture: 'Hebrews 13:3', status: 'published' });
    const retracted = doc.items.find((i: any) => i._prayerwire?.status === 'retracted');
    expect(retracted.content_html).toContain('The report could not be confirmed.');
  });

  it('keeps hostile source markup out of every document', async () => {
    for (const path of ['/feed.xml', '/feed.atom', '/feed.json', '/', `/items/${published.Vostochny}`]) expect(await get(path)).not.toMatch(HOSTILE);
  });

  it('answers 304 to a conditional request', async () => {
    const first = await web.request(`${BASE}/feed.xml`);
    const again = await web.request(`${BASE}/feed.xml`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});

describe('prayerwire export', () => {
  it('writes every page and feed as static files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pw-export-'));
    const source = createCuratedSource(app.ctx.db);
    const result = await exportStatic(source, siteInfo(BASE, null), out);
    for (const file of ['index.html', 'feed.xml', 'feed.atom', 'feed.json', 'opml', 'countries/index.html', 'countries/kp/index.html', 'countries/kp/feed.json', `items/${published.Vostochny}/index.html`]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toContain('Kim Jong Un meets Putin at Vostochny');
    expect(result.files.length).toBeGreaterThan(15);
  });
});

describe('WebSub', () => {
  it('pings the configured hub for the whole feed and the country feeds when an item is published', async () => {
    const { startFixtureServer } = await import('../helpers/fixture-server.js');
    const pings: string[] = [];
    const hub = await startFixtureServer({
      '/hub': (req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          pings.push(body);
          res.writeHead(204).end();
        });
      },
    });
    const { config } = app.ctx.current();
    try {
      // A feeds.yml reload names the hub; the pings go through the app's HTTP client (the demo's settings allow 127.0.0.1).
      app.ctx.reload({ ...config, settings: { ...config.settings, websubHub: hub.url('/hub') } });
      const withHub = buildWebApp(app.ctx, { baseUrl: BASE }).web;
      const feed = await (await withHub.request(`${BASE}/feed.atom`)).text();
      expect(feed).toContain(`<link rel="hub" href="${hub.url('/hub')}"`);
      const { createUser, createApiToken } = await import('../../src/accounts/index.js');
      const user = await createUser(app.ctx.db, { name: 'hubtester', role: 'curator', password: 'a long password here' }, { scrypt: { N: 1024, r: 8, p: 1 } });
      const token = createApiToken(app.ctx.db, user.id);
      const id = app.itemId('Iranian converts');
      const res = await withHub.request(`${BASE}/api/items/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ countries: ['IR'], prayerNote: { points: ['For the three converts and their families'] }, status: 'published' }),
      });
      expect(res.status).toBe(200);
      await expect.poll(() => pings.length, { timeout: 5000 }).toBeGreaterThan(0);
      const topics = pings.flatMap((p) => new URLSearchParams(p).getAll('hub.url'));
      expect(new URLSearchParams(pings[0]!).get('hub.mode')).toBe('publish');
      expect(topics).toEqual(expect.arrayContaining([`${BASE}/feed.xml`, `${BASE}/feed.atom`, `${BASE}/feed.json`, `${BASE}/countries/ir/feed.xml`]));
    } finally {
      app.ctx.reload(config);
      await hub.close();
    }
  });
});
