import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults, gzipBombBody, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/plain': { body: 'hello', headers: { 'x-test': 'yes' } },
    '/file': { file: 'http/sample-feed.rss' },
    '/gz': { body: 'zipped', gzip: true },
    '/v': { body: 'versioned', etag: 'W/"7"', lastModified: 'Wed, 26 Jun 2024 09:00:00 GMT' },
    '/q?x=1': { body: 'with query' },
    '/moved': faults.redirect('/plain', 308),
    '/teapot': faults.status(418, { 'x-why': 'tea' }),
  });
});

afterAll(() => server.close());

/** A raw GET so the helper is tested without the fetcher. */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(server.url(path), { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}

describe('startFixtureServer', () => {
  it('serves declared bodies with their headers, and 404 for anything else', async () => {
    const plain = await get('/plain');
    expect([plain.status, plain.body.toString(), plain.headers['x-test']]).toEqual([200, 'hello', 'yes']);
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await get('/nothing-here')).status).toBe(404);
  });

  it('serves fixture files with a content type from the extension', async () => {
    const file = await get('/file');
    expect(file.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(file.body.toString()).toContain('<rss version="2.0">');
  });

  it('compresses on request of the route', async () => {
    const gz = await get('/gz');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe('zipped');
  });

  it('answers 304 to a matching (weak) If-None-Match or a fresh If-Modified-Since', async () => {
    expect((await get('/v', { 'if-none-match': '"7"' })).status).toBe(304);
    expect((await get('/v', { 'if-none-match': '"other", W/"7"' })).status).toBe(304);
    expect((await get('/v', { 'if-none-match': '"8"' })).status).toBe(200);
    expect((await get('/v', { 'if-modified-since': 'Thu, 27 Jun 2024 00:00:00 GMT' })).status).toBe(304);
    expect((await get('/v', { 'if-modified-since': 'Tue, 25 Jun 2024 00:00:00 GMT' })).status).toBe(200);
  });

  it('matches a route with its query before the bare path', async () => {
    expect((await get('/q?x=1')).body.toString()).toBe('with query');
    expect((await get('/q?x=2')).status).toBe(404);
  });

  it('records method, path and headers, and can change routes while running', async () => {
    server.resetStats();
    server.setRoute('/late', { body: 'added' });
    expect((await get('/late', { 'x-probe': '1' })).body.toString()).toBe('added');
    expect(server.requests).toMatchObject([{ method: 'GET', path: '/late', headers: { 'x-probe': '1' } }]);
  });

  it('has fault helpers for status and redirect', async () => {
    const teapot = await get('/teapot');
    expect([teapot.status, teapot.headers['x-why']]).toEqual([418, 'tea']);
    const moved = await get('/moved');
    expect([moved.status, moved.headers.location]).toEqual([308, '/plain']);
  });

  it('builds a gzip bomb that inflates to exactly the size asked', () => {
    const body = gzipBombBody(3 * 1024 * 1024 + 10);
    expect(body.length).toBeLessThan(10_000);
    expect(gunzipSync(body).length).toBe(3 * 1024 * 1024 + 10);
  });

  it('closes even with a hanging request open', async () => {
    const hanging = await startFixtureServer({ '/hang': faults.hang() });
    const req = request(hanging.url('/hang'), { agent: false });
    const failed = new Promise((done) => req.on('error', done));
    req.end();
    while (hanging.inFlight === 0) await new Promise((done) => setTimeout(done, 5));
    await hanging.close();
    await failed;
  });
});
