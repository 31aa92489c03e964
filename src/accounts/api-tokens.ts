/**
 * API tokens for scripts: `pw_` + 32 random bytes (base64url), shown once at creation; only the SHA-256 is stored.
 * A token acts as its user (with the user's role) until revoked; a new password or disabling the user revokes all of
 * the user's tokens.
 */
import type { Db } from '../db/index.js';
import { stmt } from '../store/statements.js';
import { hashToken, iso, randomToken } from './secrets.js';
import type { AuthUser, Role } from './users.js';

export const API_TOKEN_PREFIX = 'pw_';
const TOKEN_PATTERN = /^pw_[A-Za-z0-9_-]{43}$/;
/** `last_used_at` is rewritten at most this often per token. */
const TOUCH_MS = 60 * 1000;

export interface ApiTokenInfo {
  id: number;
  userId: number;
  userName: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Creates a token for a user and returns it: the only time it is ever visible.
 *
 * @example
 * const token = createApiToken(db, user.id, 'newsletter script'); // 'pw_…'
 */
export function createApiToken(db: Db, userId: number, label = '', now = Date.now()): string {
  const token = API_TOKEN_PREFIX + randomToken();
  stmt(db, 'INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)')
    .run(userId, hashToken(token), label.trim().slice(0, 100), iso(now));
  return token;
}

/** The user a token acts as (plus the token's id), or null for a malformed, unknown or revoked token or a disabled user. */
export function verifyApiToken(db: Db, token: string, now = Date.now()): (AuthUser & { tokenId: number }) | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = stmt(
    db,
    `SELECT t.id AS token_id, t.last_used_at, u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
  ).get(hashToken(token)) as { token_id: number; last_used_at: string | null; id: number; name: string; role: Role } | undefined;
  if (!row) return null;
  if (!row.last_used_at || now - Date.parse(row.last_used_at) >= TOUCH_MS) {
    stmt(db, 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(iso(now), row.token_id);
  }
  return { id: row.id, name: row.name, role: row.role, tokenId: row.token_id };
}

/** Every token (of one user, or of all), newest first; never the token itself. */
export function listApiTokens(db: Db, userId?: number): ApiTokenInfo[] {
  const rows = stmt(
    db,
    `SELECT t.id, t.user_id, u.name AS user_name, t.label, t.created_at, t.last_used_at, t.revoked_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE @user IS NULL OR t.user_id = @user ORDER BY t.id DESC`,
  ).all({ user: userId ?? null }) as { id: number; user_id: number; user_name: string; label: string; created_at: string; last_used_at: string | null; revoked_at: string | null }[];
  return rows.map((r) => ({
    id: r.id, userId: r.user_id, userName: r.user_name, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
  }));
}

/** Revokes a token by id; false when there is no such live token. */
export function revokeApiToken(db: Db, tokenId: number, now = Date.now()): boolean {
  return stmt(db, 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(iso(now), tokenId).changes > 0;
}

/** Revokes every live token of a user (new password, disabled user); returns how many. Call inside their transaction. */
export function revokeUserApiTokens(db: Db, userId: number, now = Date.now()): number {
  return stmt(db, 'UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(iso(now), userId).changes;
}
