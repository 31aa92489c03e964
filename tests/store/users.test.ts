import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { insertSession } from '../../src/store/sessions.js';
import {
  countUsers, findActiveUser, findUserByName, insertUser, listUserRows, markUserDisabled, markUserEnabled, replacePasswordHash, updatePasswordHash,
} from '../../src/store/users.js';
import { freshDb } from './helpers.js';

let db: Db;
const T0 = '2026-11-25T10:00:00.000Z';
const T1 = '2026-11-25T11:00:00.000Z';

beforeEach(() => {
  db = freshDb();
});

const add = (name: string, role: 'admin' | 'curator' = 'curator') => insertUser(db, { name, role, passwordHash: `hash-of-${name}`, at: T0 })!;

describe('insertUser', () => {
  it('returns the new user; null when the name is taken in any case', () => {
    const ann = add('ann', 'admin');
    expect(ann).toEqual({ id: ann.id, name: 'ann', role: 'admin' });
    expect(insertUser(db, { name: 'ANN', role: 'curator', passwordHash: 'x', at: T1 })).toBeNull();
    expect(countUsers(db)).toBe(1);
  });

  it('refuses a role the schema does not know', () => {
    expect(() => insertUser(db, { name: 'eve', role: 'root' as never, passwordHash: 'x', at: T0 })).toThrow();
  });
});

describe('finding users', () => {
  it('finds by name in any case with the hash and dates; null when unknown', () => {
    const ann = add('ann');
    expect(findUserByName(db, 'Ann')).toEqual({ id: ann.id, name: 'ann', role: 'curator', passwordHash: 'hash-of-ann', createdAt: T0, disabledAt: null });
    expect(findUserByName(db, 'bob')).toBeNull();
  });

  it('finds an active user by id, not a disabled one', () => {
    const ann = add('ann');
    expect(findActiveUser(db, ann.id)).toEqual({ id: ann.id, name: 'ann', role: 'curator' });
    markUserDisabled(db, ann.id, T1);
    expect(findActiveUser(db, ann.id)).toBeNull();
    expect(findActiveUser(db, 999)).toBeNull();
  });

  it('counts users, disabled ones included', () => {
    expect(countUsers(db)).toBe(0);
    markUserDisabled(db, add('ann').id, T1);
    add('bob');
    expect(countUsers(db)).toBe(2);
  });
});

describe('listUserRows', () => {
  it('lists users by name with the latest activity of their sessions', () => {
    const zed = add('zed');
    const ann = add('ann', 'admin');
    const session = (id: string, lastSeenAt: string) =>
      insertSession(db, { id, userId: ann.id, createdAt: T0, lastSeenAt, expiresAt: '2026-12-09T10:00:00.000Z', csrfSecret: 'c', userAgent: null });
    session('s1', T0);
    session('s2', T1);
    expect(listUserRows(db)).toEqual([
      { id: ann.id, name: 'ann', role: 'admin', createdAt: T0, disabledAt: null, lastSeenAt: T1 },
      { id: zed.id, name: 'zed', role: 'curator', createdAt: T0, disabledAt: null, lastSeenAt: null },
    ]);
  });

  it('is empty without users', () => {
    expect(listUserRows(db)).toEqual([]);
  });
});

describe('passwords and disabling', () => {
  it('updates the hash', () => {
    const ann = add('ann');
    updatePasswordHash(db, ann.id, 'new-hash', T1);
    expect(findUserByName(db, 'ann')?.passwordHash).toBe('new-hash');
  });

  it('replaces a hash only while it is still the old one', () => {
    const ann = add('ann');
    expect(replacePasswordHash(db, ann.id, 'hash-of-ann', 'rehashed')).toBe(true);
    expect(replacePasswordHash(db, ann.id, 'hash-of-ann', 'stale')).toBe(false);
    expect(findUserByName(db, 'ann')?.passwordHash).toBe('rehashed');
  });

  it('keeps the first disable date, and enabling clears it', () => {
    const ann = add('ann');
    markUserDisabled(db, ann.id, T0);
    markUserDisabled(db, ann.id, T1);
    expect(findUserByName(db, 'ann')?.disabledAt).toBe(T0);
    markUserEnabled(db, ann.id, T1);
    expect(findUserByName(db, 'ann')?.disabledAt).toBeNull();
    expect(findActiveUser(db, ann.id)?.name).toBe('ann');
  });
});
