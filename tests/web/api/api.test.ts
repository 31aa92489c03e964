/** Every /api route, with a curator token, an admin token, no credentials and the wrong role. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../../../src/accounts/index.js';
import { buildWebApp } from '../../../src/app/index.js';
import { startSampleApp, type SampleApp } from '../../helpers/sample-app.js';

let app: SampleApp;
let web: ReturnType<typeof buildWebApp>['web'];
let curatorToken: string;
let adminToken: string;
const cheap = { scrypt: { N: 1024, r: 8, p: 1 } };

beforeAll(async () => {
  app = await startSampleApp();
  const curator = await createUser(app.ctx.db, { name: 'cora', role: 'curator', password: 'correct horse battery' }, cheap);
  const admin = await createUser(app.ctx.db, { name: 'ada', role: 'admin', password: 'correct horse battery' }, cheap);
  curatorToken = createApiToken(app.ctx.db, curator.id, 'tests');
  adminToken = createApiToken(app.ctx.db, admin.id, 'tests');
  web = buildWebApp(app.ctx, { baseUrl: 'http://prayer.test' }).web;
}, 60_000);
afterAll(async () => app?.close());

const call = (path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token !== null) headers.set('authorization', `Bearer ${init.token ?? curatorToken}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return web.request(`http://prayer.test${path}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
};
const body = async (res: Response) => (await res.json()) as any;

describe('authentication and roles', () => {
  it.each([
    ['GET', '/api/items'],
    ['GET', '/api/items/1'],
    ['PATCH', '/api/items/1'],
    ['POST', '/api/items/dismiss'],
    ['GET', '/api/feeds'],
    ['PATCH', '/api/feeds/1'],
    ['POST', '/api/feeds/1/poll'],
    ['GET', '/api/countries'],
  ])('%s %s answers 401 JSON without credentials', async (method, path) => {
    const res = await call(path, { method, token: null, json: method === 'GET' ? undefined : {} });
    expect(res.status).toBe(401);
    expect(await body(res)).toMatchObject({ error: 'unauthorized' });
  });

  it('answers 401 for a wrong token', async () => {
    expect((await call('/api/items', { token: 'pw_not-a-token' })).status).toBe(401);
  });

  it.each([
    ['PATCH', '/api/feeds/1', { enabled: false }],
    ['POST', '/api/feeds/1/poll', undefined],
  ])('%s %s answers 403 to a curator', async (method, path, json) => {
    const res = await call(path, { method, json });
    expect(res.status).toBe(403);
    expect(await body(res)).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/admin role/) });
  });
});

describe('GET /api/items', () => {
  it('lists items newest first with cursor paging', async () => {
    const first = await body(await call('/api/items?limit=3'));
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await body(await call(`/api/items?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`));
    const dates = [...first.items, ...second.items].map((i: any) => i.publishedAt ?? i.firstSeenAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set([...first.items, ...second.items].map((i: any) => i.id)).size).toBe(6);
  });

  it('filters by search, kind, feed, status and date', async () => {
    const found = await body(await call('/api/items?q=Pyongyang'));
    expect(found.items.length).toBeGreaterThanOrEqual(2);
    expect(found.items.every((i: any) => /Pyongyang|North Korea|Russia|Kim/i.test(i.title + i.summary))).toBe(true);
    const news = await body(await call('/api/items?kind=news'));
    expect(news.items.every((i: any) => i.sources.includes('Asia Pacific Wire'))).toBe(true);
    const feed = await body(await call(`/api/items?feed=${encodeURIComponent('Persecution Wire')}`));
    expect(feed.items.map((i: any) => i.feed)).toEqual(['Persecution Wire', 'Persecution Wire']);
    const since = await body(await call('/api/items?since=2026-01-01'));
    expect(since.items.every((i: any) => (i.publishedAt ?? i.firstSeenAt) >= '2026-01-01')).toBe(true);
    expect((await body(await call('/api/items?status=published'))).items).toEqual([]);
  });

  it('answers 400 with the reason for a bad filter', async () => {
    const res = await call('/api/items?status=maybe&limit=9999');
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/status: .*limit: /s);
  });
});

describe('GET /api/items/:id', () => {
  it('shows every field of an item', async () => {
    const id = app.itemId('Mutual defense pact');
    const item = await body(await call(`/api/items/${id}`));
    expect(item).toMatchObject({
      id,
      status: 'new',
      extraction: { status: 'done' },
      countries: [],
      suggestedCountries: expect.arrayContaining([expect.objectContaining({ code: 'KP', primary: true, evidence: expect.any(Array) })]),
      alsoReportedBy: [expect.objectContaining({ title: 'What You Need to Know about Russia and North Korea' })],
      audit: [],
    });
    expect(item.text.length).toBeGreaterThan(500);
  });

  it('answers 404 for an unknown item', async () => {
    expect((await call('/api/items/999999')).status).toBe(404);
  });

  it('names the query, not a body, when a GET has an unknown parameter', async () => {
    const res = await call('/api/items?foo=1');
    expect(res.status).toBe(400);
    expect(await body(res)).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/^query: .*"foo"/) });
  });
});

describe('unknown API routes', () => {
  it.each([
    ['GET', '/api/nope'],
    ['DELETE', '/api/items/1'],
    ['GET', '/api/items/abc'],
  ])('%s %s answers 404 JSON like every other API error', async (method, path) => {
    const res = await call(path, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await body(res)).toMatchObject({ error: 'not_found', message: `no API route ${method} ${path}` });
  });
});

describe('PATCH /api/items/:id', () => {
  it('refuses an unknown country with 422 and a clear message, changing nothing', async () => {
    const id = app.itemId('Mutual defense pact');
    const res = await call(`/api/items/${id}`, { method: 'PATCH', json: { countries: ['KP', 'Narnia'] } });
    expect(res.status).toBe(422);
    expect(await body(res)).toEqual({ error: 'unknown_country', message: expect.stringMatching(/"Narnia" is not a country/) });
    expect((await body(await call(`/api/items/${id}`))).countries).toEqual([]);
  });

  it('refuses to publish without what it requires (422)', async () => {
    const id = app.itemId('Mutual defense pact');
    const res = await call(`/api/items/${id}`, { method: 'PATCH', json: { status: 'published' } });
    expect(res.status).toBe(422);
    expect(await body(res)).toMatchObject({ error: 'requirements', message: expect.stringMatching(/at least one country and a prayer note/) });
  });

  it('tags, writes the note and publishes in one request; the item reaches the public feed', async () => {
    const id = app.itemId('Mutual defense pact');
    const res = await call(`/api/items/${id}`, {
      method: 'PATCH',
      json: { countries: ['KP', 'Russia'], prayerNote: { points: ['For believers in North Korea'], scripture: 'Hebrews 13:3', text: 'Remember the prisoners.' }, status: 'published' },
    });
    expect(res.status).toBe(200);
    const item = await body(res);
    expect(item).toMatchObject({ status: 'published', countries: ['KP', 'RU'], prayerNote: { points: ['For believers in North Korea'], updatedBy: 'cora' } });
    expect(item.audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['tag', 'note', 'publish']));
    const feed = await (await web.request('http://prayer.test/feed.xml')).text();
    expect(feed).toContain('North Korea/Russia: Mutual defense pact');
    expect(feed).toContain('For believers in North Korea');
    const kp = await (await web.request('http://prayer.test/countries/kp/feed.json')).json();
    expect((kp as any).items).toHaveLength(1);
  });

  it('answers 400 for an unknown field or a malformed body', async () => {
    const id = app.itemId('Chengdu');
    expect((await call(`/api/items/${id}`, { method: 'PATCH', json: { colour: 'red' } })).status).toBe(400);
    expect((await call(`/api/items/${id}`, { method: 'PATCH', body: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('answers 404 for an unknown item', async () => {
    expect((await call('/api/items/999999', { method: 'PATCH', json: { status: 'dismissed' } })).status).toBe(404);
  });
});

describe('bulk dismiss, feeds and countries', () => {
  it('dismisses several new items at once', async () => {
    const ids = [app.itemId('Eritrea'), app.itemId('Sudan')];
    const res = await call('/api/items/dismiss', { method: 'POST', json: { ids } });
    expect(await body(res)).toEqual({ dismissed: ids });
  });

  it('lists feeds with their health', async () => {
    const feeds = await body(await call('/api/feeds'));
    expect(feeds).toHaveLength(5);
    expect(feeds[0]).toMatchObject({ name: expect.any(String), errorCount: 0, itemCount: expect.any(Number), lastSuccessAt: expect.any(String) });
  });

  it('lets an admin disable a feed and poll it now', async () => {
    const [feed] = await body(await call('/api/feeds', { token: adminToken }));
    const off = await call(`/api/feeds/${feed.id}`, { method: 'PATCH', token: adminToken, json: { enabled: false } });
    expect(await body(off)).toMatchObject({ enabled: false });
    const polled = await call(`/api/feeds/${feed.id}/poll`, { method: 'POST', token: adminToken });
    expect(polled.status).toBe(202);
    expect((await call('/api/feeds/999/poll', { method: 'POST', token: adminToken })).status).toBe(404);
  });

  it('finds countries by name or code for the type-ahead', async () => {
    expect(await body(await call('/api/countries?q=korea'))).toEqual(expect.arrayContaining([{ code: 'KP', name: 'North Korea' }, { code: 'KR', name: 'South Korea' }]));
    expect((await body(await call('/api/countries?q=burma')))[0]).toEqual({ code: 'MM', name: 'Myanmar' });
    expect((await body(await call('/api/countries?q=ng')))[0]).toEqual({ code: 'NG', name: 'Nigeria' });
  });
});

describe('review: embargo on a second publication, and malformed cursors', () => {
  it('keeps a re-published item out of the public feeds until the new embargo passes', async () => {
    const id = app.itemId('Chengdu');
    const note = { points: ['For the church in Chengdu'], text: 'Pray for the congregation.' };
    expect((await call(`/api/items/${id}`, { method: 'PATCH', json: { countries: ['CN'], prayerNote: note, status: 'published' } })).status).toBe(200);
    expect((await call(`/api/items/${id}`, { method: 'PATCH', json: { status: 'retracted', retractionReason: 'Wrong date' } })).status).toBe(200);
    expect((await call(`/api/items/${id}`, { method: 'PATCH', json: { status: 'new' } })).status).toBe(200);
    const later = new Date(Date.now() + 7 * 86400_000).toISOString();
    const res = await call(`/api/items/${id}`, { method: 'PATCH', json: { status: 'published', publishAt: later } });
    expect(res.status).toBe(200);
    expect((await web.request(`http://prayer.test/items/${id}`)).status).toBe(404);
    const cn = (await (await web.request('http://prayer.test/countries/cn/feed.json')).json()) as { items: unknown[] };
    expect(cn.items).toEqual([]);
    expect(await (await web.request('http://prayer.test/feed.xml')).text()).not.toContain('Chengdu');
  });

  it.each(['abc', 'not a cursor!', Buffer.from('2026-01-01|x').toString('base64url')])('answers 400 for the malformed cursor %j instead of restarting at the first page', async (cursor) => {
    const res = await call(`/api/items?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/cursor/);
  });
});

describe('review: /health is public', () => {
  it('names failing feeds but keeps their error text (feed URLs with keys, internal addresses) to signed-in users', async () => {
    const [feed] = await body(await call('/api/feeds'));
    app.ctx.db
      .prepare('UPDATE feeds SET error_count = 3, last_error = ?, last_error_code = ? WHERE id = ?')
      .run('HTTP 401 from https://news.example/private.xml?apikey=s3cret-key', 'http_status', feed.id);
    const res = await web.request('http://prayer.test/health');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('s3cret-key');
    expect(JSON.parse(text).failingFeeds).toEqual([expect.objectContaining({ name: feed.name })]);
    expect(JSON.stringify(await body(await call('/api/feeds')))).toContain('s3cret-key');
    app.ctx.db.prepare('UPDATE feeds SET error_count = 0, last_error = NULL, last_error_code = NULL WHERE id = ?').run(feed.id);
  });
});

describe('favicon', () => {
  it('serves a small SVG mark at /favicon.ico, cacheable', async () => {
    const res = await web.request('http://prayer.test/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg/);
  });
});
