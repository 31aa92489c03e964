import { beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, disableUser, listApiTokens, revokeApiToken } from '../../../src/accounts/index.js';
import { buildTestApp, formPost, logIn, type TestApp } from './test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = buildTestApp();
  const yan = await t.addUser('yan', 'curator');
  token = createApiToken(t.db, yan.id, 'tests');
});

const bearer = (value: string, init: RequestInit = {}) => ({ ...init, headers: { Authorization: `Bearer ${value}`, ...(init.headers as Record<string, string>) } });

describe('/api without credentials', () => {
  it('answers JSON 401 with a message instead of redirecting', async () => {
    const res = await t.app.request('/api/ping');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="prayerwire"');
    expect(await res.json()).toEqual({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
  });

  it('says when the token is the problem', async () => {
    for (const value of ['pw_nope', `pw_${'A'.repeat(43)}`, '']) {
      const res = await t.app.request('/api/ping', bearer(value));
      expect(res.status).toBe(401);
      if (value) expect((await res.json()).message).toContain('API token is unknown');
    }
  });
});

describe('bearer tokens', () => {
  it('let scripts in as the token\'s user', async () => {
    const res = await t.app.request('/api/ping', bearer(token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pong: true, user: 'yan', via: 'token' });
  });

  it('need no CSRF token (no ambient credentials)', async () => {
    const res = await t.app.request('/api/items', bearer(token, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }));
    expect(res.status).toBe(200);
  });

  it('win over a cookie sent alongside', async () => {
    await t.addUser('zoe', 'admin');
    const { cookie } = await logIn(t, 'zoe');
    const res = await t.app.request('/api/ping', bearer(token, { headers: { Cookie: cookie } }));
    expect(await res.json()).toMatchObject({ user: 'yan', via: 'token' });
  });

  it('stop working when revoked or when the user is disabled', async () => {
    revokeApiToken(t.db, listApiTokens(t.db)[0]!.id);
    expect((await t.app.request('/api/ping', bearer(token))).status).toBe(401);
    const fresh = createApiToken(t.db, listApiTokens(t.db)[0]!.userId);
    expect((await t.app.request('/api/ping', bearer(fresh))).status).toBe(200);
    disableUser(t.db, 'yan');
    expect((await t.app.request('/api/ping', bearer(fresh))).status).toBe(401);
  });

  it('act as their user on pages too', async () => {
    const res = await t.app.request('/inbox', bearer(token));
    expect(res.status).toBe(200);
  });
});

describe('roles', () => {
  it('gives curators 403 on admin pages and admin API, JSON under /api', async () => {
    const page = await t.app.request('/admin/sources', bearer(token));
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This needs an admin account; yan is a curator.');
    const api = await t.app.request('/api/admin/stats', bearer(token));
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({ error: 'forbidden', message: 'This needs an admin account; yan is a curator.' });
  });

  it('lets admins in, by session or token', async () => {
    const admin = await t.addUser('ada', 'admin');
    const { cookie } = await logIn(t, 'ada');
    expect((await t.app.request('/admin/sources', { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await t.app.request('/api/admin/stats', bearer(createApiToken(t.db, admin.id)))).status).toBe(200);
  });

  it('sends anonymous form posts to /login with the referring page as next', async () => {
    const res = await t.app.request('/inbox/items/1/publish', formPost({}, { Referer: 'http://localhost/inbox?tab=2' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Finbox%3Ftab%3D2');
  });

  it('marks protected responses no-store', async () => {
    const res = await t.app.request('/api/ping', bearer(token));
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
