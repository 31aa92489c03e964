/**
 * Browser sessions. The cookie holds 32 random bytes (base64url); the row's id is their SHA-256, so a copy of the
 * database holds no usable session. Sessions last 14 days from the last request (sliding), with the write that
 * slides them made at most once a minute per session.
 */
import { isStorageError, type Db } from '../db/index.js';
import * as store from '../store/sessions.js';
import { hashToken, iso, randomToken } from './secrets.js';
import type { AuthUser } from './users.js';

/** How long a session lives after its last use. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Activity closer together than this does not rewrite the session row. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** A live session, as `getSession` returns it. */
export interface Session {
  /** The stored id (SHA-256 of the token), never the token itself. */
  id: string;
  user: AuthUser;
  /** What forms (`_csrf`) and scripts (`X-CSRF-Token`) must send back with state-changing requests. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  /** True when this lookup slid the expiry forward (the cookie's Max-Age should be refreshed too). */
  renewed: boolean;
}

/**
 * Starts a session for a user. Returns the cookie token (shown to the browser, never stored) and the CSRF token.
 *
 * @example
 * const { token, csrfToken } = createSession(db, user.id, c.req.header('user-agent') ?? null);
 */
export function createSession(db: Db, userId: number, userAgent: string | null, now = Date.now()): { token: string; csrfToken: string; expiresAt: string } {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = iso(now + SESSION_TTL_MS);
  store.insertSession(db, {
    id: hashToken(token), userId, createdAt: iso(now), lastSeenAt: iso(now), expiresAt, csrfSecret: csrfToken, userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token, sliding its expiry; null for an unknown, expired or disabled user's session
 * (an expired one is deleted on the way).
 */
export function getSession(db: Db, token: string, now = Date.now()): Session | null {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const row = store.findSessionById(db, id);
  if (!row) return null;
  const at = iso(now);
  if (row.expiresAt <= at || row.userDisabledAt) {
    store.deleteSessionById(db, id);
    return null;
  }
  let { lastSeenAt, expiresAt } = row;
  let renewed = now - Date.parse(lastSeenAt) >= SESSION_TOUCH_MS;
  if (renewed) {
    try {
      store.touchSession(db, id, at, iso(now + SESSION_TTL_MS));
      lastSeenAt = at;
      expiresAt = iso(now + SESSION_TTL_MS);
    } catch (err) {
      // A database that cannot be written (full, read-only) must not sign people out of pages that only read:
      // the session stays valid, its expiry slides at the next request that can write.
      if (!isStorageError(err)) throw err;
      renewed = false;
    }
  }
  return {
    id,
    user: row.user,
    csrfToken: row.csrfSecret,
    createdAt: row.createdAt,
    lastSeenAt,
    expiresAt,
    userAgent: row.userAgent,
    renewed,
  };
}

/** Ends the session of a cookie token (logout). Unknown tokens are ignored. */
export function deleteSession(db: Db, token: string): void {
  store.deleteSessionById(db, hashToken(token));
}

/** Ends every session of a user; returns how many there were. */
export function deleteUserSessions(db: Db, userId: number): number {
  return store.deleteSessionsOfUser(db, userId);
}

/** Deletes expired sessions (housekeeping; lookups ignore them anyway). Returns how many went. */
export function pruneSessions(db: Db, now = Date.now()): number {
  return store.deleteExpiredSessions(db, iso(now));
}
