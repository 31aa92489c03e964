import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { findLiveApiToken, insertApiToken, listApiTokenRows, markApiTokenRevoked, touchApiToken } from '../../src/store/api-tokens.js';
import { insertUser, markUserDisabled, markUserEnabled } from '../../src/store/users.js';
import { freshDb } from './helpers.js';

let db: Db;
let ann: number;
let bob: number;
const T0 = '2026-11-25T10:00:00.000Z';
const T1 = '2026-11-25T11:00:00.000Z';

beforeEach(() => {
  db = freshDb();
  ann = insertUser(db, { name: 'ann', role: 'admin', passwordHash: 'h', at: T0 })!.id;
  bob = insertUser(db, { name: 'bob', role: 'curator', passwordHash: 'h', at: T0 })!.id;
});

const add = (userId: number, hash: string, label = '') => insertApiToken(db, { userId, tokenHash: hash, label, createdAt: T0 });

describe('api tokens', () => {
  it('finds a live token by hash with its user', () => {
    const id = add(bob, 'h1', 'script');
    expect(findLiveApiToken(db, 'h1')).toEqual({ tokenId: id, lastUsedAt: null, user: { id: bob, name: 'bob', role: 'curator' } });
    expect(findLiveApiToken(db, 'h2')).toBeNull();
  });

  it('refuses a second token with the same hash', () => {
    add(ann, 'same');
    expect(() => add(bob, 'same')).toThrow();
  });

  it('stops finding a token while its user is disabled, and once revoked', () => {
    const id = add(bob, 'h1');
    markUserDisabled(db, bob, T1);
    expect(findLiveApiToken(db, 'h1')).toBeNull();
    markUserEnabled(db, bob, T1);
    expect(findLiveApiToken(db, 'h1')?.tokenId).toBe(id);
    expect(markApiTokenRevoked(db, id, T1)).toBe(true);
    expect(markApiTokenRevoked(db, id, '2026-11-25T12:00:00.000Z')).toBe(false);
    expect(markApiTokenRevoked(db, 999, T1)).toBe(false);
    expect(findLiveApiToken(db, 'h1')).toBeNull();
    expect(listApiTokenRows(db)[0]?.revokedAt).toBe(T1);
  });

  it('records the last use', () => {
    const id = add(ann, 'h1');
    touchApiToken(db, id, T1);
    expect(findLiveApiToken(db, 'h1')?.lastUsedAt).toBe(T1);
  });

  it('lists tokens newest first, all or of one user', () => {
    const a = add(ann, 'h1', 'newsletter');
    const b = add(bob, 'h2');
    const c = add(ann, 'h3', 'backup');
    expect(listApiTokenRows(db).map((t) => t.id)).toEqual([c, b, a]);
    expect(listApiTokenRows(db, ann)).toEqual([
      { id: c, userId: ann, userName: 'ann', label: 'backup', createdAt: T0, lastUsedAt: null, revokedAt: null },
      { id: a, userId: ann, userName: 'ann', label: 'newsletter', createdAt: T0, lastUsedAt: null, revokedAt: null },
    ]);
    expect(listApiTokenRows(db, 999)).toEqual([]);
  });
});
