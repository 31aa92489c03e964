import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import {
  deleteExpiredSessions, deleteSessionById, deleteSessionsOfUser, findSessionById, insertSession, touchSession, type SessionInsert,
} from '../../src/store/sessions.js';
import { insertUser, markUserDisabled } from '../../src/store/users.js';
import { freshDb } from './helpers.js';

let db: Db;
let ann: number;
let bob: number;
const T0 = '2026-11-25T10:00:00.000Z';

beforeEach(() => {
  db = freshDb();
  ann = insertUser(db, { name: 'ann', role: 'admin', passwordHash: 'h', at: T0 })!.id;
  bob = insertUser(db, { name: 'bob', role: 'curator', passwordHash: 'h', at: T0 })!.id;
});

const session = (id: string, userId: number, expiresAt = '2026-12-09T10:00:00.000Z'): SessionInsert => ({
  id, userId, createdAt: T0, lastSeenAt: T0, expiresAt, csrfSecret: `csrf-${id}`, userAgent: 'Firefox',
});

describe('sessions', () => {
  it('stores a session and finds it with its user', () => {
    insertSession(db, session('s1', ann));
    expect(findSessionById(db, 's1')).toEqual({ ...session('s1', ann), user: { id: ann, name: 'ann', role: 'admin' }, userDisabledAt: null });
    expect(findSessionById(db, 'nope')).toBeNull();
  });

  it('finds an expired session and tells a disabled user (the caller decides)', () => {
    insertSession(db, session('old', bob, '2026-01-01T00:00:00.000Z'));
    markUserDisabled(db, bob, T0);
    expect(findSessionById(db, 'old')).toMatchObject({ expiresAt: '2026-01-01T00:00:00.000Z', userDisabledAt: T0 });
  });

  it('slides a session', () => {
    insertSession(db, session('s1', ann));
    touchSession(db, 's1', '2026-11-26T10:00:00.000Z', '2026-12-10T10:00:00.000Z');
    expect(findSessionById(db, 's1')).toMatchObject({ lastSeenAt: '2026-11-26T10:00:00.000Z', expiresAt: '2026-12-10T10:00:00.000Z', createdAt: T0 });
  });

  it('deletes one session, all of a user, or the expired ones, and says how many', () => {
    insertSession(db, session('a1', ann));
    insertSession(db, session('a2', ann, '2026-11-25T09:00:00.000Z'));
    insertSession(db, session('a3', ann, T0));
    insertSession(db, session('b1', bob));
    insertSession(db, session('b2', bob));
    deleteSessionById(db, 'b2');
    expect(findSessionById(db, 'b2')).toBeNull();
    expect(deleteExpiredSessions(db, T0)).toBe(2);
    expect(findSessionById(db, 'a1')).not.toBeNull();
    expect(deleteSessionsOfUser(db, ann)).toBe(1);
    expect(deleteSessionsOfUser(db, ann)).toBe(0);
    expect(findSessionById(db, 'b1')?.user.name).toBe('bob');
  });

  it('refuses a session of an unknown user', () => {
    expect(() => insertSession(db, session('x', 999))).toThrow();
  });
});
