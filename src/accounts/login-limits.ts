/**
 * Login rate limiting with fixed-window counters of failures, one per client address and one per user name
 * (whether or not that user exists). Defaults: 5 failures per name and 20 per address in 15 minutes.
 */
import { inTransaction, type Db } from '../db/index.js';
import * as store from '../store/login-attempts.js';
import { iso } from './secrets.js';

export interface LoginLimits {
  perName: number;
  perIp: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = Object.freeze({ perName: 5, perIp: 20, windowMs: 15 * 60 * 1000 });

/** Who is trying: the client's address and the name typed (either may be empty). */
export interface LoginAttempt {
  ip: string;
  name: string;
}

export type LoginCheck = { allowed: true } | { allowed: false; retryAfterSec: number; limitedBy: 'ip' | 'name' };

const nameKey = (name: string) => `name:${name.trim().toLowerCase().slice(0, 64)}`;
const ipKey = (ip: string) => `ip:${ip.slice(0, 64)}`;

function keysOf(attempt: LoginAttempt): { key: string; limit: keyof Pick<LoginLimits, 'perIp' | 'perName'>; by: 'ip' | 'name' }[] {
  const keys: { key: string; limit: 'perIp' | 'perName'; by: 'ip' | 'name' }[] = [];
  if (attempt.ip) keys.push({ key: ipKey(attempt.ip), limit: 'perIp', by: 'ip' });
  if (attempt.name.trim()) keys.push({ key: nameKey(attempt.name), limit: 'perName', by: 'name' });
  return keys;
}

/** May this attempt go ahead? When not, how many seconds until it may (for Retry-After). */
export function checkLoginAllowed(db: Db, attempt: LoginAttempt, now = Date.now(), limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginCheck {
  let worst: LoginCheck = { allowed: true };
  for (const { key, limit, by } of keysOf(attempt)) {
    const row = store.getLoginCounter(db, key);
    if (!row) continue;
    const endsAt = Date.parse(row.windowStart) + limits.windowMs;
    if (endsAt <= now || row.count < limits[limit]) continue;
    const retryAfterSec = Math.max(1, Math.ceil((endsAt - now) / 1000));
    if (worst.allowed || retryAfterSec > worst.retryAfterSec) worst = { allowed: false, retryAfterSec, limitedBy: by };
  }
  return worst;
}

/** Counts a failed login against the address and the name. Also drops counters whose window has passed. */
export function recordLoginFailure(db: Db, attempt: LoginAttempt, now = Date.now(), limits: LoginLimits = DEFAULT_LOGIN_LIMITS): void {
  const windowFloor = iso(now - limits.windowMs);
  inTransaction(db, () => {
    store.deleteLoginCountersSince(db, windowFloor);
    for (const { key } of keysOf(attempt)) store.incrementLoginCounter(db, key, iso(now));
  });
}

/** Forgets the failures of a name (after a successful login). The address's counter stays. */
export function clearLoginFailures(db: Db, name: string): void {
  store.deleteLoginCounter(db, nameKey(name));
}

/**
 * Checks and, when allowed, counts the attempt as a failure in one step, before the (slow) password check runs, so
 * parallel requests cannot all pass the check before any failure is recorded. Call `forgiveLoginAttempt` when the
 * password turns out right.
 */
export function reserveLoginAttempt(db: Db, attempt: LoginAttempt, now = Date.now(), limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginCheck {
  return inTransaction(db, () => {
    const check = checkLoginAllowed(db, attempt, now, limits);
    if (check.allowed) recordLoginFailure(db, attempt, now, limits);
    return check;
  });
}

/** Undoes a reservation after a successful login: clears the name's counter and takes one off the address's. */
export function forgiveLoginAttempt(db: Db, attempt: LoginAttempt): void {
  clearLoginFailures(db, attempt.name);
  if (attempt.ip) store.decrementLoginCounter(db, ipKey(attempt.ip));
}
