import { readFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, type FetchResult } from '../../src/fetcher/index.js';
import { faults, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { testOptions } from './options.js';

const KB = 1024;
const MB = 1024 * KB;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/exact': { body: 'x'.repeat(100 * KB) },
    '/declared-big': faults.huge(2 * MB, { contentLength: true }),
    '/chunked-big': faults.huge(2 * MB),
    '/gzip-big': { body: 'prayer '.repeat(300 * KB), gzip: true },
    '/br-big': { body: 'prayer '.repeat(300 * KB), encoding: 'br' },
    '/error-big': { status: 500, body: 'e'.repeat(300 * KB) },
    '/bomb': faults.gzipBomb(1024 * MB),
    '/hang': faults.hang(),
    '/stall-mid-body': faults.slowBody(10_000),
    '/trickle': faults.slowBody(100, { chunks: 50 }),
    '/slow-hop-1': { status: 302, headers: { location: '/slow-hop-2' }, delayMs: 150 },
    '/slow-hop-2': { status: 302, headers: { location: '/slow-hop-3' }, delayMs: 150 },
    '/slow-hop-3': { body: 'late', delayMs: 150 },
    '/reset': faults.reset(),
  });
});

afterAll(() => server.close());

function expectFailure(result: FetchResult, code: string): string {
  if (result.ok) throw new Error(`expected ${code}, got HTTP ${result.status}`);
  expect(result.code).toBe(code);
  return result.message;
}

describe('fetchUrl: body cap', () => {
  it('accepts a body exactly at the cap', async () => {
    const result = await fetchUrl(server.url('/exact'), { ...testOptions, maxBytes: 100 * KB });
    expect(result.ok && result.body.length).toBe(100 * KB);
  });

  it('refuses early when Content-Length is above the cap', async () => {
    const message = expectFailure(await fetchUrl(server.url('/declared-big'), { ...testOptions, maxBytes: MB }), 'too_large');
    expect(message).toContain('Content-Length 2097152');
    expect(message).toContain(server.url('/declared-big'));
  });

  it('stops a chunked body without Content-Length at the cap', async () => {
    const message = expectFailure(await fetchUrl(server.url('/chunked-big'), { ...testOptions, maxBytes: MB }), 'too_large');
    expect(message).toContain('1048576-byte limit');
  });

  it.each(['/gzip-big', '/br-big'])('applies the cap to the decompressed size of %s', async (path) => {
    // About 2 MB inflated, a few KB on the wire: only the decompressed count can catch it.
    expectFailure(await fetchUrl(server.url(path), { ...testOptions, maxBytes: MB }), 'too_large');
    const roomy = await fetchUrl(server.url(path), { ...testOptions, maxBytes: 3 * MB });
    expect(roomy.ok && roomy.body.length).toBe('prayer '.length * 300 * KB);
  });

  it('truncates the body of an error status instead of failing', async () => {
    const result = await fetchUrl(server.url('/error-big'), { ...testOptions, maxBytes: 1000 });
    expect(result.ok && result.status).toBe(500);
    expect(result.ok && result.body.toString()).toBe('e'.repeat(1000));
  });

  it('stops a 1 MB gzip bomb that inflates to 1 GB at the cap, without holding it in memory', async () => {
    const before = process.memoryUsage();
    const result = await fetchUrl(server.url('/bomb'), { ...testOptions, maxBytes: 5 * MB });
    expectFailure(result, 'too_large');
    const after = process.memoryUsage();
    const grown = after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed);
    expect(grown).toBeLessThan(200 * MB);
  });
});

describe('fetchUrl: deadlines', () => {
  it('times out a server that never answers, naming the URL and the limit', async () => {
    const message = expectFailure(await fetchUrl(server.url('/hang'), { ...testOptions, timeoutMs: 300 }), 'timeout');
    expect(message).toContain('300 ms');
    expect(message).toContain(server.url('/hang'));
  });

  it('times out a server that sends headers and then stalls mid-body', async () => {
    const message = expectFailure(await fetchUrl(server.url('/stall-mid-body'), { ...testOptions, timeoutMs: 300 }), 'timeout');
    expect(message).toContain('reading the body');
  });

  it('times out a body that keeps trickling past the deadline', async () => {
    expectFailure(await fetchUrl(server.url('/trickle'), { ...testOptions, timeoutMs: 300 }), 'timeout');
  });

  it('counts every redirect hop against one total deadline', async () => {
    // Each hop answers within 150 ms; the chain takes 450 ms.
    const message = expectFailure(await fetchUrl(server.url('/slow-hop-1'), { ...testOptions, timeoutMs: 300 }), 'timeout');
    expect(message).toContain('redirected from');
    const roomy = await fetchUrl(server.url('/slow-hop-1'), { ...testOptions, timeoutMs: 3000 });
    expect(roomy.ok && roomy.body.toString()).toBe('late');
  });

  it('has a connect deadline of its own (a TLS handshake that never completes)', async () => {
    const silent = await listen(createTcpServer(() => undefined));
    try {
      const url = `https://127.0.0.1:${port(silent)}/feed`;
      const message = expectFailure(await fetchUrl(url, { ...testOptions, connectTimeoutMs: 200 }), 'timeout');
      expect(message).toContain('Could not connect');
      expect(message).toContain('200 ms');
    } finally {
      await closeTcp(silent);
    }
  });
});

describe('fetchUrl: cancellation and network errors', () => {
  it("resolves 'aborted' when the caller's signal fires", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const message = expectFailure(await fetchUrl(server.url('/hang'), { ...testOptions, signal: controller.signal }), 'aborted');
    expect(message).toContain('cancelled');
  });

  it("resolves 'aborted' at once for a signal that already fired", async () => {
    expectFailure(await fetchUrl(server.url('/hang'), { ...testOptions, signal: AbortSignal.abort() }), 'aborted');
  });

  it("reports a refused connection as 'network' with the OS reason", async () => {
    const closed = await listen(createTcpServer());
    const url = `http://127.0.0.1:${port(closed)}/`;
    await closeTcp(closed);
    expect(expectFailure(await fetchUrl(url, testOptions), 'network')).toContain('ECONNREFUSED');
  });

  it("reports a connection reset by the server as 'network'", async () => {
    expect(expectFailure(await fetchUrl(server.url('/reset'), testOptions), 'network')).toMatch(/ECONNRESET|socket hang up/);
  });

  it("reports an untrusted TLS certificate as 'network'", async () => {
    const tlsDir = new URL('../fixtures/http/tls/', import.meta.url);
    const tls = createTlsServer(
      { cert: readFileSync(new URL('self-signed-cert.pem', tlsDir)), key: readFileSync(new URL('self-signed-key.pem', tlsDir)) },
      (_req, res) => res.end('secret'),
    );
    const listening = await listen(tls);
    try {
      const message = expectFailure(await fetchUrl(`https://127.0.0.1:${port(listening)}/`, testOptions), 'network');
      expect(message).toMatch(/self[- ]signed/i);
    } finally {
      tls.closeAllConnections();
      await closeTcp(listening);
    }
  });
});

function listen<T extends Server>(target: T): Promise<T> {
  const sockets = new Set<Socket>();
  target.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  openSockets.set(target, sockets);
  return new Promise((done) => target.listen(0, '127.0.0.1', () => done(target)));
}

const openSockets = new Map<Server, Set<Socket>>();

function port(target: Server): number {
  return (target.address() as AddressInfo).port;
}

function closeTcp(target: Server): Promise<void> {
  for (const socket of openSockets.get(target) ?? []) socket.destroy();
  return new Promise((done) => target.close(() => done()));
}
