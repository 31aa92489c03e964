import { beforeEach, describe, expect, it } from 'vitest';
import { checkLoginAllowed, clearLoginFailures, forgiveLoginAttempt, recordLoginFailure, reserveLoginAttempt } from '../../src/accounts/index.js';
import type { Db } from '../../src/db/index.js';
import { getLoginCounter } from '../../src/store/login-attempts.js';
import { freshDb } from './helpers.js';

const T0 = Date.parse('2025-04-01T12:00:00Z');
const MIN = 60_000;
let db: Db;
beforeEach(() => {
  db = freshDb();
});

describe('login rate limits', () => {
  it('blocks a name after 5 failures for the rest of the 15-minute window', () => {
    for (let i = 0; i < 5; i++) {
      expect(checkLoginAllowed(db, { ip: `10.0.0.${i}`, name: 'kim' }, T0 + i * MIN).allowed).toBe(true);
      recordLoginFailure(db, { ip: `10.0.0.${i}`, name: 'kim' }, T0 + i * MIN);
    }
    expect(checkLoginAllowed(db, { ip: '10.0.0.9', name: 'KIM ' }, T0 + 5 * MIN)).toEqual({ allowed: false, retryAfterSec: 600, limitedBy: 'name' });
    expect(checkLoginAllowed(db, { ip: '10.0.0.9', name: 'lee' }, T0 + 5 * MIN).allowed).toBe(true);
    expect(checkLoginAllowed(db, { ip: '10.0.0.9', name: 'kim' }, T0 + 15 * MIN).allowed).toBe(true);
  });

  it('blocks an address after 20 failures whatever the names', () => {
    for (let i = 0; i < 20; i++) recordLoginFailure(db, { ip: '192.0.2.1', name: `user${i}` }, T0);
    const check = checkLoginAllowed(db, { ip: '192.0.2.1', name: 'fresh' }, T0 + MIN);
    expect(check).toEqual({ allowed: false, retryAfterSec: 14 * 60, limitedBy: 'ip' });
    expect(checkLoginAllowed(db, { ip: '192.0.2.2', name: 'fresh' }, T0 + MIN).allowed).toBe(true);
  });

  it('starts a new window once the old one has passed', () => {
    for (let i = 0; i < 5; i++) recordLoginFailure(db, { ip: '', name: 'max' }, T0);
    recordLoginFailure(db, { ip: '', name: 'max' }, T0 + 16 * MIN);
    expect(checkLoginAllowed(db, { ip: '', name: 'max' }, T0 + 16 * MIN).allowed).toBe(true);
    expect(getLoginCounter(db, 'name:max')?.count).toBe(1);
  });

  it('a successful login clears the name counter but not the address counter', () => {
    for (let i = 0; i < 5; i++) recordLoginFailure(db, { ip: '192.0.2.7', name: 'ned' }, T0);
    clearLoginFailures(db, 'Ned');
    expect(checkLoginAllowed(db, { ip: '192.0.2.7', name: 'ned' }, T0).allowed).toBe(true);
    expect(getLoginCounter(db, 'ip:192.0.2.7')?.count).toBe(5);
  });

  it('honours custom limits', () => {
    const limits = { perName: 2, perIp: 3, windowMs: MIN };
    recordLoginFailure(db, { ip: 'a', name: 'ola' }, T0, limits);
    recordLoginFailure(db, { ip: 'a', name: 'ola' }, T0, limits);
    expect(checkLoginAllowed(db, { ip: 'a', name: 'ola' }, T0 + 1000, limits)).toEqual({ allowed: false, retryAfterSec: 59, limitedBy: 'name' });
  });

  it('reserveLoginAttempt counts up front; forgiveLoginAttempt undoes it after a success', () => {
    for (let i = 0; i < 5; i++) expect(reserveLoginAttempt(db, { ip: '192.0.2.9', name: 'pia' }, T0).allowed).toBe(true);
    expect(reserveLoginAttempt(db, { ip: '192.0.2.9', name: 'pia' }, T0)).toMatchObject({ allowed: false, limitedBy: 'name' });
    expect(getLoginCounter(db, 'ip:192.0.2.9')?.count).toBe(5);
    forgiveLoginAttempt(db, { ip: '192.0.2.9', name: 'pia' });
    expect(getLoginCounter(db, 'ip:192.0.2.9')?.count).toBe(4);
    expect(checkLoginAllowed(db, { ip: '192.0.2.9', name: 'pia' }, T0).allowed).toBe(true);
  });
});
