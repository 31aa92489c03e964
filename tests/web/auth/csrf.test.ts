import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, formPost, logIn, type TestApp } from './test-app.js';

let t: TestApp;
let session: { cookie: string; csrf: string };
beforeEach(async () => {
  t = buildTestApp();
  await t.addUser('wes', 'curator');
  session = await logIn(t, 'wes');
});

const publish = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.request('/inbox/items/1/publish', formPost(fields, { Cookie: session.cookie, ...headers }));

describe('CSRF token on state-changing requests with a session cookie', () => {
  it('accepts the session token in the _csrf form field', async () => {
    const res = await publish({ _csrf: session.csrf });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('published by wes');
  });

  it('accepts it in X-CSRF-Token (scripts, JSON bodies)', async () => {
    const res = await t.app.request('/api/items', {
      method: 'POST',
      body: JSON.stringify({ id: 1 }),
      headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf, Origin: 'http://localhost' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, user: 'wes' });
  });

  it('refuses a missing token with a clear message', async () => {
    const res = await publish({});
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('missing its security token');
    expect(html).toContain('Request refused');
  });

  it('refuses a wrong token, and another session\'s token', async () => {
    expect((await publish({ _csrf: 'x'.repeat(43) })).status).toBe(403);
    await t.addUser('xia', 'curator');
    const other = await logIn(t, 'xia');
    const res = await publish({ _csrf: other.csrf });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('does not match your session');
  });

  it('answers JSON under /api', async () => {
    const res = await t.app.request('/api/items', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json', Cookie: session.cookie },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'csrf', message: expect.stringContaining('security token') });
  });

  it('leaves GET alone', async () => {
    expect((await t.app.request('/inbox', { headers: { Cookie: session.cookie } })).status).toBe(200);
  });

  it('covers PUT, PATCH and DELETE too', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await t.app.request('/api/items', { method, headers: { Cookie: session.cookie } });
      expect(res.status).toBe(403);
    }
  });
});

describe('cross-origin requests', () => {
  it('refuses a foreign Origin even with the right token', async () => {
    const res = await publish({ _csrf: session.csrf }, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('came from another site (https://evil.example)');
  });

  it('refuses Origin: null, a foreign Referer without Origin, and Sec-Fetch-Site: cross-site', async () => {
    expect((await publish({ _csrf: session.csrf }, { Origin: 'null' })).status).toBe(403);
    const noOrigin = { method: 'POST', body: `_csrf=${session.csrf}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session.cookie } };
    expect((await t.app.request('/inbox/items/1/publish', { ...noOrigin, headers: { ...noOrigin.headers, Referer: 'https://evil.example/page' } })).status).toBe(403);
    expect((await t.app.request('/inbox/items/1/publish', { ...noOrigin, headers: { ...noOrigin.headers, 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await t.app.request('/inbox/items/1/publish', noOrigin)).status).toBe(200);
    expect((await t.app.request('/inbox/items/1/publish', { ...noOrigin, headers: { ...noOrigin.headers, Referer: 'http://localhost/inbox' } })).status).toBe(200);
  });

  it('refuses a cross-site login post (login CSRF)', async () => {
    const res = await t.app.request('/login', formPost({ name: 'wes', password: 'wes secret password' }, { Origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
  });

  it('refuses a different port or scheme of the same host', async () => {
    expect((await publish({ _csrf: session.csrf }, { Origin: 'http://localhost:8081' })).status).toBe(403);
    expect((await publish({ _csrf: session.csrf }, { Origin: 'https://localhost' })).status).toBe(403);
  });

  it('behind a trusted proxy, expects the forwarded https origin', async () => {
    const proxied = buildTestApp({ trustProxy: true });
    await proxied.addUser('wes', 'curator');
    const headers = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'pray.example', Origin: 'https://pray.example' };
    const login = await proxied.app.request('/login', formPost({ name: 'wes', password: 'wes secret password' }, headers));
    expect(login.status).toBe(303);
    const untrusted = await t.app.request('/login', formPost({ name: 'wes', password: 'wes secret password' }, headers));
    expect(untrusted.status).toBe(403);
  });
});
