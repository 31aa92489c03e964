/**
 * The first admin: while no user exists, the server prints a one-time link `BASE/setup/TOKEN` (valid 24 hours) that
 * lets whoever holds it create the first admin. Only the token's hash is stored, so each call makes a new link;
 * earlier unexpired links keep working until one of them is used, and none works once any user exists.
 */
import { inTransaction, type Db } from '../db/index.js';
import * as store from '../store/setup-tokens.js';
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
    store.deleteSpentSetupTokens(db, iso(now));
    const token = randomToken();
    store.insertSetupToken(db, { tokenHash: hashToken(token), createdAt: iso(now), expiresAt: iso(now + SETUP_TTL_MS) });
    return `${baseUrl.replace(/\/+$/, '')}/setup/${token}`;
  });
}

export type SetupTokenState = 'valid' | 'invalid' | 'closed';

/** Is a setup token usable now? `closed` once any user exists (whatever the token), `invalid` when unknown, used or expired. */
export function checkSetupToken(db: Db, token: string, now = Date.now()): SetupTokenState {
  if (countUsers(db) > 0) return 'closed';
  if (!token || token.length > 200) return 'invalid';
  return store.isSetupTokenUsable(db, hashToken(token), iso(now)) ? 'valid' : 'invalid';
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
    store.markSetupTokenUsed(db, hashToken(token), iso(now));
    return insertUser(db, { name, role: 'admin', hash }, now);
  });
}
