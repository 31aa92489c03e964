/**
 * The auth middleware, as factories: `authenticate` (who is this?), `csrfProtection` (did our own page send this
 * state-changing request?), `requireUser` (may they see this?) and `securityHeaders` (CSP and friends).
 * Mount in that order; see index.ts.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { safeEqual } from '../../accounts/secrets.js';
import type { AccountsPort } from '../../ports/index.js';
import type { HstsPolicy } from '../../model/feed.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './cookie.js';
import { MessagePage } from './layout.js';
import { isApiPath, isHttps, requestOrigin } from './request.js';
import { API_PREFIX, type AuthEnv, type ProxyOptions } from './types.js';

export interface AuthenticateOptions extends ProxyOptions {
  accounts: Pick<AccountsPort, 'getSession' | 'verifyApiToken'>;
  /** Clock in ms, for tests. */
  clock?: () => number;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token of a request, if it sends one. */
function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  return header ? (BEARER.exec(header)?.[1] ?? '') : null;
}

/**
 * Recognises the user from `Authorization: Bearer pw_…` (API tokens; the cookie is then ignored) or from the
 * `pw_session` cookie, and sets `c.var.user`, `session`, `csrfToken` and `authMethod` (all null for anonymous
 * readers). Never rejects a request itself: `requireUser` does. A stale cookie is cleared; a session whose expiry
 * slid forward gets its cookie refreshed.
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<AuthEnv> {
  const { accounts, trustProxy = false } = options;
  const clock = options.clock ?? Date.now;
  return async function authenticateRequest(c, next) {
    c.set('user', null);
    c.set('session', null);
    c.set('csrfToken', null);
    c.set('authMethod', null);
    const bearer = bearerToken(c);
    if (bearer !== null) {
      const user = bearer ? accounts.verifyApiToken(bearer, clock()) : null;
      if (user) {
        c.set('user', { id: user.id, name: user.name, role: user.role });
        c.set('authMethod', 'token');
      }
      return next();
    }
    const token = readSessionCookie(c);
    if (token) {
      const found = accounts.getSession(token, clock());
      if (found) {
        const { user, renewed, ...session } = found;
        c.set('user', user);
        c.set('session', session);
        c.set('csrfToken', session.csrfToken);
        c.set('authMethod', 'session');
        if (renewed) setSessionCookie(c, token, trustProxy);
      } else {
        clearSessionCookie(c, trustProxy);
      }
    }
    return next();
  };
}

export interface RequireUserOptions {
  /** Only admins may pass (curators get 403). */
  role?: 'admin';
  /** Where anonymous page requests are sent (default '/login'). */
  loginPath?: string;
  /** Paths under this prefix get JSON errors (default '/api'). */
  apiPrefix?: string;
}

/** JSON error body of the API: `{ error, message }`. */
export function jsonError(c: Context, status: 401 | 403 | 429, error: string, message: string, headers: Record<string, string> = {}): Response {
  return c.json({ error, message }, status, { 'Cache-Control': 'no-store', ...headers });
}

