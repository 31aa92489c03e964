/** SQL for `login_attempts`: one fixed-window failure counter per key. The limits live in `accounts/login-limits.ts`. */
import type { Db } from '../db/index.js';
import { stmt } from './statements.js';

export interface LoginCounter {
  windowStart: string;
  count: number;
}

export function getLoginCounter(db: Db, key: string): LoginCounter | null {
  return (stmt(db, 'SELECT window_start AS windowStart, count FROM login_attempts WHERE key = ?').get(key) as LoginCounter | undefined) ?? null;
}

/** Adds one failure to a key's counter; a new counter's window starts at `at` (an existing one keeps its start). */
export function incrementLoginCounter(db: Db, key: string, at: string): void {
  stmt(
    db,
    `INSERT INTO login_attempts (key, window_start, count) VALUES (?, ?, 1)
     ON CONFLICT (key) DO UPDATE SET count = count + 1`,
  ).run(key, at);
}

/** Takes one failure off a key's counter, never below zero. */
export function decrementLoginCounter(db: Db, key: string): void {
  stmt(db, 'UPDATE login_attempts SET count = count - 1 WHERE key = ? AND count > 0').run(key);
}

export function deleteLoginCounter(db: Db, key: string): void {
  stmt(db, 'DELETE FROM login_attempts WHERE key = ?').run(key);
}

/** Deletes counters whose window started at or before `floorIso`. */
export function deleteLoginCountersSince(db: Db, floorIso: string): void {
  stmt(db, 'DELETE FROM login_attempts WHERE window_start <= ?').run(floorIso);
}
