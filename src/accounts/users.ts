/** Users: create, look up, verify a password, change a password, disable. */
import { inTransaction, type Db } from '../db/index.js';
import { stmt } from '../store/statements.js';
import { AccountError } from './errors.js';
import {
  DEFAULT_SCRYPT, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, needsRehash, verifyPasswordHash, type HashOptions,
} from './password.js';
import { revokeUserApiTokens } from './api-tokens.js';
import { iso } from './secrets.js';

export type Role = 'admin' | 'curator';
export const ROLES: readonly Role[] = ['admin', 'curator'];

/** Who is signed in: what the web layer and the domain need to know about a user. */
export interface AuthUser {
  id: number;
  name: string;
  role: Role;
}

/** A user as listed by `listUsers`. */
export interface UserSummary extends AuthUser {
  createdAt: string;
  disabledAt: string | null;
  /** Latest activity of any of the user's sessions, if any. */
  lastSeenAt: string | null;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

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

const toAuthUser = (row: Pick<UserRow, 'id' | 'name' | 'role'>): AuthUser => ({ id: row.id, name: row.name, role: row.role });

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
  try {
    const at = iso(now);
    const row = stmt(db, 'INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id, name, role')
      .get(input.name, input.role, input.hash, at, at) as UserRow;
    return toAuthUser(row);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AccountError('name_taken', `There is already a user named "${input.name}".`);
    }
    throw err;
  }
}

/** The user with this name (case-insensitive), disabled or not; null when there is none. */
export function getUserByName(db: Db, name: string): (AuthUser & { disabledAt: string | null }) | null {
  const row = stmt(db, 'SELECT id, name, role, disabled_at FROM users WHERE name = ?').get(name.trim()) as UserRow | undefined;
  return row ? { ...toAuthUser(row), disabledAt: row.disabled_at } : null;
}

/** The active (not disabled) user with this id; null otherwise. */
export function getActiveUser(db: Db, id: number): AuthUser | null {
  const row = stmt(db, 'SELECT id, name, role FROM users WHERE id = ? AND disabled_at IS NULL').get(id) as UserRow | undefined;
  return row ? toAuthUser(row) : null;
}

/** How many users exist (disabled ones included). */
export function countUsers(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Every user, by name, with the latest activity of their sessions. */
export function listUsers(db: Db): UserSummary[] {
  const rows = stmt(
    db,
    `SELECT u.id, u.name, u.role, u.created_at, u.disabled_at, (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at
       FROM users u ORDER BY u.name`,
  ).all() as (UserRow & { last_seen_at: string | null })[];
  return rows.map((r) => ({ ...toAuthUser(r), createdAt: r.created_at, disabledAt: r.disabled_at, lastSeenAt: r.last_seen_at }));
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
  const row = (name.length <= 100 ? stmt(db, 'SELECT * FROM users WHERE name = ?').get(name.trim()) : undefined) as UserRow | undefined;
  if (!row || password.length > MAX_PASSWORD_LENGTH * 4) {
    await verifyPasswordHash(password.slice(0, MAX_PASSWORD_LENGTH), await dummyHash(params));
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (!(await verifyPasswordHash(password, row.password_hash))) return { ok: false, reason: 'invalid_credentials' };
  if (row.disabled_at) return { ok: false, reason: 'disabled' };
  if (needsRehash(row.password_hash, params)) {
    const hash = await hashPassword(password, params);
    stmt(db, 'UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(hash, row.id, row.password_hash);
  }
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
    stmt(db, 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, iso(now), id);
    stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(id);
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
    const at = iso(now);
    stmt(db, 'UPDATE users SET disabled_at = coalesce(disabled_at, ?), updated_at = ? WHERE id = ?').run(at, at, id);
    stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(id);
    return revokeUserApiTokens(db, id, now);
  });
}

/** Lets a disabled user log in again (their old sessions stay ended, their old API tokens revoked). Error: `not_found`. */
export function enableUser(db: Db, name: string, now = Date.now()): void {
  inTransaction(db, () => {
    const id = requireUserId(db, name);
    stmt(db, 'UPDATE users SET disabled_at = NULL, updated_at = ? WHERE id = ?').run(iso(now), id);
  });
}
