import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, cookieFrom, formPost, logIn, type TestApp } from './test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = buildTestApp();
  await t.addUser('uma', 'curator');
});

describe('GET /login and redirects to it', () => {
  it('sends anonymous page requests to /login with the page as next', async () => {
    const res = await t.app.request('/inbox?tab=mine');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Finbox%3Ftab%3Dmine');
  });

  it('shows the form with next kept, no-store, and no session cookie', async () => {
    const res = await t.app.request('/login?next=%2Finbox%3Ftab%3Dmine');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<form method="post" action="/login"');
    expect(html).toContain('name="next" value="/inbox?tab=mine"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(cookieFrom(res)).toBeNull();
  });

  it('reader pages stay open without an account, and keep their own caching', async () => {
    const res = await t.app.request('/');
    expect(await res.text()).toBe('public page for a reader');
    expect(res.headers.get('cache-control')).toBeNull();
    const feed = await t.app.request('/feed.xml');
    expect(feed.headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('POST /login', () => {
  it('logs in: 303 to next, session cookie HttpOnly, SameSite=Lax, Path=/, 14 days, not Secure on http', async () => {
    const res = await t.app.request('/login', formPost({ name: 'Uma', password: 'uma secret password', next: '/inbox?tab=mine' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox?tab=mine');
    const cookie = cookieFrom(res)!;
    expect(cookie.pair).toMatch(/^pw_session=[A-Za-z0-9_-]{43}$/);
    expect(cookie.header).toContain('HttpOnly');
    expect(cookie.header).toContain('SameSite=Lax');
    expect(cookie.header).toContain('Path=/');
    expect(cookie.header).toContain('Max-Age=1209600');
    expect(cookie.header).not.toContain('Secure');
    const page = await t.app.request('/inbox', { headers: { Cookie: cookie.pair } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Inbox of uma');
  });

  it('refuses a wrong password or unknown name with the same message, keeping the name', async () => {
    for (const [name, password] of [['uma', 'wrong password'], ['nobody', 'uma secret password']] as const) {
      const res = await t.app.request('/login', formPost({ name, password, next: '/inbox' }));
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('Wrong name or password.');
      expect(html).toContain(`name="name" value="${name}"`);
      expect(cookieFrom(res)).toBeNull();
    }
  });

  it('escapes what the user typed', async () => {
    const res = await t.app.request('/login', formPost({ name: '"><script>alert(1)</script>', password: 'x', next: '/inbox' }));
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('tells a disabled user after the right password', async () => {
    t.db.prepare("UPDATE users SET disabled_at = '2025-01-01T00:00:00.000Z' WHERE name = 'uma'").run();
    const res = await t.app.request('/login', formPost({ name: 'uma', password: 'uma secret password' }));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This account is disabled');
  });

  it('sets Secure on https, and on X-Forwarded-Proto https only when the proxy is trusted', async () => {
    const https = await t.app.request('https://localhost/login', formPost({ name: 'uma', password: 'uma secret password' }, { Origin: 'https://localhost' }));
    expect(cookieFrom(https)!.header).toContain('Secure');
    const forwarded = formPost({ name: 'uma', password: 'uma secret password' }, { 'X-Forwarded-Proto': 'https' });
    expect(cookieFrom(await t.app.request('/login', forwarded))!.header).not.toContain('Secure');
    const proxied = buildTestApp({ trustProxy: true });
    await proxied.addUser('uma', 'curator');
    const res = await proxied.app.request('/login', formPost({ name: 'uma', password: 'uma secret password' }, { 'X-Forwarded-Proto': 'https', Origin: 'https://localhost' }));
    expect(res.status).toBe(303);
    expect(cookieFrom(res)!.header).toContain('Secure');
  });

  it('redirects a logged-in visitor of /login to next', async () => {
    const { cookie } = await logIn(t, 'uma');
    const res = await t.app.request('/login?next=/inbox%3Fpage%3D2', { headers: { Cookie: cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/inbox?page=2');
  });

  it('replaces the session a browser already had (no fixation)', async () => {
    await t.addUser('vic', 'admin');
    const first = await logIn(t, 'uma');
    const res = await t.app.request('/login', formPost({ name: 'vic', password: 'vic secret password', _csrf: first.csrf }, { Cookie: first.cookie }));
    expect(res.status).toBe(303);
    const old = await t.app.request('/inbox', { headers: { Cookie: first.cookie } });
    expect(old.status).toBe(302);
    const fresh = await t.app.request('/inbox', { headers: { Cookie: cookieFrom(res)!.pair } });
    expect(await fresh.text()).toContain('Inbox of vic');
  });
});

describe('open redirects', () => {
  const attempts = [
    'https://evil.example/',
    '//evil.example/',
    '///evil.example/',
    '/\\evil.example/',
    '\\\\evil.example',
    '/%09/evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'http:/evil.example',
    ' /inbox',
    '/login?next=//evil.example',
    '/setup/abc',
    // Dot segments collapse to a protocol-relative path ("//evil.example") once resolved.
    '/.//evil.example/',
    '/..//evil.example/',
    '/inbox/..//evil.example/x',
    '/%2e%2e//evil.example/',
  ];
  for (const next of attempts) {
    it(`does not follow next=${JSON.stringify(next)} off the site`, async () => {
      const res = await t.app.request('/login', formPost({ name: 'uma', password: 'uma secret password', next }));
      expect(res.status).toBe(303);
      const location = res.headers.get('location')!;
      expect(new URL(location, 'http://localhost').origin).toBe('http://localhost');
      expect(location.startsWith('//')).toBe(false);
      expect(location === '/inbox' || location === '/%09/evil.example').toBe(true);
    });
  }

  it('does not send an already logged-in visitor of /login?next=/.//evil.example off the site', async () => {
    const { cookie } = await logIn(t, 'uma');
    const res = await t.app.request('/login?next=%2F.%2F%2Fevil.example%2F', { headers: { Cookie: cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/inbox');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After after 5 failures for a name, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.app.request('/login', formPost({ name: 'uma', password: `wrong ${i}` }))).status).toBe(401);
    }
    const res = await t.app.request('/login', formPost({ name: 'uma', password: 'uma secret password' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('900');
    expect(await res.text()).toContain('Too many failed attempts. Try again in 15 minutes.');
    expect(cookieFrom(res)).toBeNull();
    t.clock.now += 15 * 60_000;
    expect((await t.app.request('/login', formPost({ name: 'uma', password: 'uma secret password' }))).status).toBe(303);
  });

  it('holds against parallel guesses: at most 5 passwords are tried', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.app.request('/login', formPost({ name: 'uma', password: `parallel guess ${i}` }))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('a successful login clears the name counter', async () => {
    for (let i = 0; i < 4; i++) await t.app.request('/login', formPost({ name: 'uma', password: `wrong ${i}` }));
    expect((await t.app.request('/login', formPost({ name: 'uma', password: 'uma secret password' }))).status).toBe(303);
    for (let i = 0; i < 4; i++) {
      expect((await t.app.request('/login', formPost({ name: 'uma', password: `wrong ${i}` }))).status).toBe(401);
    }
  });

  it('limits an address (the last X-Forwarded-For hop, behind a trusted proxy) to 20 failures', async () => {
    const proxied = buildTestApp({ trustProxy: true });
    const from = (ip: string) => ({ 'X-Forwarded-For': `203.0.113.50, ${ip}` });
    for (let i = 0; i < 20; i++) await proxied.app.request('/login', formPost({ name: `guess${i}`, password: 'whatever pw' }, from('198.51.100.7')));
    const blocked = await proxied.app.request('/login', formPost({ name: 'someone', password: 'whatever pw' }, from('198.51.100.7')));
    expect(blocked.status).toBe(429);
    const other = await proxied.app.request('/login', formPost({ name: 'someone', password: 'whatever pw' }, from('198.51.100.8')));
    expect(other.status).toBe(401);
  });
});

describe('sessions over requests', () => {
  it('refreshes the cookie when the session slides, and forgets it after 14 idle days', async () => {
    const { cookie } = await logIn(t, 'uma');
    t.clock.now += 2 * 60_000;
    const slid = await t.app.request('/inbox', { headers: { Cookie: cookie } });
    expect(cookieFrom(slid)?.header).toContain('Max-Age=1209600');
    t.clock.now += 14 * 24 * 3_600_000;
    const expired = await t.app.request('/inbox', { headers: { Cookie: cookie } });
    expect(expired.status).toBe(302);
    expect(cookieFrom(expired)?.header).toContain('Max-Age=0');
  });

  it('a stale cookie does not get in the way of logging in again', async () => {
    const { cookie } = await logIn(t, 'uma');
    t.clock.now += 15 * 24 * 3_600_000;
    const res = await t.app.request('/login', formPost({ name: 'uma', password: 'uma secret password' }, { Cookie: cookie }));
    expect(res.status).toBe(303);
  });
});

describe('POST /logout', () => {
  it('ends the session, clears the cookie and goes to /login', async () => {
    const { cookie, csrf } = await logIn(t, 'uma');
    const res = await t.app.request('/logout', formPost({ _csrf: csrf }, { Cookie: cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
    expect(cookieFrom(res)?.header).toContain('Max-Age=0');
    expect((await t.app.request('/inbox', { headers: { Cookie: cookie } })).status).toBe(302);
    expect(t.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('needs the CSRF token (a cross-site page cannot log you out)', async () => {
    const { cookie } = await logIn(t, 'uma');
    expect((await t.app.request('/logout', formPost({}, { Cookie: cookie }))).status).toBe(403);
    expect((await t.app.request('/inbox', { headers: { Cookie: cookie } })).status).toBe(200);
  });
});
