import { beforeEach, describe, expect, it } from 'vitest';
import { ensureSetupLink, listUsers } from '../../../src/accounts/index.js';
import { buildTestApp, cookieFrom, formPost, type TestApp } from './test-app.js';

let t: TestApp;
let path: string;
beforeEach(() => {
  t = buildTestApp();
  path = new URL(ensureSetupLink(t.db, 'http://localhost', t.clock.now)!).pathname;
});

const setup = (fields: Record<string, string>, to = path) => t.app.request(to, formPost(fields));

describe('first-admin setup', () => {
  it('shows the form for a valid link', async () => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Create the first admin');
    expect(html).toContain(`action="${path}"`);
    expect(html).toContain('name="password2"');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('asks again when the passwords differ or are weak, or the name is bad', async () => {
    let res = await setup({ name: 'ann', password: 'ann secret password', password2: 'ann secret passwerd' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The two passwords differ.');
    res = await setup({ name: 'ann', password: 'short', password2: 'short' });
    expect(await res.text()).toContain('at least 10 characters');
    res = await setup({ name: 'ann smith', password: 'ann secret password', password2: 'ann secret password' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('2 to 40 characters');
    expect(listUsers(t.db)).toEqual([]);
  });

  it('creates the admin, logs them in, and then closes for good', async () => {
    const res = await setup({ name: 'Ann', password: 'ann secret password', password2: 'ann secret password' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox');
    const cookie = cookieFrom(res)!.pair;
    const inbox = await t.app.request('/inbox', { headers: { Cookie: cookie } });
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain('href="/admin/sources"');
    expect(listUsers(t.db).map((u) => [u.name, u.role])).toEqual([['ann', 'admin']]);

    const again = await t.app.request(path);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Setup is done');
    const reuse = await setup({ name: 'eve', password: 'eve secret password', password2: 'eve secret password' });
    expect(reuse.status).toBe(410);
    expect(listUsers(t.db)).toHaveLength(1);
    expect(ensureSetupLink(t.db, 'http://localhost')).toBeNull();
  });

  it('refuses unknown and expired links', async () => {
    expect((await t.app.request('/setup/not-a-token')).status).toBe(404);
    t.clock.now += 24 * 3_600_000;
    const res = await t.app.request(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('unknown, already used or expired');
    expect((await setup({ name: 'ann', password: 'ann secret password', password2: 'ann secret password' })).status).toBe(404);
  });

  it('refuses a cross-site post', async () => {
    const res = await t.app.request(path, formPost({ name: 'mal', password: 'mal secret password', password2: 'mal secret password' }, { Origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(listUsers(t.db)).toEqual([]);
  });
});
