import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient, type HttpClientConfig } from '../../src/fetcher/index.js';
import { startFixtureServer, type FixtureServer, type RouteHandler } from '../helpers/fixture-server.js';

const base: HttpClientConfig = {
  userAgent: 'prayerwire-test/1.0',
  concurrency: 10,
  perHost: 10,
  allowPrivateNetworks: true,
  timeoutMs: 5_000,
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(host: string, routes: Parameters<typeof startFixtureServer>[0]): Promise<FixtureServer> {
  const server = await startFixtureServer(routes, { host });
  cleanups.push(() => server.close());
  return server;
}

function client(config: Partial<HttpClientConfig> = {}): HttpClient {
  const http = createHttpClient({ ...base, ...config });
  cleanups.push(() => http.close());
  return http;
}

/** A route that answers after `ms`, counting how many such routes run at once across servers. */
function slowCounted(ms: number, load: { now: number; max: number }): RouteHandler {
  return (_req, res: ServerResponse) => {
    load.now += 1;
    load.max = Math.max(load.max, load.now);
    setTimeout(() => {
      load.now -= 1;
      res.end('done');
    }, ms);
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((done) => setTimeout(done, 5));
}

describe('createHttpClient: limits', () => {
  it('serialises requests to one host at perHost = 1', async () => {
    const server = await serve('127.0.0.1', { '/slow': { body: 'ok', delayMs: 60 } });
    const http = client({ perHost: 1 });
    const results = await Promise.all([1, 2, 3, 4].map(() => http.fetch(server.url('/slow'))));
    expect(results.every((r) => r.ok && r.status === 200)).toBe(true);
    expect(server.requests).toHaveLength(4);
    expect(server.maxInFlight).toBe(1);
  });

  it('allows perHost requests at once to one host', async () => {
    const server = await serve('127.0.0.1', { '/slow': { body: 'ok', delayMs: 60 } });
    const http = client({ perHost: 2 });
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => http.fetch(server.url('/slow'))));
    expect(server.maxInFlight).toBe(2);
  });

  it('keeps hosts independent and caps all hosts together at concurrency', async () => {
    const load = { now: 0, max: 0 };
    const a = await serve('127.0.0.1', { '/slow': slowCounted(60, load) });
    const b = await serve('127.0.0.2', { '/slow': slowCounted(60, load) });
    const http = client({ concurrency: 3, perHost: 2 });
    const urls = [...Array<string>(4).fill(a.url('/slow')), ...Array<string>(4).fill(b.url('/slow'))];
    const results = await Promise.all(urls.map((url) => http.fetch(url)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(a.maxInFlight).toBe(2);
    expect(b.maxInFlight).toBeLessThanOrEqual(2);
    expect(load.max).toBe(3);
  });

  it('reports active and queued requests', async () => {
    const server = await serve('127.0.0.1', { '/slow': { body: 'ok', delayMs: 150 } });
    const http = client({ perHost: 1 });
    const pending = [1, 2, 3].map(() => http.fetch(server.url('/slow')));
    await until(() => server.inFlight === 1);
    expect(http.stats()).toEqual({ active: 1, queued: 2 });
    await Promise.all(pending);
    expect(http.stats()).toEqual({ active: 0, queued: 0 });
  });

  it('uses its defaults and lets a call override them', async () => {
    const server = await serve('127.0.0.1', { '/big': { body: 'x'.repeat(2000) } });
    const http = client({ maxBytes: 1000 });
    expect(await http.fetch(server.url('/big'))).toMatchObject({ ok: false, code: 'too_large' });
    expect(await http.fetch(server.url('/big'), { maxBytes: 5000, userAgent: 'other/2' })).toMatchObject({ ok: true });
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual(['prayerwire-test/1.0', 'other/2']);
  });
});

describe('createHttpClient: Retry-After memory', () => {
  it('holds later requests to a host until its Retry-After has passed', async () => {
    let calls = 0;
    const server = await serve('127.0.0.1', {
      '/limited': (_req, res) => {
        calls += 1;
        if (calls === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
        else res.end('welcome back');
      },
    });
    const http = client();
    const first = await http.fetch(server.url('/limited'));
    expect(first).toMatchObject({ ok: true, status: 429, retryAfterMs: 1000 });
    const second = await http.fetch(server.url('/limited'));
    expect(second.ok && second.body.toString()).toBe('welcome back');
    const [a, b] = server.requests;
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("fails at once with 'deferred' and retryAfterMs when the wait would pass the deadline; other hosts are unaffected", async () => {
    const busy = await serve('127.0.0.1', { '/feed': (_req, res) => void res.writeHead(503, { 'retry-after': '30' }).end() });
    const other = await serve('127.0.0.2', { '/feed': { body: 'fine' } });
    const http = client();
    expect(await http.fetch(busy.url('/feed'))).toMatchObject({ ok: true, status: 503, retryAfterMs: 30_000 });
    const deferred = await http.fetch(busy.url('/feed'), { timeoutMs: 2000 });
    expect(deferred).toMatchObject({ ok: false, code: 'deferred', url: busy.url('/feed') });
    expect(!deferred.ok && deferred.retryAfterMs).toBeGreaterThan(25_000);
    expect(!deferred.ok && deferred.message).toContain('Retry-After');
    expect(busy.requests).toHaveLength(1);
    expect(await http.fetch(other.url('/feed'))).toMatchObject({ ok: true, status: 200 });
  });

  it('frees the host slot of a request it refuses for Retry-After, so later requests to that host are answered too', async () => {
    const busy = await serve('127.0.0.1', { '/feed': (_req, res) => void res.writeHead(429, { 'retry-after': '3600' }).end() });
    const http = client({ perHost: 1 });
    expect(await http.fetch(busy.url('/feed'))).toMatchObject({ ok: true, status: 429 });
    // Each of these used to keep the host's only slot forever: the next one then waited for it without a deadline.
    for (let i = 0; i < 3; i++) expect(await http.fetch(busy.url('/feed'), { timeoutMs: 1000 })).toMatchObject({ ok: false, code: 'deferred' });
    expect(http.stats()).toEqual({ active: 0, queued: 0 });
    expect(busy.requests).toHaveLength(1);
  });
});

describe('createHttpClient: cancellation', () => {
  it("answers queued and running requests 'aborted' on close, and every later call too", async () => {
    const server = await serve('127.0.0.1', { '/hang': () => undefined });
    const http = createHttpClient({ ...base, perHost: 1 });
    const pending = [1, 2].map(() => http.fetch(server.url('/hang')));
    await until(() => server.inFlight === 1);
    http.close();
    const results = await Promise.all(pending);
    expect(results.map((r) => !r.ok && r.code)).toEqual(['aborted', 'aborted']);
    expect(await http.fetch(server.url('/hang'))).toMatchObject({ ok: false, code: 'aborted' });
    expect(http.stats()).toEqual({ active: 0, queued: 0 });
  });

  it("lets a caller's signal cancel a queued request without disturbing the queue", async () => {
    const server = await serve('127.0.0.1', { '/slow': { body: 'ok', delayMs: 100 } });
    const http = client({ perHost: 1 });
    const controller = new AbortController();
    const first = http.fetch(server.url('/slow'));
    const cancelled = http.fetch(server.url('/slow'), { signal: controller.signal });
    const third = http.fetch(server.url('/slow'));
    controller.abort();
    expect(await cancelled).toMatchObject({ ok: false, code: 'aborted' });
    expect(await first).toMatchObject({ ok: true });
    expect(await third).toMatchObject({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it("passes a bad URL straight to fetchUrl's 'bad_url'", async () => {
    expect(await client().fetch('mailto:someone@example.org')).toMatchObject({ ok: false, code: 'bad_url' });
  });
});
