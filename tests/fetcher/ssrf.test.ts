import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyBlockedAddress, fetchUrl, type FetchOptions } from '../../src/fetcher/index.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { testOptions } from './options.js';

const guarded: FetchOptions = { ...testOptions, allowPrivateNetworks: false };
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({ '/feed': { body: 'internal' } });
  server.setRoute('/to-loopback', faults.redirect(server.url('/feed'), 302));
  server.setRoute('/to-metadata', faults.redirect('http://169.254.169.254/latest/meta-data/', 302));
});

afterAll(() => server.close());

describe('classifyBlockedAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['0:0:0:0:0:ffff:10.0.0.1', 'private'],
    ['::10.0.0.1', 'private'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(classifyBlockedAddress(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '100.128.0.1', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'lets public %s through',
    (address) => {
      expect(classifyBlockedAddress(address)).toBeNull();
    },
  );
});

describe('fetchUrl: SSRF guard', () => {
  it('blocks 127.0.0.1 unless allowPrivateNetworks, without sending a request', async () => {
    server.resetStats();
    const result = await fetchUrl(server.url('/feed'), guarded);
    expect(result).toMatchObject({ ok: false, code: 'blocked', url: server.url('/feed') });
    expect(!result.ok && result.message).toContain('loopback');
    expect(server.requests).toHaveLength(0);
    expect(await fetchUrl(server.url('/feed'), testOptions)).toMatchObject({ ok: true, status: 200 });
  });

  it('blocks a name that resolves to loopback (localhost), checked at DNS lookup', async () => {
    server.resetStats();
    const url = `http://localhost:${new URL(server.origin).port}/feed`;
    const result = await fetchUrl(url, guarded);
    expect(result).toMatchObject({ ok: false, code: 'blocked' });
    expect(!result.ok && result.message).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://10.0.0.1/',
    'http://0.0.0.0/',
    'https://192.168.0.1/',
  ])('blocks the literal address in %s', async (url) => {
    expect(await fetchUrl(url, guarded)).toMatchObject({ ok: false, code: 'blocked' });
  });

  it('re-checks every redirect hop: an allowed host redirecting to 127.0.0.1 is blocked', async () => {
    // localhost is let through by name; the hop to the 127.0.0.1 literal gets no such pass.
    const port = new URL(server.origin).port;
    server.resetStats();
    const result = await fetchUrl(`http://localhost:${port}/to-loopback`, { ...guarded, allowedPrivateHosts: ['LOCALHOST'] });
    expect(result).toMatchObject({ ok: false, code: 'blocked' });
    expect(!result.ok && result.message).toContain('127.0.0.1');
    expect(server.requests.map((r) => r.path)).toEqual(['/to-loopback']);
  });

  it('blocks a redirect to the cloud metadata address', async () => {
    const port = new URL(server.origin).port;
    const result = await fetchUrl(`http://localhost:${port}/to-metadata`, { ...guarded, allowedPrivateHosts: ['localhost'] });
    expect(result).toMatchObject({ ok: false, code: 'blocked' });
    expect(!result.ok && result.message).toContain('169.254.169.254');
  });

  it('lets a host named in allowedPrivateHosts through', async () => {
    const result = await fetchUrl(server.url('/feed'), { ...guarded, allowedPrivateHosts: ['127.0.0.1'] });
    expect(result.ok && result.body.toString()).toBe('internal');
  });
});
