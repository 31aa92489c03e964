/** SQL for the `api_tokens` table. Token format, hashing and the touch interval live in `accounts/api-tokens.ts`. */
import type { Db } from '../db/index.js';
import type { AuthUser, Role } from '../model/user.js';
import { stmt } from './statements.js';

/** A token as listed: never the token itself. */
export interface ApiTokenInfo {
  id: number;
  userId: number;
  userName: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function insertApiToken(db: Db, t: { userId: number; tokenHash: string; label: string; createdAt: string }): number {
  return Number(
    stmt(db, 'INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)').run(t.userId, t.tokenHash, t.label, t.createdAt)
      .lastInsertRowid,
  );
}

/** The live token with this hash and the user it acts as: null when unknown, revoked, or the user is disabled. */
export function findLiveApiToken(db: Db, tokenHash: string): { tokenId: number; lastUsedAt: string | null; user: AuthUser } | null {
  const row = stmt(
    db,
    `SELECT t.id AS token_id, t.last_used_at, u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
  ).get(tokenHash) as { token_id: number; last_used_at: string | null; id: number; name: string; role: Role } | undefined;
  return row ? { tokenId: row.token_id, lastUsedAt: row.last_used_at, user: { id: row.id, name: row.name, role: row.role } } : null;
}

export function touchApiToken(db: Db, tokenId: number, at: string): void {
  stmt(db, 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, tokenId);
}

/** Every token (of one user, or of all), newest first. */
export function listApiTokenRows(db: Db, userId?: number): ApiTokenInfo[] {
  return stmt(
    db,
    `SELECT t.id, t.user_id AS userId, u.name AS userName, t.label, t.created_at AS createdAt, t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE @user IS NULL OR t.user_id = @user ORDER BY t.id DESC`,
  ).all({ user: userId ?? null }) as ApiTokenInfo[];
}

/** Revokes a live token; false when there is no such token or it was revoked already. */
export function markApiTokenRevoked(db: Db, tokenId: number, at: string): boolean {
  return stmt(db, 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, tokenId).changes > 0;
}

/** Revokes every live token of a user; returns how many. */
export function markUserApiTokensRevoked(db: Db, userId: number, at: string): number {
  return stmt(db, 'UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, userId).changes;
}
