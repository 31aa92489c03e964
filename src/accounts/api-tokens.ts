/**
 * API tokens for scripts: `pw_` + 32 random bytes (base64url), shown once at creation; only the SHA-256 is stored.
 * A token acts as its user (with the user's role) until revoked; a new password or disabling the user revokes all of
 * the user's tokens.
 */
import { isStorageError, type Db } from '../db/index.js';
import * as store from '../store/api-tokens.js';
import type { ApiTokenInfo } from '../store/api-tokens.js';
import { hashToken, iso, randomToken } from './secrets.js';
import type { AuthUser } from './users.js';

export const API_TOKEN_PREFIX = 'pw_';
const TOKEN_PATTERN = /^pw_[A-Za-z0-9_-]{43}$/;
/** `last_used_at` is rewritten at most this often per token. */
const TOUCH_MS = 60 * 1000;

export type { ApiTokenInfo };

/**
 * Creates a token for a user and returns it: the only time it is ever visible.
 *
 * @example
 * const token = createApiToken(db, user.id, 'newsletter script'); // 'pw_…'
 */
export function createApiToken(db: Db, userId: number, label = '', now = Date.now()): string {
  const token = API_TOKEN_PREFIX + randomToken();
  store.insertApiToken(db, { userId, tokenHash: hashToken(token), label: label.trim().slice(0, 100), createdAt: iso(now) });
  return token;
}

/** The user a token acts as (plus the token's id), or null for a malformed, unknown or revoked token or a disabled user. */
export function verifyApiToken(db: Db, token: string, now = Date.now()): (AuthUser & { tokenId: number }) | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = store.findLiveApiToken(db, hashToken(token));
  if (!row) return null;
  if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) >= TOUCH_MS) {
    try {
      store.touchApiToken(db, row.tokenId, iso(now));
    } catch (err) {
      // Bookkeeping only: a database that cannot be written must not refuse requests that only read.
      if (!isStorageError(err)) throw err;
    }
  }
  return { ...row.user, tokenId: row.tokenId };
}

/** Every token (of one user, or of all), newest first; never the token itself. */
export function listApiTokens(db: Db, userId?: number): ApiTokenInfo[] {
  return store.listApiTokenRows(db, userId);
}

/** Revokes a token by id; false when there is no such live token. */
export function revokeApiToken(db: Db, tokenId: number, now = Date.now()): boolean {
  return store.markApiTokenRevoked(db, tokenId, iso(now));
}

/** Revokes every live token of a user (new password, disabled user); returns how many. Call inside their transaction. */
export function revokeUserApiTokens(db: Db, userId: number, now = Date.now()): number {
  return store.markUserApiTokensRevoked(db, userId, iso(now));
}
