/**
 * /metrics and /healthz on the real app: the demo's sample sources polled and extracted over 127.0.0.1 into a real
 * SQLite file, requests through the real middleware, the text read back by a strict parser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../../src/accounts/index.js';
import { buildWebApp, createOperations } from '../../src/app/index.js';
import { startPoller, type RunningPoller } from '../../src/poller/index.js';
import { operationsApp } from '../../src/web/operations.js';
import { startSampleApp, type SampleApp } from '../helpers/sample-app.js';
import { parseExposition, type Exposition } from './exposition.js';

const ORIGIN = 'http://prayer.test';
const cheap = { scrypt: { N: 1024, r: 8, p: 1 } };
let sample: SampleApp;
let web: ReturnType<typeof buildWebApp>['web'];
let adminToken: string;
let curatorToken: string;

beforeAll(async () => {
  sample = await startSampleApp();
  const admin = await createUser(sample.ctx.db, { name: 'ada', role: 'admin', password: 'correct horse battery' }, cheap);
  const curator = await createUser(sample.ctx.db, { name: 'cora', role: 'curator', password: 'correct horse battery' }, cheap);
  adminToken = createApiToken(sample.ctx.db, admin.id, 'metrics');
  curatorToken = createApiToken(sample.ctx.db, curator.id, 'tests');
  web = buildWebApp(sample.ctx, { baseUrl: ORIGIN }).web;
}, 60_000);
afterAll(async () => {
  await sample?.close();
});

const get = (path: string, token?: string) => web.request(`${ORIGIN}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

async function scrape(token = adminToken): Promise<Exposition> {
  const res = await get('/metrics', token);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(await res.text());
}

describe('/metrics', () => {
  it('counts the polls, the new items and the extractions of a pass', async () => {
    const m = await scrape();
    const items = sample.ctx.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number };
    const feeds = sample.ctx.db.prepare('SELECT COUNT(*) AS n FROM feeds WHERE enabled = 1').get() as { n: number };
    expect(items.n).toBeGreaterThan(0);
    expect(m.value('prayerwire_items_ingested_total')).toBe(items.n);
    expect(m.value('prayerwire_feed_polls_total', { status: 'ok' })).toBe(feeds.n);
    expect(m.value('prayerwire_feed_poll_duration_seconds_count')).toBe(feeds.n);
    const extracted = sample.ctx.db.prepare("SELECT COUNT(*) AS n FROM items WHERE extraction_status = 'done'").get() as { n: number };
    expect(extracted.n).toBeGreaterThan(0);
    expect(m.value('prayerwire_extractions_total', { status: 'done', code: '' })).toBe(extracted.n);
    expect(m.sum('prayerwire_extraction_duration_seconds_count')).toBe(m.sum('prayerwire_extractions_total'));
    expect(m.value('prayerwire_database_size_bytes')).toBeGreaterThan(4096);
    expect(m.value('prayerwire_fetches_in_flight', { state: 'active' })).toBe(0);
    expect(m.types.get('prayerwire_extraction_duration_seconds')).toBe('histogram');
  });

  it('moves the poll counters on the next pass (not modified or ok, none failed)', async () => {
    const before = await scrape();
    await sample.repoll();
    const after = await scrape();
    const polls = (e: Exposition) => e.sum('prayerwire_feed_polls_total');
    expect(polls(after) - polls(before)).toBe(sample.samples.feedUrls.length);
    expect(after.sum('prayerwire_feed_poll_failures_total')).toBe(0);
  });

  it('counts requests by route pattern and status, never by raw path', async () => {
    const itemId = sample.itemId(' ');
    for (let i = 0; i < 3; i++) expect((await get(`/api/items/${itemId}`, curatorToken)).status).toBe(200);
    expect((await get('/api/items/99999999', curatorToken)).status).toBe(404);
    expect((await get('/feed.xml')).status).toBe(200);
    expect((await get('/no/such/page/123')).status).toBe(404);
    const m = await scrape();
    const item = '/api/items/:id{[0-9]+}'; // the pattern as the API registers it
    expect(m.value('prayerwire_http_requests_total', { method: 'GET', route: item, status: '200' })).toBe(3);
    expect(m.value('prayerwire_http_requests_total', { method: 'GET', route: item, status: '404' })).toBe(1);
    expect(m.value('prayerwire_http_requests_total', { method: 'GET', route: '/feed.xml', status: '200' })).toBe(1);
    expect(m.value('prayerwire_http_request_duration_seconds_count', { method: 'GET', route: item })).toBe(4);
    const routes = m.samples.filter((s) => s.name === 'prayerwire_http_requests_total').map((s) => s.labels.route!);
    expect(routes.filter((r) => r.includes(`/${itemId}`) || r.includes('99999999') || r.includes('/no/such'))).toEqual([]);
  });

  it('is for admins only: 401 without credentials, 403 for a curator, 200 for an admin session', async () => {
    const anonymous = await get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('prayerwire_');
    const curator = await get('/metrics', curatorToken);
    expect(curator.status).toBe(403);
    expect(await curator.text()).not.toContain('prayerwire_');

    const login = await web.request(`${ORIGIN}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'ada', password: 'correct horse battery', next: '/inbox' }),
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const bySession = await web.request(`${ORIGIN}/metrics`, { headers: { Cookie: cookie } });
    expect(bySession.status).toBe(200);
    expect(await bySession.text()).toContain('prayerwire_items_ingested_total');
  });
});

describe('/healthz', () => {
  it('answers 200 with every check, and no path or URL in it', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({
      status: 'ok',
      failing: [],
      checks: { database: { ok: true, writable: true }, poller: { ok: true }, disk: { ok: true, freeBytes: expect.any(Number) } },
    });
    expect(body).not.toContain(sample.dir);
    expect(body).not.toMatch(/https?:|\/tmp/);
  });

  it('answers 503 naming the database when the connection cannot write, and 200 again once it can', async () => {
    sample.ctx.db.pragma('query_only = ON');
    try {
      const res = await get('/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'fail', failing: ['database'], checks: { database: { ok: false, code: 'read_only' } } });
    } finally {
      sample.ctx.db.pragma('query_only = OFF');
    }
    expect((await get('/healthz')).status).toBe(200);
  });

  it('answers 503 naming the poller when it has not looked at its schedule for minutes', async () => {
    let poller: RunningPoller | null = null;
    try {
      poller = startPoller(sample.ctx.ingest);
      await expect.poll(() => poller!.status().lastTickAt).not.toBeNull();
      const later = { by: 0 };
      const ops = createOperations(sample.ctx, { pollerStatus: () => poller!.status(), clock: () => Date.now() + later.by });
      const app = operationsApp(ops);
      expect((await app.request('/healthz')).status).toBe(200);
      later.by = 10 * 60_000; // ten minutes on, and the poller's last look is still the one above
      const res = await app.request('/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ failing: ['poller'], checks: { poller: { ok: false, code: 'stalled', lastTickAgeSec: expect.any(Number) } } });
    } finally {
      await poller?.stop();
    }
  });

  it('answers 503 naming the disk when free space is under the limit', async () => {
    const ops = createOperations(sample.ctx, { limits: { minFreeBytes: Number.MAX_SAFE_INTEGER } });
    const res = await operationsApp(ops).request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ failing: ['disk'], checks: { disk: { ok: false, code: 'low_space' } } });
  });
});
