import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/fetcher/index.js';
import { feedUrlsForEntry, pingHub } from '../../src/publish/websub.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { SITE } from './memory-source.js';
import { makeEntry } from './sample-entries.js';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

describe('WebSub', () => {
  let hub: FixtureServer;
  const received: { contentType: string | undefined; body: string }[] = [];

  // The project's one client, its SSRF guard opened for the stub hub on 127.0.0.1.
  const http = createHttpClient({ userAgent: 'prayerwire-test', concurrency: 4, perHost: 2, allowPrivateNetworks: true, timeoutMs: 5000 });

  beforeAll(async () => {
    hub = await startFixtureServer({
      '/hub': async (req, res) => {
        received.push({ contentType: req.headers['content-type'], body: await readBody(req) });
        res.writeHead(204).end();
      },
      '/broken': (_req, res) => void res.writeHead(500).end('no'),
      '/moved': (_req, res) => void res.writeHead(307, { location: '/hub' }).end(),
    });
  });
  afterAll(async () => {
    http.close();
    await hub.close();
  });

  it('lists the whole feed and each country feed of an entry, in every format', () => {
    const urls = feedUrlsForEntry(SITE, makeEntry(1));
    expect(urls).toEqual([
      'https://prayerwire.example/feed.xml',
      'https://prayerwire.example/feed.atom',
      'https://prayerwire.example/feed.json',
      'https://prayerwire.example/countries/kp/feed.xml',
      'https://prayerwire.example/countries/kp/feed.atom',
      'https://prayerwire.example/countries/kp/feed.json',
      'https://prayerwire.example/countries/ru/feed.xml',
      'https://prayerwire.example/countries/ru/feed.atom',
      'https://prayerwire.example/countries/ru/feed.json',
    ]);
  });

  it('posts hub.mode=publish with every changed topic to a hub on 127.0.0.1', async () => {
    const topics = feedUrlsForEntry(SITE, makeEntry(1));
    const result = await pingHub(http, hub.url('/hub'), topics);
    expect(result).toEqual({ ok: true, status: 204, error: null });
    const last = received.at(-1)!;
    expect(last.contentType).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(last.body);
    expect(form.get('hub.mode')).toBe('publish');
    expect(form.getAll('hub.url')).toEqual(topics);
    expect(hub.requests.at(-1)?.method).toBe('POST');
  });

  it('reports a hub error or an unreachable hub as data, never throws', async () => {
    const bad = await pingHub(http, hub.url('/broken'), ['https://prayerwire.example/feed.xml']);
    expect(bad).toMatchObject({ ok: false, status: 500, error: { code: 'http_status' } });
    const down = await pingHub(http, 'http://127.0.0.1:1/hub', ['https://prayerwire.example/feed.xml']);
    expect(down).toMatchObject({ ok: false, status: null, error: { code: 'network' } });
  });

  it('does not call the hub with no topics, and does not follow a redirect', async () => {
    const before = hub.requests.length;
    expect(await pingHub(http, hub.url('/hub'), [])).toEqual({ ok: true, status: null, error: null });
    expect(hub.requests.length).toBe(before);
    const moved = await pingHub(http, hub.url('/moved'), ['https://prayerwire.example/feed.xml']);
    expect(moved).toMatchObject({ ok: false, error: { code: 'too_many_redirects' } });
    expect(hub.requests.slice(before).map((r) => r.path)).toEqual(['/moved']);
  });

  it('goes through the SSRF guard of the client it is given', async () => {
    const guarded = createHttpClient({ userAgent: 'prayerwire-test', concurrency: 1, perHost: 1, allowPrivateNetworks: false, timeoutMs: 5000 });
    try {
      const before = hub.requests.length;
      expect(await pingHub(guarded, hub.url('/hub'), ['https://prayerwire.example/feed.xml'])).toMatchObject({ ok: false, error: { code: 'blocked' } });
      expect(hub.requests.length).toBe(before);
    } finally {
      guarded.close();
    }
  });
});
