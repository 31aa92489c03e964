/** Reading requests: https or not, the client's address, the origin we serve, JSON or page, safe redirect targets. */
import type { Context } from 'hono';
import { API_PREFIX } from './types.js';

/** Was the request made over https (by the client, when a trusted proxy says so)? */
export function isHttps(c: Context, trustProxy = false): boolean {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (forwarded) return forwarded === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The origin the client sees: the request URL's, with X-Forwarded-Proto/Host applied when the proxy is trusted. */
export function requestOrigin(c: Context, trustProxy = false): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || url.host;
  return `${isHttps(c, true) ? 'https' : 'http'}://${host}`.toLowerCase();
}

/**
 * The client's address: the socket's peer (@hono/node-server puts the Node request in `c.env.incoming`), or with
 * `trustProxy` the last X-Forwarded-For entry (the one our proxy added). 'unknown' when neither is there.
 */
export function clientIp(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Is this an API path (JSON errors, no redirects)? */
export function isApiPath(path: string, prefix = API_PREFIX): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

const LOCAL_BASE = 'http://local.invalid';

/**
 * A redirect target that stays on this site: a path starting with a single '/', no backslashes or control characters,
 * and not the login or setup pages. Anything else (absolute URLs, '//evil', '/\evil', '/.//evil', 'javascript:') gives `fallback`.
 */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//')) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, LOCAL_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_BASE) return fallback;
  // Dot segments can resolve to a protocol-relative path ('/.//evil' -> '//evil'), which a browser reads as a host.
  if (url.pathname.startsWith('//')) return fallback;
  if (url.pathname === '/login' || url.pathname === '/logout' || url.pathname.startsWith('/setup/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
