/** SQL for the `sessions` table. Tokens, expiry and sliding rules live in `accounts/sessions.ts`. */
import type { Db } from '../db/index.js';
import type { AuthUser, Role } from '../model/user.js';
import { stmt } from './statements.js';

export interface SessionInsert {
  /** SHA-256 of the cookie token. */
  id: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  csrfSecret: string;
  userAgent: string | null;
}

/** A session row joined with its user (disabled or not: the caller decides). */
export interface SessionRecord extends SessionInsert {
  user: AuthUser;
  userDisabledAt: string | null;
}

interface SessionRow {
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  csrf_secret: string;
  user_agent: string | null;
  name: string;
  role: Role;
  disabled_at: string | null;
}

export function insertSession(db: Db, s: SessionInsert): void {
  stmt(db, 'INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, csrf_secret, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.userId,
    s.createdAt,
    s.lastSeenAt,
    s.expiresAt,
    s.csrfSecret,
    s.userAgent,
  );
}

/** The session with this id (a token's hash) and its user, expired or not. */
export function findSessionById(db: Db, id: string): SessionRecord | null {
  const r = stmt(db, 'SELECT s.*, u.name, u.role, u.disabled_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?').get(id) as
    | SessionRow
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    userId: r.user_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    csrfSecret: r.csrf_secret,
    userAgent: r.user_agent,
    user: { id: r.user_id, name: r.name, role: r.role },
    userDisabledAt: r.disabled_at,
  };
}

/** Slides a session: its new last activity and expiry. */
export function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): void {
  stmt(db, 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(lastSeenAt, expiresAt, id);
}

export function deleteSessionById(db: Db, id: string): void {
  stmt(db, 'DELETE FROM sessions WHERE id = ?').run(id);
}

/** Deletes every session of a user; returns how many there were. */
export function deleteSessionsOfUser(db: Db, userId: number): number {
  return stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}

/** Deletes sessions expired at `nowIso` (expiry at or before it); returns how many. */
export function deleteExpiredSessions(db: Db, nowIso: string): number {
  return stmt(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(nowIso).changes;
}
