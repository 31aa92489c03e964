/** SQL for the `users` table. Validation, hashing and the rules of who may log in live in `accounts/`. */
import type { Db } from '../db/index.js';
import type { AuthUser, Role } from '../model/user.js';
import { stmt } from './statements.js';

/** A user row with everything the accounts domain reads (the password hash included). */
export interface UserRecord extends AuthUser {
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
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

/** Inserts a user (name already normalized, password already hashed); null when the name is taken. */
export function insertUser(db: Db, u: { name: string; role: Role; passwordHash: string; at: string }): AuthUser | null {
  try {
    return stmt(db, 'INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id, name, role').get(
      u.name,
      u.role,
      u.passwordHash,
      u.at,
      u.at,
    ) as AuthUser;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return null;
    throw err;
  }
}

/** The user with this name (the column compares without case), disabled or not. */
export function findUserByName(db: Db, name: string): UserRecord | null {
  const row = stmt(db, 'SELECT id, name, role, password_hash, created_at, disabled_at FROM users WHERE name = ?').get(name) as UserRow | undefined;
  return row
    ? { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at, disabledAt: row.disabled_at }
    : null;
}

/** The user with this id unless disabled. */
export function findActiveUser(db: Db, id: number): AuthUser | null {
  return (stmt(db, 'SELECT id, name, role FROM users WHERE id = ? AND disabled_at IS NULL').get(id) as AuthUser | undefined) ?? null;
}

/** How many users exist, disabled ones included. */
export function countUsers(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Every user by name, with the latest `last_seen_at` of their sessions. */
export function listUserRows(db: Db): UserSummary[] {
  return stmt(
    db,
    `SELECT u.id, u.name, u.role, u.created_at AS createdAt, u.disabled_at AS disabledAt,
       (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS lastSeenAt
     FROM users u ORDER BY u.name`,
  ).all() as UserSummary[];
}

/** Sets a new password hash (a password change). */
export function updatePasswordHash(db: Db, id: number, passwordHash: string, at: string): void {
  stmt(db, 'UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(passwordHash, at, id);
}

/**
 * Replaces the hash only while it is still `oldHash` (a re-hash at a new cost after login), so a password changed
 * meanwhile is never overwritten. Leaves `updated_at` alone: the password did not change. True when replaced.
 */
export function replacePasswordHash(db: Db, id: number, oldHash: string, newHash: string): boolean {
  return stmt(db, 'UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(newHash, id, oldHash).changes > 0;
}

/** Marks a user disabled; a user disabled before keeps the first date. */
export function markUserDisabled(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE users SET disabled_at = coalesce(disabled_at, ?), updated_at = ? WHERE id = ?').run(at, at, id);
}

export function markUserEnabled(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE users SET disabled_at = NULL, updated_at = ? WHERE id = ?').run(at, id);
}
