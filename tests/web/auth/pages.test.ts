import { beforeEach, describe, expect, it } from 'vitest';
import { APP_CSS, APP_CSS_VERSION, safeNext, WORKSPACE_CSP } from '../../../src/web/auth/index.js';
import { buildTestApp, logIn, type TestApp } from './test-app.js';

let t: TestApp;
beforeEach(() => {
  t = buildTestApp();
});

describe('securityHeaders', () => {
  it('sends the CSP and the other headers on pages, redirects and errors', async () => {
    for (const path of ['/login', '/inbox', '/api/ping', '/static/app.css', '/nowhere']) {
      const res = await t.app.request(path);
      expect(res.headers.get('content-security-policy'), path).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(WORKSPACE_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('Layout', () => {
  it('shows the user, the nav for their role, a logout form with the CSRF token, and the stylesheet', async () => {
    await t.addUser('bea', 'curator');
    await t.addUser('cy', 'admin');
    const bea = await logIn(t, 'bea');
    const html = await (await t.app.request('/inbox', { headers: { Cookie: bea.cookie } })).text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<link rel="stylesheet" href="/static/app.css?v=${APP_CSS_VERSION}"/>`);
    expect(html).toContain('<a href="/inbox" aria-current="page">Inbox</a>');
    expect(html).not.toContain('/admin/sources');
    expect(html).toContain('bea');
    expect(html).toMatch(new RegExp(`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${bea.csrf}"/>`));
    expect(html).not.toMatch(/<script|style=/);
    const cy = await logIn(t, 'cy');
    expect(await (await t.app.request('/inbox', { headers: { Cookie: cy.cookie } })).text()).toContain('<a href="/admin/sources">Sources</a>');
  });
});

describe('staticRoutes', () => {
  it('serves app.css with an ETag, 304 on revalidation and long caching for the versioned URL', async () => {
    const res = await t.app.request('/static/app.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await res.text()).toBe(APP_CSS);
    const etag = res.headers.get('etag')!;
    expect(etag).toBe(`"${APP_CSS_VERSION}"`);
    const again = await t.app.request('/static/app.css', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const versioned = await t.app.request(`/static/app.css?v=${APP_CSS_VERSION}`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const head = await t.app.request('/static/app.css', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('has light and dark colours', () => {
    expect(APP_CSS).toContain('prefers-color-scheme:dark');
  });
});

describe('safeNext', () => {
  it('keeps local paths with query and fragment', () => {
    expect(safeNext('/inbox?tab=2#top', '/home')).toBe('/inbox?tab=2#top');
    expect(safeNext('/admin/sources', '/home')).toBe('/admin/sources');
  });

  it('falls back for anything that could leave the site or loop', () => {
    for (const bad of [undefined, null, '', 'inbox', 'https://evil.example', '//evil.example', '/\\evil', '/a\nb', '/login', '/logout', '/setup/x', '/'.padEnd(3000, 'a')]) {
      expect(safeNext(bad, '/home')).toBe('/home');
    }
  });
});
