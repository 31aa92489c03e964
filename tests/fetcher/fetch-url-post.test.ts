/** POST through the one client (WebSub pings): the body arrives, redirects are followed as browsers do, statuses are data. */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, fetchUrl } from '../../src/fetcher/index.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { testOptions } from './options.js';

let server: FixtureServer;
const received: { method: string; path: string; type: string | undefined; body: string }[] = [];

function record(status: number) {
  return async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    received.push({ method: req.method ?? '', path: req.url ?? '', type: req.headers['content-type'], body });
    res.writeHead(status).end();
  };
}

beforeAll(async () => {
  server = await startFixtureServer({
    '/hub': record(204),
    '/broken': record(500),
    '/see-other': faults.redirect('/hub', 303),
    '/temporary': faults.redirect('/hub', 307),
  });
});

afterAll(() => server.close());

const form = 'hub.mode=publish&hub.url=https%3A%2F%2Fexample.org%2Ffeed.xml';
const post = { ...testOptions, method: 'POST' as const, body: form, contentType: 'application/x-www-form-urlencoded' };

describe('fetchUrl with method POST', () => {
  it('sends the body with its content type', async () => {
    received.length = 0;
    const result = await fetchUrl(server.url('/hub'), post);
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(received).toEqual([{ method: 'POST', path: '/hub', type: 'application/x-www-form-urlencoded', body: form }]);
  });

  it('answers an error status as data, never throws', async () => {
    expect(await fetchUrl(server.url('/broken'), post)).toMatchObject({ ok: true, status: 500 });
  });

  it('repeats the POST on a 307 and follows a 303 with a GET', async () => {
    received.length = 0;
    await fetchUrl(server.url('/temporary'), post);
    await fetchUrl(server.url('/see-other'), post);
    expect(received.map((r) => [r.method, r.body])).toEqual([
      ['POST', form],
      ['GET', ''],
    ]);
  });

  it('goes through the HTTP client and its SSRF guard like any GET', async () => {
    const guarded = createHttpClient({ userAgent: 'prayerwire-test', concurrency: 2, perHost: 1, allowPrivateNetworks: false, timeoutMs: 5000 });
    try {
      received.length = 0;
      expect(await guarded.fetch(server.url('/hub'), { method: 'POST', body: form })).toMatchObject({ ok: false, code: 'blocked' });
      expect(received).toEqual([]);
    } finally {
      guarded.close();
    }
  });
});
