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
    ['::0.0.0.2', 'unspecified'],
    ['::2', 'unspecified'],
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

describe('classifyBlockedAddress: IPv6 forms that carry an IPv4 address', () => {
  // Each form is judged by the IPv4 address inside it, in every spelling: dotted quad, hex words, expanded,
  // upper case, with a zone id.
  it.each([
    // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052)
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:FF9B::7F00:0001', 'loopback'],
    ['0064:ff9b:0000:0000:0000:0000:7f00:0001', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::192.168.1.1', 'private'],
    ['64:ff9b::0.0.0.0', 'unspecified'],
    // NAT64 local-use prefix 64:ff9b:1::/48 (RFC 8215): translated by a local NAT64, refused whatever it carries
    ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
    ['64:ff9b:1:abcd::1', 'local-use NAT64'],
    // 6to4 2002::/16 (RFC 3056): bits 16-47
    ['2002:7f00:1::', 'loopback'],
    ['2002:7f00:0001:0000:0000:0000:0000:0001', 'loopback'],
    ['2002:a00:1::1', 'private'],
    ['2002:c0a8:101::', 'private'],
    ['2002:a9fe:a9fe::1', 'link-local'],
    // IPv4-translated ::ffff:0:0:0/96 (RFC 2765)
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['0:0:0:0:ffff:0:a00:1', 'private'],
    ['::FFFF:0:A9FE:A9FE', 'link-local'],
    // IPv4-compatible ::/96 (deprecated), every spelling
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['0:0:0:0:0:0:7f00:1', 'loopback'],
    ['::a9fe:a9fe', 'link-local'],
    ['::c0a8:0101%eth0', 'private'],
    // Teredo 2001::/32 (RFC 4380): server in bits 32-63, client obfuscated (inverted) in bits 96-127
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
    ['2001:0000:4136:e378:8000:63bf:f5ff:fffe', 'private'],
    ['2001::7f00:1:0:0:3f57:fefe', 'loopback'],
    ['2001:0:a00:1::3f57:fefe', 'private'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(classifyBlockedAddress(address)).toBe(reason);
  });

  it.each([
    // With a public IPv4 inside, these are routes to that public host (DNS64 hands out 64:ff9b:: addresses for every
    // IPv4-only site on an IPv6-only network), so they are judged as that host.
    '64:ff9b::8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '::ffff:0:8.8.8.8',
    '::8.8.8.8',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ])('lets %s through (public IPv4 inside)', (address) => {
    expect(classifyBlockedAddress(address)).toBeNull();
  });
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
    'http://[64:ff9b::127.0.0.1]/',
    'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
    'http://[2002:7f00:1::]/',
    'http://[::ffff:0:10.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
  ])('blocks the literal address in %s', async (url) => {
    expect(await fetchUrl(url, guarded)).toMatchObject({ ok: false, code: 'blocked' });
  });

  it('re-checks every redirect hop: an allowed host redirecting to 127.0.0.1 is blocked', async () => {
    // localhost is let through by name; the hop to the 127.0.0.1 literal gets no such pass.
    const port = new URL(server.origin).port;
    server.resetStats();
    const result = await fetchUrl(`http://localhost:${port}/to-loopback`, { ...guarded, allowedPrivateHosts: ['LOCALHOST'] });
    expect(result).toMatchObject({ ok: false, code: 'blocked' });
    // The refusal names the hop: which redirect, from where, to where.
    const message = !result.ok ? result.message : '';
    expect(message).toContain(`Redirect 1 refused (HTTP 302 from http://localhost:${port}/to-loopback to ${server.url('/feed')})`);
    expect(message).toContain('Refused to connect to 127.0.0.1: loopback address');
    expect(message).not.toMatch(/allowPrivateNetworks/);
    expect(server.requests.map((r) => r.path)).toEqual(['/to-loopback']);
  });

  it('names the IPv4 address inside a NAT64 literal, and never suggests turning the guard off', async () => {
    const result = await fetchUrl('http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', guarded);
    expect(!result.ok && result.message).toBe(
      'Refused to connect to 64:ff9b::a9fe:a9fe: link-local address (NAT64 address carrying 169.254.169.254); prayerwire only fetches from public addresses',
    );
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
