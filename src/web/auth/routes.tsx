/**
 * `authRoutes()`: GET/POST /login, POST /logout, GET/POST /setup/:token, as a hono sub-app to mount at '/'
 * after `authenticate` and `csrfProtection`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { AccountError, DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../../accounts/index.js';
import type { AccountsPort } from '../../ports/index.js';
import { readSessionCookie, clearSessionCookie, setSessionCookie } from './cookie.js';
import { MessagePage } from './layout.js';
import { LoginPage, SetupPage } from './pages.js';
import { clientIp, safeNext } from './request.js';
import type { AuthEnv, ProxyOptions } from './types.js';

export interface AuthRoutesOptions extends ProxyOptions {
  accounts: AccountsPort;
  /** Where a login without a (safe) `next` lands, and where setup lands (default '/inbox'). */
  homePath?: string;
  /** Login rate limits (default 5 failures per name, 20 per address, per 15 minutes). */
  limits?: LoginLimits;
  /** Clock in ms, for tests. */
  clock?: () => number;
}

function formString(body: Record<string, unknown>, key: string, max = 2000): string {
  const value = body[key];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m <= 1 ? 'a minute' : `${m} minutes`;
}

/**
 * The login, logout and setup routes.
 *
 * @example
 * app.route('/', authRoutes({ accounts, trustProxy: config.trustProxy }));
 */
export function authRoutes(options: AuthRoutesOptions): Hono<AuthEnv> {
  const { accounts, trustProxy = false, homePath = '/inbox', limits = DEFAULT_LOGIN_LIMITS } = options;
  const clock = options.clock ?? Date.now;
  const app = new Hono<AuthEnv>();

  // Path-scoped on purpose: a '*' middleware here would apply to every route of the app this is mounted in.
  const noStore: MiddlewareHandler = async function noStore(c, next) {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
  app.use('/login', noStore);
  app.use('/logout', noStore);
  app.use('/setup/*', noStore);

  const login = (c: Context<AuthEnv>, props: { next: string; name?: string; error?: string }, status: 200 | 401 | 403 | 429 = 200) =>
    c.html(<LoginPage {...props} user={c.var.user ?? null} csrfToken={c.var.csrfToken ?? null} />, status);

  /** Starts a session (ending the one the browser had, against session fixation) and sets its cookie. */
  const startSession = (c: Context<AuthEnv>, userId: number) => {
    const old = readSessionCookie(c);
    if (old) accounts.deleteSession(old);
    const { token } = accounts.createSession(userId, c.req.header('user-agent') ?? null, clock());
    setSessionCookie(c, token, trustProxy);
  };

  app.get('/login', function showLogin(c) {
    const next = safeNext(c.req.query('next'), homePath);
    if (c.var.user) return c.redirect(next, 302);
    return login(c, { next });
  });

  app.post('/login', async function submitLogin(c) {
    const body = await c.req.parseBody();
    const name = formString(body, 'name', 200).trim();
    const password = formString(body, 'password', 4096);
    const next = safeNext(formString(body, 'next'), homePath);
    const attempt = { ip: clientIp(c, trustProxy), name };
    // Counted before the slow password check so parallel guesses cannot slip past the limit; forgiven on success.
    const allowed = accounts.reserveLoginAttempt(attempt, clock(), limits);
    if (!allowed.allowed) {
      c.header('Retry-After', String(allowed.retryAfterSec));
      return login(c, { next, name, error: `Too many failed attempts. Try again in ${minutes(allowed.retryAfterSec)}.` }, 429);
    }
    if (!name || !password) return login(c, { next, name, error: 'Enter your name and password.' }, 401);
    const result = await accounts.verifyPassword(name, password);
    if (!result.ok) {
      if (result.reason === 'disabled') return login(c, { next, name, error: 'This account is disabled. Ask an admin to help.' }, 403);
      return login(c, { next, name, error: 'Wrong name or password.' }, 401);
    }
    accounts.forgiveLoginAttempt(attempt);
    startSession(c, result.user.id);
    return c.redirect(next, 303);
  });

  app.post('/logout', function logout(c) {
    const token = readSessionCookie(c);
    if (token) accounts.deleteSession(token);
    clearSessionCookie(c, trustProxy);
    return c.redirect('/login', 303);
  });

  const setupGone = (c: Context<AuthEnv>) =>
    c.html(
      <MessagePage title="Setup is done" user={c.var.user ?? null} csrfToken={c.var.csrfToken ?? null}>
        <p>An account already exists, so this setup link no longer works.</p>
        <p>
          <a href="/login">Log in</a>, or ask an admin to add you with <code>prayerwire user add</code>.
        </p>
      </MessagePage>,
      410,
    );
  const setupInvalid = (c: Context<AuthEnv>) =>
    c.html(
      <MessagePage title="Setup link not valid" user={null} csrfToken={null}>
        <p>This setup link is unknown, already used or expired (links last 24 hours).</p>
        <p>
          Restart the server to print a new one, or create the admin from the command line:{' '}
          <code>prayerwire user add NAME --role admin</code>.
        </p>
      </MessagePage>,
      404,
    );

  app.get('/setup/:token', function showSetup(c) {
    const token = c.req.param('token');
    const state = accounts.checkSetupToken(token, clock());
    if (state === 'closed') return setupGone(c);
    if (state === 'invalid') return setupInvalid(c);
    return c.html(<SetupPage action={`/setup/${token}`} />);
  });

  app.post('/setup/:token', async function submitSetup(c) {
    const token = c.req.param('token');
    const state = accounts.checkSetupToken(token, clock());
    if (state === 'closed') return setupGone(c);
    if (state === 'invalid') return setupInvalid(c);
    const body = await c.req.parseBody();
    const name = formString(body, 'name', 200).trim();
    const password = formString(body, 'password', 4096);
    const form = (error: string) => c.html(<SetupPage action={`/setup/${token}`} name={name} error={error} />, 400);
    if (password !== formString(body, 'password2', 4096)) return form('The two passwords differ.');
    try {
      const user = await accounts.completeSetup(token, { name, password }, clock());
      startSession(c, user.id);
      return c.redirect(homePath, 303);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      if (err.code === 'setup_closed') return setupGone(c);
      if (err.code === 'invalid_setup_token') return setupInvalid(c);
      return form(err.message);
    }
  });

  return app;
}
