/** The session cookie: `pw_session`, HttpOnly, SameSite=Lax, Path=/, Secure on https. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS } from '../../accounts/index.js';
import { isHttps } from './request.js';

export const SESSION_COOKIE = 'pw_session';

/** The session token the browser sent, if any. */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/** Sets (or refreshes) the session cookie for `token`; it lives as long as the session would without activity. */
export function setSessionCookie(c: Context, token: string, trustProxy = false): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c, trustProxy),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(c: Context, trustProxy = false): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c, trustProxy) });
}
