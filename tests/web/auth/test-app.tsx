/** The app the web-auth tests run against: the real middleware and routes in the documented order, dummy pages. */
import { Hono } from 'hono';
import { createUser, type AuthUser, type Role } from '../../../src/accounts/index.js';
import { createAccountsPort } from '../../../src/app/index.js';
import type { Db } from '../../../src/db/index.js';
import {
  authenticate, authRoutes, csrfProtection, Layout, requireUser, securityHeaders, staticRoutes, type AuthEnv,
} from '../../../src/web/auth/index.js';
import { FAST_SCRYPT, freshDb } from '../../accounts/helpers.js';

export const T0 = Date.parse('2025-04-01T12:00:00Z');

export interface TestApp {
  app: Hono<AuthEnv>;
  db: Db;
  clock: { now: number };
  addUser(name: string, role: Role, password?: string): Promise<AuthUser>;
}

export function buildTestApp(options: { trustProxy?: boolean } = {}): TestApp {
  const db = freshDb('pw-web-auth-');
  const clock = { now: T0 };
  const accounts = createAccountsPort(db, { scrypt: FAST_SCRYPT });
  const common = { accounts, trustProxy: options.trustProxy, clock: () => clock.now };
  const app = new Hono<AuthEnv>();
  app.use('*', securityHeaders());
  app.route('/', staticRoutes());
  app.use('*', authenticate(common));
  app.use('*', csrfProtection({ trustProxy: options.trustProxy }));
  app.route('/', authRoutes(common));
  app.use('/inbox/*', requireUser());
  app.use('/admin/*', requireUser({ role: 'admin' }));
  app.use('/api/admin/*', requireUser({ role: 'admin' }));
  app.use('/api/*', requireUser());

  app.get('/', (c) => c.text(`public page for ${c.var.user?.name ?? 'a reader'}`));
  app.get('/feed.xml', (c) => c.body('<rss/>', 200, { 'Cache-Control': 'public, max-age=300', 'Content-Type': 'application/rss+xml' }));
  app.get('/inbox', (c) =>
    c.html(
      <Layout title="Inbox" user={c.var.user} csrfToken={c.var.csrfToken} current="/inbox">
        <h1>Inbox of {c.var.user?.name}</h1>
        <form method="post" action="/inbox/items/1/publish">
          <input type="hidden" name="_csrf" value={c.var.csrfToken ?? ''} />
        </form>
      </Layout>,
    ),
  );
  app.post('/inbox/items/1/publish', (c) => c.text(`published by ${c.var.user?.name}`));
  app.get('/admin/sources', (c) => c.text('sources'));
  app.get('/api/ping', (c) => c.json({ pong: true, user: c.var.user?.name, via: c.var.authMethod }));
  app.post('/api/items', (c) => c.json({ ok: true, user: c.var.user?.name }));
  app.get('/api/admin/stats', (c) => c.json({ ok: true }));

  return {
    app,
    db,
    clock,
    addUser: (name, role, password = `${name} secret password`) => createUser(db, { name, role, password }, { scrypt: FAST_SCRYPT }),
  };
}

/** The `name=value` of a Set-Cookie header for `name`, and the header itself. */
export function cookieFrom(res: Response, name = 'pw_session'): { pair: string; header: string } | null {
  const header = res.headers.getSetCookie().find((h) => h.startsWith(`${name}=`));
  return header ? { pair: header.split(';')[0] ?? '', header } : null;
}

/** Form body and headers for a same-origin form post. */
export function formPost(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', ...headers },
  };
}

/** Logs in through the real form; returns the cookie pair and the page's CSRF token. */
export async function logIn(t: TestApp, name: string, password = `${name} secret password`): Promise<{ cookie: string; csrf: string }> {
  const res = await t.app.request('/login', formPost({ name, password, next: '/inbox' }));
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = cookieFrom(res)!.pair;
  const page = await (await t.app.request('/inbox', { headers: { Cookie: cookie } })).text();
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no csrf token on the page');
  return { cookie, csrf };
}
