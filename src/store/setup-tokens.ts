/** SQL for `setup_tokens`, the one-time links that create the first admin (rules in `accounts/setup.ts`). */
import type { Db } from '../db/index.js';
import { stmt } from './statements.js';

export function insertSetupToken(db: Db, t: { tokenHash: string; createdAt: string; expiresAt: string }): void {
  stmt(db, 'INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)').run(t.tokenHash, t.createdAt, t.expiresAt);
}

/** Is there an unused token with this hash that has not expired at `nowIso`? */
export function isSetupTokenUsable(db: Db, tokenHash: string, nowIso: string): boolean {
  return stmt(db, 'SELECT 1 FROM setup_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').get(tokenHash, nowIso) !== undefined;
}

export function markSetupTokenUsed(db: Db, tokenHash: string, at: string): void {
  stmt(db, 'UPDATE setup_tokens SET used_at = ? WHERE token_hash = ?').run(at, tokenHash);
}

/** Deletes tokens that are used or expired at `nowIso`. */
export function deleteSpentSetupTokens(db: Db, nowIso: string): void {
  stmt(db, 'DELETE FROM setup_tokens WHERE expires_at <= ? OR used_at IS NOT NULL').run(nowIso);
}
