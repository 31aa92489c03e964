/**
 * The first admin: while no user exists, the server prints a one-time link `BASE/setup/TOKEN` (valid 24 hours) that
 * lets whoever holds it create the first admin. Only the token's hash is stored, so each call makes a new link;
 * earlier unexpired links keep working until one of them is used, and none works once any user exists.
 */
import { inTransaction, type Db } from '../db/index.js';
import { stmt } from '../store/statements.js';
import { AccountError } from './errors.js';
import { DEFAULT_SCRYPT, hashPassword, type HashOptions } from './password.js';
import { hashToken, iso, randomToken } from './secrets.js';
import { checkPassword, countUsers, insertUser, normalizeUserName, type AuthUser } from './users.js';

export const SETUP_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * When no user exists, a fresh one-time setup URL; null when users exist.
 *
 * @example
 * const link = ensureSetupLink(db, 'http://localhost:8080');
 * if (link) log.warn(`No account yet: open ${link} to create the first admin (valid 24 hours).`);
 */
export function ensureSetupLink(db: Db, baseUrl: string, now = Date.now()): string | null {
  return inTransaction(db, () => {
    if (countUsers(db) > 0) return null;
    stmt(db, 'DELETE FROM setup_tokens WHERE expires_at <= ? OR used_at IS NOT NULL').run(iso(now));
    const token = randomToken();
    stmt(db, 'INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES (?, ?, ?)').run(hashToken(token), iso(now), iso(now + SETUP_TTL_MS));
    return `${baseUrl.replace(/\/+$/, '')}/setup/${token}`;
  });
}

export type SetupTokenState = 'valid' | 'invalid' | 'closed';

/** Is a setup token usable now? `closed` once any user exists (whatever the token), `invalid` when unknown, used or expired. */
export function checkSetupToken(db: Db, token: string, now = Date.now()): SetupTokenState {
  if (countUsers(db) > 0) return 'closed';
  if (!token || token.length > 200) return 'invalid';
  const row = stmt(db, 'SELECT 1 FROM setup_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?').get(hashToken(token), iso(now));
  return row ? 'valid' : 'invalid';
}

/**
 * Creates the first admin with a setup token, in one transaction: the token is spent and the user created, or
 * nothing happens. Errors: `setup_closed`, `invalid_setup_token`, `invalid_name`, `weak_password`.
 */
export async function completeSetup(db: Db, token: string, input: { name: string; password: string }, options: HashOptions = {}, now = Date.now()): Promise<AuthUser> {
  const name = normalizeUserName(input.name);
  checkPassword(input.password);
  const hash = await hashPassword(input.password, options.scrypt ?? DEFAULT_SCRYPT);
  return inTransaction(db, () => {
    const state = checkSetupToken(db, token, now);
    if (state === 'closed') throw new AccountError('setup_closed', 'Setup is already done: an account exists. Log in instead.');
    if (state === 'invalid') throw new AccountError('invalid_setup_token', 'This setup link is unknown, used or expired. Restart the server for a new one.');
    stmt(db, 'UPDATE setup_tokens SET used_at = ? WHERE token_hash = ?').run(iso(now), hashToken(token));
    return insertUser(db, { name, role: 'admin', hash }, now);
  });
}
