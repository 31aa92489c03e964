/** Users: create, look up, verify a password, change a password, disable. */
import { inTransaction, type Db } from '../db/index.js';
import { ROLES, type AuthUser, type Role } from '../model/user.js';
import { deleteSessionsOfUser } from '../store/sessions.js';
import * as store from '../store/users.js';
import type { UserSummary } from '../store/users.js';
import { AccountError } from './errors.js';
import {
  DEFAULT_SCRYPT, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, needsRehash, verifyPasswordHash, type HashOptions,
} from './password.js';
import { revokeUserApiTokens } from './api-tokens.js';
import { iso } from './secrets.js';

export { ROLES, type AuthUser, type Role };
export type { UserSummary } from '../store/users.js';

const NAME_PATTERN = /^[a-z0-9._-]{2,40}$/;

/** Trims and lower-cases a user name, then checks it: 2-40 characters of a-z, 0-9, '.', '_' and '-'. */
export function normalizeUserName(name: string): string {
  const normalized = name.trim().toLowerCase();
  if (!NAME_PATTERN.test(normalized)) {
    throw new AccountError('invalid_name', 'A user name is 2 to 40 characters of a-z, 0-9, ".", "_" and "-".');
  }
  return normalized;
}

/** Throws `weak_password` unless the password has at least 10 (and at most 1024) characters. */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new AccountError('weak_password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one.`);
  }
  if (length > MAX_PASSWORD_LENGTH) throw new AccountError('weak_password', `A password can have at most ${MAX_PASSWORD_LENGTH} characters.`);
}

function checkRole(role: string): asserts role is Role {
  if (!ROLES.includes(role as Role)) throw new AccountError('invalid_role', `A role is "admin" or "curator" (got "${role}").`);
}

const toAuthUser = (row: AuthUser): AuthUser => ({ id: row.id, name: row.name, role: row.role });

export interface NewUser {
  name: string;
  role: Role;
  password: string;
}

/**
 * Validates and creates a user. Errors (`AccountError`): `invalid_name`, `invalid_role`, `weak_password`, `name_taken`.
 *
 * @example
 * const alice = await createUser(db, { name: 'alice', role: 'curator', password: 'a long passphrase' });
 */
export async function createUser(db: Db, input: NewUser, options: HashOptions = {}, now = Date.now()): Promise<AuthUser> {
  const name = normalizeUserName(input.name);
  checkRole(input.role);
  checkPassword(input.password);
  if (getUserByName(db, name)) throw new AccountError('name_taken', `There is already a user named "${name}".`);
  const hash = await hashPassword(input.password, options.scrypt ?? DEFAULT_SCRYPT);
  return insertUser(db, { name, role: input.role, hash }, now);
}

/** Inserts an already validated user with an already hashed password (used inside transactions). */
export function insertUser(db: Db, input: { name: string; role: Role; hash: string }, now = Date.now()): AuthUser {
  const user = store.insertUser(db, { name: input.name, role: input.role, passwordHash: input.hash, at: iso(now) });
  if (!user) throw new AccountError('name_taken', `There is already a user named "${input.name}".`);
  return user;
}

/** The user with this name (case-insensitive), disabled or not; null when there is none. */
export function getUserByName(db: Db, name: string): (AuthUser & { disabledAt: string | null }) | null {
  const row = store.findUserByName(db, name.trim());
  return row ? { ...toAuthUser(row), disabledAt: row.disabledAt } : null;
}

/** The active (not disabled) user with this id; null otherwise. */
export function getActiveUser(db: Db, id: number): AuthUser | null {
  return store.findActiveUser(db, id);
}

/** How many users exist (disabled ones included). */
export function countUsers(db: Db): number {
  return store.countUsers(db);
}

/** Every user, by name, with the latest activity of their sessions. */
export function listUsers(db: Db): UserSummary[] {
  return store.listUserRows(db);
}

export type VerifyResult = { ok: true; user: AuthUser } | { ok: false; reason: 'invalid_credentials' | 'disabled' };

// A hash to verify against when the name is unknown, so a wrong name costs as much time as a wrong password.
const dummyHashes = new Map<string, Promise<string>>();
function dummyHash(params: HashOptions['scrypt'] = DEFAULT_SCRYPT): Promise<string> {
  const key = `${params.N}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) dummyHashes.set(key, (hash = hashPassword('not a real password', params)));
  return hash;
}

/**
 * Checks a name and password. A disabled user is told so only after the right password. When the stored hash was
 * made with another cost than `options.scrypt` (or the default), it is re-hashed on success.
 */
export async function verifyPassword(db: Db, name: string, password: string, options: HashOptions = {}): Promise<VerifyResult> {
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const row = name.length <= 100 ? store.findUserByName(db, name.trim()) : null;
  if (!row || password.length > MAX_PASSWORD_LENGTH * 4) {
    await verifyPasswordHash(password.slice(0, MAX_PASSWORD_LENGTH), await dummyHash(params));
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (!(await verifyPasswordHash(password, row.passwordHash))) return { ok: false, reason: 'invalid_credentials' };
  if (row.disabledAt) return { ok: false, reason: 'disabled' };
  if (needsRehash(row.passwordHash, params)) store.replacePasswordHash(db, row.id, row.passwordHash, await hashPassword(password, params));
  return { ok: true, user: toAuthUser(row) };
}

function requireUserId(db: Db, name: string): number {
  const user = getUserByName(db, name);
  if (!user) throw new AccountError('not_found', `There is no user named "${name.trim()}".`);
  return user.id;
}

/**
 * Sets a new password, ends every session of the user and revokes their API tokens (a changed password is often a
 * leaked one: whatever was reached with it must stop working). Returns how many tokens were revoked.
 * Errors: `not_found`, `weak_password`.
 */
export async function setPassword(db: Db, name: string, password: string, options: HashOptions = {}, now = Date.now()): Promise<number> {
  requireUserId(db, name);
  checkPassword(password);
  const hash = await hashPassword(password, options.scrypt ?? DEFAULT_SCRYPT);
  return inTransaction(db, () => {
    const id = requireUserId(db, name);
    store.updatePasswordHash(db, id, hash, iso(now));
    deleteSessionsOfUser(db, id);
    return revokeUserApiTokens(db, id, now);
  });
}

/**
 * Disables a user: their sessions end at once and their API tokens are revoked (they stay listed); returns how many
 * tokens were revoked. Disabling twice keeps the first date. Error: `not_found`.
 */
export function disableUser(db: Db, name: string, now = Date.now()): number {
  return inTransaction(db, () => {
    const id = requireUserId(db, name);
    store.markUserDisabled(db, id, iso(now));
    deleteSessionsOfUser(db, id);
    return revokeUserApiTokens(db, id, now);
  });
}

/** Lets a disabled user log in again (their old sessions stay ended, their old API tokens revoked). Error: `not_found`. */
export function enableUser(db: Db, name: string, now = Date.now()): void {
  inTransaction(db, () => {
    const id = requireUserId(db, name);
    store.markUserEnabled(db, id, iso(now));
  });
}