/** Same-origin path of the Referer, if any (where a failed form post came from). */
function refererPath(c: Context): string | undefined {
  const referer = c.req.header('referer');
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.origin === new URL(c.req.url).origin ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lets only signed-in users (of a role, if given) through. Anonymous page requests are redirected to
 * `/login?next=<this page>`; under /api they get JSON 401 `{ error: 'unauthorized', message }`. The wrong role gets
 * 403 (JSON `{ error: 'forbidden' }` under /api, a page otherwise). Responses that passed are marked `no-store`
 * unless the handler chose a Cache-Control.
 */
export function requireUser(options: RequireUserOptions = {}): MiddlewareHandler<AuthEnv> {
  const { role, loginPath = '/login', apiPrefix = API_PREFIX } = options;
  return async function requireUserMiddleware(c, next) {
    const user = c.var.user ?? null;
    const api = isApiPath(c.req.path, apiPrefix);
    if (!user) {
      if (api) {
        const hasBearer = bearerToken(c) !== null;
        return jsonError(
          c,
          401,
          'unauthorized',
          hasBearer ? 'The API token is unknown, revoked, or its user is disabled.' : 'Log in, or send an API token as "Authorization: Bearer pw_…".',
          { 'WWW-Authenticate': 'Bearer realm="prayerwire"' },
        );
      }
      const method = c.req.method;
      const url = new URL(c.req.url);
      const target = method === 'GET' || method === 'HEAD' ? `${url.pathname}${url.search}` : refererPath(c);
      return c.redirect(target ? `${loginPath}?next=${encodeURIComponent(target)}` : loginPath, method === 'GET' || method === 'HEAD' ? 302 : 303);
    }
    if (role && user.role !== role) {
      const message = `This needs an ${role} account; ${user.name} is a ${user.role}.`;
      if (api) return jsonError(c, 403, 'forbidden', message);
      c.header('Cache-Control', 'no-store');
      return c.html(
        <MessagePage title="Not allowed" user={user} csrfToken={c.var.csrfToken ?? null}>
          <p>{message}</p>
          <p>
            <a href="/inbox">Back to the inbox</a>
          </p>
        </MessagePage>,
        403,
      );
    }
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    return undefined;
  };
}

export interface CsrfOptions extends ProxyOptions {
  /** Other origins allowed to post (e.g. the public base URL when a proxy rewrites Host), like 'https://pray.example'. */
  allowedOrigins?: string[];
  apiPrefix?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameOrigin(value: string, allowed: Set<string>): boolean {
  try {
    return allowed.has(new URL(value).origin.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Rejects cross-site state-changing requests (POST, PUT, PATCH, DELETE…), with 403:
 * - a cross-origin `Origin` (or, without Origin, a cross-origin `Referer`; or `Sec-Fetch-Site: cross-site`);
 * - with a live session cookie, a missing or wrong CSRF token (form field `_csrf` or header `X-CSRF-Token`).
 * Requests authenticated by an API token are exempt: they carry no ambient credentials. Mount after `authenticate`.
 */
export function csrfProtection(options: CsrfOptions = {}): MiddlewareHandler<AuthEnv> {
  const { trustProxy = false, apiPrefix = API_PREFIX } = options;
  const extra = (options.allowedOrigins ?? []).map((o) => new URL(o).origin.toLowerCase());
  return async function csrfMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.var.authMethod === 'token') return next();
    const allowed = new Set([requestOrigin(c, trustProxy), ...extra]);
    const reject = (message: string) => {
      if (isApiPath(c.req.path, apiPrefix)) return jsonError(c, 403, 'csrf', message);
      c.header('Cache-Control', 'no-store');
      return c.html(
        <MessagePage title="Request refused" user={c.var.user ?? null} csrfToken={c.var.csrfToken ?? null}>
          <p>{message}</p>
          <p>Go back, reload the page and try again.</p>
        </MessagePage>,
        403,
      );
    };
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!sameOrigin(origin, allowed)) return reject(`Refused: this request came from another site (${origin.slice(0, 100)}).`);
    } else {
      const referer = c.req.header('referer');
      if (referer && !sameOrigin(referer, allowed)) return reject('Refused: this request came from another site.');
    }
    if (c.req.header('sec-fetch-site') === 'cross-site') return reject('Refused: this request came from another site.');
    const expected = c.var.csrfToken;
    if (expected) {
      let sent = c.req.header('x-csrf-token');
      if (!sent) {
        const body = await c.req.parseBody();
        const field = body._csrf;
        sent = typeof field === 'string' ? field : undefined;
      }
      if (!sent) return reject('Refused: the form is missing its security token (_csrf or X-CSRF-Token).');
      if (!safeEqual(sent, expected)) return reject('Refused: the security token does not match your session; the page may be out of date.');
    }
    return next();
  };
}

export interface SecurityHeadersOptions {
  /** Replaces the default Content-Security-Policy. */
  csp?: string;
  /**
   * Strict-Transport-Security, sent on https requests only (a browser ignores it over http, and a proxy that
   * ends TLS makes the request look like http: `trustProxy` lets X-Forwarded-Proto say https). A function is
   * read on every request, so a settings reload applies at once. Default: none.
   */
  hsts?: HstsPolicy | null | (() => HstsPolicy | null);
  /** Honour X-Forwarded-Proto when deciding whether a request is https (see ProxyOptions). */
  trustProxy?: boolean | (() => boolean);
}

/** The Strict-Transport-Security value of a policy: `max-age=31536000; includeSubDomains`. */
export function hstsHeader(policy: HstsPolicy): string {
  return `max-age=${policy.maxAgeSec}${policy.includeSubDomains ? '; includeSubDomains' : ''}`;
}

/** The workspace's Content-Security-Policy: only our own scripts and styles, images from anywhere. */
export const WORKSPACE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: http: data:",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Adds CSP, X-Content-Type-Options, Referrer-Policy, X-Frame-Options (and HSTS when asked, on https) to every response,
 * leaving any that a handler already set (so public pages can keep a stricter CSP of their own).
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const headers: [string, string][] = [
    ['Content-Security-Policy', options.csp ?? WORKSPACE_CSP],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  const read = <T,>(value: T | (() => T)): T => (typeof value === 'function' ? (value as () => T)() : value);
  return async function securityHeadersMiddleware(c, next) {
    await next();
    for (const [name, value] of headers) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    const hsts = read(options.hsts ?? null);
    if (hsts && isHttps(c, read(options.trustProxy ?? false))) c.res.headers.set('Strict-Transport-Security', hstsHeader(hsts));
  };
}

/** The user of a request that passed `requireUser` (throws if mounted without it: a wiring bug). */
export function currentUser<E extends AuthEnv>(c: Context<E>) {
  const user = c.var.user;
  if (!user) throw Object.assign(new Error('currentUser() on a route without requireUser()'), { code: 'no_user' });
  return user;
}
