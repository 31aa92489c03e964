import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { publicRoutes } from '../../../src/web/public/routes.js';
import { HOSTILE, jsonFeedErrors, parseFeed } from '../../publish/feed-check.js';
import { MemorySource, SITE } from '../../publish/memory-source.js';
import { hostileEntry, makeEntry, sampleEntries } from '../../publish/sample-entries.js';

let source: MemorySource;
let app: ReturnType<typeof publicRoutes>;
beforeEach(() => {
  source = new MemorySource(sampleEntries());
  app = publicRoutes({ source, site: SITE });
});
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.request(path, { method, headers });

describe('feeds', () => {
  it.each([
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/feed.atom', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
  ])('%s answers with %s, ETag, Last-Modified, Cache-Control and Vary', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get('last-modified')).toBe('Fri, 27 Nov 2026 09:00:00 GMT');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
  });

  it('parses back: RSS and Atom with every entry, JSON Feed valid', async () => {
    expect((await parseFeed(await (await get('/feed.xml')).text())).items).toHaveLength(6);
    expect((await parseFeed(await (await get('/feed.atom')).text())).items).toHaveLength(6);
    expect(jsonFeedErrors(await (await get('/feed.json')).json())).toEqual([]);
  });

  it('honours ?limit= (default 50, max 200) and rejects bad values with 400 and a message', async () => {
    for (let i = 10; i < 80; i++) source.put(makeEntry(i));
    expect((await parseFeed(await (await get('/feed.xml')).text())).items).toHaveLength(50);
    expect((await parseFeed(await (await get('/feed.xml?limit=3')).text())).items).toHaveLength(3);
    expect((await (await get('/feed.json?limit=200')).json()).items).toHaveLength(76);
    for (const bad of ['0', '201', '-1', 'abc', '2.5', '1e2']) {
      const res = await get(`/feed.xml?limit=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain('limit must be a whole number from 1 to 200');
    }
  });

  it('serves per-country feeds, case-insensitive, and 404s an unknown country', async () => {
    const kp = await parseFeed(await (await get('/countries/KP/feed.xml')).text());
    expect(kp.title).toBe('Prayerwire: North Korea');
    expect(kp.items).toHaveLength(5);
    const vn = await (await get('/countries/vn/feed.json')).json();
    expect(vn.items.map((i: { id: string }) => i.id)).toEqual(['tag:prayerwire.example,2026-11-25:item/6']);
    expect(vn.feed_url).toBe('https://prayerwire.example/countries/vn/feed.json');
    expect((await get('/countries/ru/feed.atom')).status).toBe(200);
    const unknown = await get('/countries/zz/feed.xml', { accept: 'text/html' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no country with the code');
    expect((await get('/countries/../feed.xml')).status).not.toBe(500);
  });

  it('serves a real country with nothing published as an empty feed, so subscriptions survive', async () => {
    const res = await get('/countries/fr/feed.xml');
    expect(res.status).toBe(200);
    const feed = await parseFeed(await res.text());
    expect(feed.title).toBe('Prayerwire: France');
    expect(feed.items).toEqual([]);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and 200 once the content changes', async () => {
    const first = await get('/feed.xml');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const byTag = await get('/feed.xml', { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(byTag.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await get('/feed.xml', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get('/feed.xml', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get('/feed.xml', { 'if-modified-since': 'Thu, 26 Nov 2026 00:00:00 GMT' })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect((await get('/feed.xml', { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status).toBe(200);
    source.put(makeEntry(30, { publishedAt: '2026-11-30T00:00:00.000Z' }));
    const changed = await get('/feed.xml', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const getRes = await get('/feed.atom');
    const head = await get('/feed.atom', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const h of ['etag', 'last-modified', 'content-type', 'content-length', 'cache-control']) {
      expect(head.headers.get(h), h).toBe(getRes.headers.get(h));
    }
  });

  it('compresses with br or gzip by Accept-Encoding, with distinct ETags that still validate', async () => {
    const plain = await (await get('/feed.xml')).text();
    const br = await get('/feed.xml', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    const gz = await get('/feed.xml', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);
    expect((await get('/feed.xml', { 'accept-encoding': 'br;q=0, gzip' })).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/feed.xml', { 'accept-encoding': 'identity' })).headers.get('content-encoding')).toBeNull();
    expect(gz.headers.get('etag')).not.toBe(br.headers.get('etag'));
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect((await get('/feed.xml', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.get('etag')! })).status).toBe(304);
  });

  it('serves OPML listing every country feed', async () => {
    const res = await get('/opml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const xml = await res.text();
    for (const code of ['kp', 'ru', 'vn']) expect(xml).toContain(`xmlUrl="https://prayerwire.example/countries/${code}/feed.xml"`);
    expect((await get('/opml', { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('renders from the cache: requests do not hit the store again until the version changes', async () => {
    await get('/feed.xml');
    const calls = source.calls.listEntries;
    for (let i = 0; i < 5; i++) await get('/feed.xml');
    expect(source.calls.listEntries).toBe(calls);
  });
});

describe('pages', () => {
  it('/ lists the latest prayer items with autodiscovery, Subscribe block, CSP and caching headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src https: http:');
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('etag')).toBeTruthy();
    expect(res.headers.get('last-modified')).toBeTruthy();
    const html = await res.text();
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="All countries (RSS)" href="https://prayerwire.example/feed.xml"/>');
    expect(html).toContain('type="application/atom+xml"');
    expect(html).toContain('type="application/feed+json"');
    expect(html).toContain('<h2 id="subscribe">Subscribe</h2>');
    expect(html).toContain('https://prayerwire.example/feed.json</a>');
    expect(html).toContain('Kim Jong Un meets Putin at Vostochny');
    expect(html).toContain('Retracted: North Korea/Russia');
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<script|src="\/\//);
    expect((await get('/', { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('the style hash in the CSP matches the inline stylesheet', async () => {
    const res = await get('/');
    const html = await res.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(css).digest('base64');
    expect(res.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
  });

  it('/items/:id shows a published item with its prayer note and policy content', async () => {
    const res = await get('/items/1');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>North Korea/Russia: Mutual defense pact (1)</h1>');
    expect(html).toContain('For wisdom for leaders');
    expect(html).toContain('Read the full article at Open Doors Analytical');
    expect(html).toContain('href="https://prayerwire.example/countries/kp/feed.xml"');
    expect(html).toContain('<img src="https://img.example.org/photos/1.jpg"');
  });

  it('/items/:id shows a retraction notice instead of content, a correction with its date', async () => {
    const retracted = await (await get('/items/5')).text();
    expect(retracted).toContain('Retracted: North Korea/Russia');
    expect(retracted).toContain('This item was retracted on 27 Nov 2026, 09:00 UTC. Reason: The source withdrew the report.');
    expect(retracted).not.toContain('For wisdom for leaders');
    const corrected = await (await get('/items/4')).text();
    expect(corrected).toContain('Updated 26 Nov 2026, 08:30 UTC');
  });

  it('/items/:id is 404 for unknown, malformed or unpublished ids', async () => {
    for (const path of ['/items/12345', '/items/abc', '/items/0', '/items/1.5', '/items/99999999999999999999']) {
      const res = await get(path, { accept: 'text/html' });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const draft = makeEntry(40);
    (draft as { status: string }).status = 'draft';
    source.put(draft);
    expect((await get('/items/40')).status).toBe(404);
  });

  it('/items/:id appears once published after a 404', async () => {
    expect((await get('/items/41')).status).toBe(404);
    source.put(makeEntry(41));
    expect((await get('/items/41')).status).toBe(200);
  });

  it('/countries/:code lists the country items with both feed sets; unknown is a 404 page', async () => {
    const res = await get('/countries/Kp');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Pray for North Korea</h1>');
    expect(html).toContain('href="https://prayerwire.example/countries/kp/feed.atom"');
    expect(html).toContain('href="https://prayerwire.example/feed.atom"');
    expect(html).not.toContain('Vietnam and China watch the visit');
    const missing = await get('/countries/xx');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });

  it('/countries is HTML with counts, JSON when asked, Vary: Accept', async () => {
    const page = await get('/countries', { accept: 'text/html' });
    const html = await page.text();
    expect(html).toMatch(/North Korea<\/a><\/td><td>4<\/td>/);
    expect(page.headers.get('vary')).toBe('Accept, Accept-Encoding');
    const res = await get('/countries', { accept: 'application/json' });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(body.countries).toContainEqual(expect.objectContaining({
      code: 'KP', name: 'North Korea', count: 4, url: 'https://prayerwire.example/countries/kp',
    }));
    expect(body.countries[0].feeds.rss).toMatch(/\/countries\/\w\w\/feed\.xml$/);
    expect((await get('/countries', { accept: 'application/json', 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('HEAD and gzip work for pages too', async () => {
    const head = await get('/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const gz = await get('/items/1', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toContain('<h1>');
  });
});

describe('hostile content never reaches a feed or a page', () => {
  it.each(['/feed.xml', '/feed.atom', '/feed.json', '/', '/items/99', '/countries/kp', '/countries/kp/feed.xml', '/countries', '/opml'])('%s', async (path) => {
    source.put(hostileEntry(99));
    const res = await get(path);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toMatch(HOSTILE);
  });
});
