/** settings.hsts: Strict-Transport-Security only on https requests (direct TLS, or X-Forwarded-Proto behind a trusted proxy). */
import { Hono } from 'hono';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/create-logger.js';
import { openApp, type App } from '../../../src/app/index.js';
import { buildWebApp } from '../../../src/app/index.js';
import { securityHeaders } from '../../../src/web/auth/index.js';

const YEAR = 31_536_000;

function appWith(options: Parameters<typeof securityHeaders>[0]) {
  const app = new Hono();
  app.use('*', securityHeaders(options));
  app.get('/', (c) => c.text('ok'));
  return app;
}

const hstsOf = async (app: Hono, url: string, headers: Record<string, string> = {}) => (await app.request(url, { headers })).headers.get('strict-transport-security');

describe('securityHeaders: hsts', () => {
  it('sends the policy on https requests only', async () => {
    const app = appWith({ hsts: { maxAgeSec: YEAR, includeSubDomains: false } });
    expect(await hstsOf(app, 'https://prayer.example/')).toBe(`max-age=${YEAR}`);
    expect(await hstsOf(app, 'http://prayer.example/')).toBeNull();
  });

  it('adds includeSubDomains when asked', async () => {
    const app = appWith({ hsts: { maxAgeSec: 600, includeSubDomains: true } });
    expect(await hstsOf(app, 'https://prayer.example/')).toBe('max-age=600; includeSubDomains');
  });

  it('trusts X-Forwarded-Proto only with trustProxy', async () => {
    const hsts = { maxAgeSec: YEAR, includeSubDomains: false };
    const proxied = appWith({ hsts, trustProxy: true });
    expect(await hstsOf(proxied, 'http://app:8080/', { 'x-forwarded-proto': 'https' })).toBe(`max-age=${YEAR}`);
    expect(await hstsOf(proxied, 'http://app:8080/', { 'x-forwarded-proto': 'http' })).toBeNull();
    const direct = appWith({ hsts });
    expect(await hstsOf(direct, 'http://app:8080/', { 'x-forwarded-proto': 'https' })).toBeNull();
  });

  it('sends nothing when off, and follows a getter (settings reload)', async () => {
    expect(await hstsOf(appWith({}), 'https://prayer.example/')).toBeNull();
    let current: { maxAgeSec: number; includeSubDomains: boolean } | null = null;
    const app = appWith({ hsts: () => current });
    expect(await hstsOf(app, 'https://prayer.example/')).toBeNull();
    current = { maxAgeSec: 60, includeSubDomains: false };
    expect(await hstsOf(app, 'https://prayer.example/')).toBe('max-age=60');
  });
});

describe('the web app with settings.hsts', () => {
  let ctx: App | undefined;
  afterAll(async () => ctx?.close());

  it('sends Strict-Transport-Security on https requests through a trusted proxy, on every kind of page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-hsts-'));
    const config = join(dir, 'feeds.yml');
    writeFileSync(config, 'settings:\n  trustProxy: true\n  hsts: { maxAge: 365d, includeSubDomains: true }\nfeeds: []\n');
    ctx = openApp({ config, db: join(dir, 'test.db') }, { log: silentLogger() });
    const app = buildWebApp(ctx, { startedAt: Date.now(), baseUrl: 'https://prayer.example' }).web;
    for (const path of ['/', '/feed.xml', '/login', '/health', '/inbox', '/api/items']) {
      const https = await app.request(`http://127.0.0.1:8080${path}`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers.get('strict-transport-security'), path).toBe(`max-age=${YEAR}; includeSubDomains`);
      const http = await app.request(`http://127.0.0.1:8080${path}`);
      expect(http.headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});
