import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_ACCEPT, fetchUrl, type FetchResponse, type FetchResult } from '../../src/fetcher/index.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { testOptions } from './options.js';

const feedPath = new URL('../fixtures/http/sample-feed.rss', import.meta.url);
const feedText = readFileSync(feedPath, 'utf8');
const lastModified = 'Wed, 26 Jun 2024 09:00:00 GMT';

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/feed.rss': {
      file: 'http/sample-feed.rss',
      etag: '"v1"',
      lastModified,
      headers: { 'cache-control': 'public, max-age=900' },
    },
    '/feed.gz': { file: 'http/sample-feed.rss', encoding: 'gzip' },
    '/feed.deflate': { file: 'http/sample-feed.rss', encoding: 'deflate' },
    '/feed.raw-deflate': { file: 'http/sample-feed.rss', encoding: 'deflate-raw' },
    '/feed.br': { file: 'http/sample-feed.rss', encoding: 'br' },
    '/empty.gz': { body: '', headers: { 'content-encoding': 'gzip' } },
    '/corrupt.gz': { body: 'this is not gzip at all', headers: { 'content-encoding': 'gzip' } },
    '/gone': faults.status(410),
    '/boom': faults.status(500),
    '/busy-seconds': faults.status(429, { 'retry-after': '120' }),
    '/busy-date': faults.status(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }),
  });
});

afterAll(() => server.close());

function expectResponse(result: FetchResult): FetchResponse {
  if (!result.ok) throw new Error(`expected a response, got ${result.code}: ${result.message}`);
  return result;
}

describe('fetchUrl: responses', () => {
  it('returns body, status, validators, content type and max-age of a 200', async () => {
    const res = expectResponse(await fetchUrl(server.url('/feed.rss'), testOptions));
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toBe(feedText);
    expect(res.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(res.etag).toBe('"v1"');
    expect(res.lastModified).toBe(lastModified);
    expect(res.maxAgeSec).toBe(900);
    expect(res.retryAfterMs).toBeNull();
    expect(res.notModified).toBe(false);
    expect(res.url).toBe(server.url('/feed.rss'));
    expect(res.redirects).toEqual([]);
    expect(res.permanentUrl).toBeNull();
    expect(res.headers['cache-control']).toBe('public, max-age=900');
  });

  it('sends User-Agent, the feed Accept header, Accept-Encoding and no validators by default', async () => {
    server.resetStats();
    await fetchUrl(server.url('/feed.rss'), testOptions);
    const headers = server.requests[0]?.headers;
    expect(headers?.['user-agent']).toBe(testOptions.userAgent);
    expect(headers?.accept).toBe(DEFAULT_FEED_ACCEPT);
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers?.['if-none-match']).toBeUndefined();
    expect(headers?.['if-modified-since']).toBeUndefined();
  });

  it('sends a caller-given Accept header', async () => {
    server.resetStats();
    await fetchUrl(server.url('/feed.rss'), { ...testOptions, accept: 'text/html' });
    expect(server.requests[0]?.headers.accept).toBe('text/html');
  });

  it.each<[string, { etag?: string; lastModified?: string }]>([
    ['If-None-Match', { etag: '"v1"' }],
    ['If-Modified-Since', { lastModified }],
  ])('turns a 304 answer to %s into notModified with an empty body', async (_name, validators) => {
    server.resetStats();
    const res = expectResponse(await fetchUrl(server.url('/feed.rss'), { ...testOptions, ...validators }));
    expect(res.status).toBe(304);
    expect(res.notModified).toBe(true);
    expect(res.body.length).toBe(0);
    expect(res.etag).toBe('"v1"');
    const sent = server.requests[0]?.headers;
    expect(sent?.['if-none-match']).toBe(validators.etag);
    expect(sent?.['if-modified-since']).toBe(validators.lastModified);
  });

  it('gets the full body when the validator no longer matches', async () => {
    const res = expectResponse(await fetchUrl(server.url('/feed.rss'), { ...testOptions, etag: '"v0"' }));
    expect(res.status).toBe(200);
    expect(res.notModified).toBe(false);
    expect(res.body.toString('utf8')).toBe(feedText);
  });

  it.each(['/feed.gz', '/feed.deflate', '/feed.raw-deflate', '/feed.br'])('decodes %s', async (path) => {
    const res = expectResponse(await fetchUrl(server.url(path), testOptions));
    expect(res.headers['content-encoding']).toMatch(/gzip|deflate|br/);
    expect(res.body.toString('utf8')).toBe(feedText);
  });

  it('gives an empty body for an empty gzip-labelled response', async () => {
    const res = expectResponse(await fetchUrl(server.url('/empty.gz'), testOptions));
    expect(res.body.length).toBe(0);
  });

  it("fails with 'network' naming the coding when a compressed body is corrupt", async () => {
    const result = await fetchUrl(server.url('/corrupt.gz'), testOptions);
    expect(result).toMatchObject({ ok: false, code: 'network' });
    expect(!result.ok && result.message).toContain('could not decode the gzip body');
  });

  it.each([
    ['/missing', 404, 'not found'],
    ['/gone', 410, 'status 410'],
    ['/boom', 500, 'status 500'],
  ])('returns %s as a response with status %i: callers decide', async (path, status, body) => {
    const res = expectResponse(await fetchUrl(server.url(path), testOptions));
    expect(res.status).toBe(status);
    expect(res.body.toString()).toBe(body);
  });

  it('reads Retry-After given in seconds', async () => {
    const res = expectResponse(await fetchUrl(server.url('/busy-seconds'), testOptions));
    expect(res.status).toBe(429);
    expect(res.retryAfterMs).toBe(120_000);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const res = expectResponse(await fetchUrl(server.url('/busy-date'), testOptions));
    expect(res.status).toBe(503);
    expect(res.retryAfterMs).toBeGreaterThan(50_000);
    expect(res.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('reuses the connection for the next request to the same server (keep-alive agents)', async () => {
    server.resetStats();
    await fetchUrl(server.url('/feed.rss'), testOptions);
    await fetchUrl(server.url('/feed.gz'), testOptions);
    const [first, second] = server.requests;
    expect(second?.remotePort).toBe(first?.remotePort);
  });
});
