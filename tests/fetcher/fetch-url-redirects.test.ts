import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, type FetchResponse, type FetchResult } from '../../src/fetcher/index.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { testOptions } from './options.js';

let server: FixtureServer;

/** /chain/N redirects to /chain/N-1 ... /chain/0 answers. */
function chain(length: number): Record<string, ReturnType<typeof faults.redirect>> {
  const routes: Record<string, ReturnType<typeof faults.redirect>> = {};
  for (let i = length; i > 0; i -= 1) routes[`/chain/${i}`] = faults.redirect(`/chain/${i - 1}`, 302);
  return routes;
}

beforeAll(async () => {
  server = await startFixtureServer({
    ...chain(6),
    '/chain/0': { body: 'end of chain' },
    '/feed': { body: '<rss/>', contentType: 'application/rss+xml' },
    '/moved': faults.redirect('/moved-again', 301),
    '/moved-again': faults.redirect('feed', 308),
    '/mixed': faults.redirect('/moved-temp', 301),
    '/moved-temp': faults.redirect('/feed', 302),
    '/see-other': faults.redirect('/feed?from=303', 303),
    '/temporary': faults.redirect('/feed', 307),
    '/dir/relative': faults.redirect('../feed', 302),
    '/loop-a': faults.redirect('/loop-b', 302),
    '/loop-b': faults.redirect('/loop-a', 302),
    '/self': faults.redirect('/self', 301),
    '/to-ftp': faults.redirect('ftp://example.org/feed', 302),
    '/no-location': { status: 302, body: 'nowhere' },
  });
});

afterAll(() => server.close());

function expectResponse(result: FetchResult): FetchResponse {
  if (!result.ok) throw new Error(`expected a response, got ${result.code}: ${result.message}`);
  return result;
}

describe('fetchUrl: redirects', () => {
  it('follows a relative Location and records every hop', async () => {
    const res = expectResponse(await fetchUrl(server.url('/moved'), testOptions));
    expect(res.status).toBe(200);
    expect(res.url).toBe(server.url('/feed'));
    expect(res.redirects).toEqual([
      { from: server.url('/moved'), to: server.url('/moved-again'), status: 301 },
      { from: server.url('/moved-again'), to: server.url('/feed'), status: 308 },
    ]);
  });

  it('sets permanentUrl when every hop was 301 or 308', async () => {
    const res = expectResponse(await fetchUrl(server.url('/moved'), testOptions));
    expect(res.permanentUrl).toBe(server.url('/feed'));
  });

  it('leaves permanentUrl null when any hop was temporary', async () => {
    const res = expectResponse(await fetchUrl(server.url('/mixed'), testOptions));
    expect(res.url).toBe(server.url('/feed'));
    expect(res.redirects.map((hop) => hop.status)).toEqual([301, 302]);
    expect(res.permanentUrl).toBeNull();
  });

  it.each([
    ['/see-other', 303, '/feed?from=303'],
    ['/temporary', 307, '/feed'],
    ['/dir/relative', 302, '/feed'],
  ])('follows %s (%i)', async (path, status, final) => {
    const res = expectResponse(await fetchUrl(server.url(path), testOptions));
    expect(res.url).toBe(server.url(final));
    expect(res.redirects[0]?.status).toBe(status);
    expect(res.body.toString()).toBe('<rss/>');
  });

  it('sends the same request headers on every hop', async () => {
    server.resetStats();
    await fetchUrl(server.url('/moved'), { ...testOptions, etag: '"e1"' });
    expect(server.requests.map((r) => r.path)).toEqual(['/moved', '/moved-again', '/feed']);
    expect(server.requests.every((r) => r.headers['user-agent'] === testOptions.userAgent)).toBe(true);
    expect(server.requests.every((r) => r.headers['if-none-match'] === '"e1"')).toBe(true);
  });

  it('follows up to maxRedirects hops', async () => {
    const res = expectResponse(await fetchUrl(server.url('/chain/5'), testOptions));
    expect(res.redirects).toHaveLength(5);
    expect(res.body.toString()).toBe('end of chain');
  });

  it("fails with 'too_many_redirects' past maxRedirects (default 5)", async () => {
    const result = await fetchUrl(server.url('/chain/6'), testOptions);
    expect(result).toMatchObject({ ok: false, code: 'too_many_redirects', url: server.url('/chain/6') });
    const tight = await fetchUrl(server.url('/chain/2'), { ...testOptions, maxRedirects: 1 });
    expect(tight).toMatchObject({ ok: false, code: 'too_many_redirects' });
  });

  it("fails with 'redirect_loop' when a URL comes round again", async () => {
    const result = await fetchUrl(server.url('/loop-a'), testOptions);
    expect(result).toMatchObject({ ok: false, code: 'redirect_loop' });
    expect(!result.ok && result.message).toContain(server.url('/loop-a'));
    expect(await fetchUrl(server.url('/self'), testOptions)).toMatchObject({ ok: false, code: 'redirect_loop' });
  });

  it("fails with 'bad_url' on a redirect to a scheme other than http(s)", async () => {
    const result = await fetchUrl(server.url('/to-ftp'), testOptions);
    expect(result).toMatchObject({ ok: false, code: 'bad_url' });
    expect(!result.ok && result.message).toContain('ftp:');
  });

  it('returns a 3xx without Location as the response', async () => {
    const res = expectResponse(await fetchUrl(server.url('/no-location'), testOptions));
    expect(res.status).toBe(302);
    expect(res.body.toString()).toBe('nowhere');
  });
});

describe('fetchUrl: URLs', () => {
  it.each(['ftp://example.org/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', ''])(
    "refuses %j with 'bad_url' before any network work",
    async (url) => {
      const result = await fetchUrl(url, testOptions);
      expect(result).toMatchObject({ ok: false, code: 'bad_url', url });
    },
  );
});
