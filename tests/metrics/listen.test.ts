/**
 * settings.metricsListen: `serve` answers /metrics and /healthz without a login on a second address (for a
 * Prometheus on the same machine or network), and nothing else there; the main address still wants an admin.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { ListenError, startServer, type RunningServer } from '../../src/app/index.js';
import { parseExposition } from './exposition.js';
import { freePort } from '../helpers/free-port.js';


let server: RunningServer;
let metricsPort: number;
const dir = mkdtempSync(join(tmpdir(), 'pw-metrics-listen-'));

beforeAll(async () => {
  metricsPort = await freePort();
  writeFileSync(join(dir, 'feeds.yml'), `settings:\n  metricsListen: "127.0.0.1:${metricsPort}"\nfeeds: []\n`);
  server = await startServer({ paths: { config: join(dir, 'feeds.yml'), db: join(dir, 'pw.db') }, port: 0, host: '127.0.0.1', poll: true, logLevel: 'silent', announce: () => {} });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

describe('settings.metricsListen', () => {
  it('serves /metrics and /healthz there without a login, and nothing else', async () => {
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    const m = parseExposition(await metrics.text());
    expect(m.value('prayerwire_feeds_due')).toBe(0);
    expect(m.value('prayerwire_extraction_queue_length')).toBe(0);
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { poller: { ok: true } } });
    expect((await fetch(`http://127.0.0.1:${metricsPort}/inbox`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/feed.xml`)).status).toBe(404);
  });

  it('leaves /metrics on the main address to admins', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  it('refuses to start, naming the setting, when that address is taken', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pw-metrics-taken-'));
    writeFileSync(join(other, 'feeds.yml'), `settings:\n  metricsListen: "127.0.0.1:${metricsPort}"\nfeeds: []\n`);
    const second = startServer({ paths: { config: join(other, 'feeds.yml'), db: join(other, 'pw.db') }, port: 0, host: '127.0.0.1', poll: false, logLevel: 'silent', announce: () => {} });
    await expect(second).rejects.toBeInstanceOf(ListenError);
    await expect(second).rejects.toMatchObject({ code: 'address_in_use', message: expect.stringContaining('settings.metricsListen') });
  });
});

describe('metricsListen in feeds.yml', () => {
  const listenOf = (value: string) => parseConfig(`settings:\n  metricsListen: "${value}"\nfeeds: []\n`, 'f.yml').settings.metricsListen;

  it('reads HOST:PORT, an IPv6 host in brackets, and none by default', () => {
    expect(parseConfig('feeds: []\n', 'f.yml').settings.metricsListen).toBeNull();
    expect(listenOf('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(listenOf('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(listenOf('localhost:9100')).toEqual({ host: 'localhost', port: 9100 });
  });

  it('refuses a missing port, a port out of range and an unbracketed IPv6 host', () => {
    for (const bad of ['127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', '::1:9464', 'http://x:1']) {
      expect(() => listenOf(bad), bad).toThrow(/metricsListen.*HOST:PORT/s);
    }
  });
});
