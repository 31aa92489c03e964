import { beforeEach, describe, expect, it } from 'vitest';
import { createSession, createUser, deleteSession, deleteUserSessions, getSession, pruneSessions, SESSION_TTL_MS, type AuthUser } from '../../src/accounts/index.js';
import type { Db } from '../../src/db/index.js';
import { FAST_SCRYPT, freshDb } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2025-04-01T12:00:00Z');
let db: Db;
let ivy: AuthUser;
beforeEach(async () => {
  db = freshDb();
  ivy = await createUser(db, { name: 'ivy', role: 'curator', password: 'ivy secret pass' }, { scrypt: FAST_SCRYPT });
});

describe('createSession / getSession', () => {
  it('gives a random token and CSRF token and stores only the token hash', () => {
    const { token, csrfToken, expiresAt } = createSession(db, ivy.id, 'Firefox', T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfToken).not.toBe(token);
    expect(expiresAt).toBe(new Date(T0 + 14 * DAY).toISOString());
    const row = db.prepare('SELECT * FROM sessions').get() as Record<string, string>;
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.user_agent).toBe('Firefox');
  });

  it('finds the session with its user and CSRF token', () => {
    const { token, csrfToken } = createSession(db, ivy.id, null, T0);
    const session = getSession(db, token, T0 + 1000);
    expect(session).toMatchObject({ user: ivy, csrfToken, createdAt: new Date(T0).toISOString(), renewed: false });
    expect(getSession(db, `${token}x`, T0)).toBeNull();
    expect(getSession(db, '', T0)).toBeNull();
  });

  it('expires 14 days after the last use and deletes the expired row', () => {
    const { token } = createSession(db, ivy.id, null, T0);
    expect(getSession(db, token, T0 + SESSION_TTL_MS - 1)).not.toBeNull();
    const { token: other } = createSession(db, ivy.id, null, T0);
    expect(getSession(db, other, T0 + SESSION_TTL_MS)).toBeNull();
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
  });

  it('slides: each use pushes the expiry 14 days past it', () => {
    const { token } = createSession(db, ivy.id, null, T0);
    const a = getSession(db, token, T0 + 13 * DAY);
    expect(a?.renewed).toBe(true);
    expect(a?.expiresAt).toBe(new Date(T0 + 27 * DAY).toISOString());
    expect(getSession(db, token, T0 + 26 * DAY)?.expiresAt).toBe(new Date(T0 + 40 * DAY).toISOString());
    expect(getSession(db, token, T0 + 26 * DAY + 14 * DAY + 1)).toBeNull();
  });

  it('writes the slide at most once a minute', () => {
    const { token } = createSession(db, ivy.id, null, T0);
    expect(getSession(db, token, T0 + 59_000)?.renewed).toBe(false);
    expect(getSession(db, token, T0 + 59_000)?.lastSeenAt).toBe(new Date(T0).toISOString());
    expect(getSession(db, token, T0 + 60_000)?.renewed).toBe(true);
  });

  it('deleteSession, deleteUserSessions and pruneSessions end sessions', () => {
    const a = createSession(db, ivy.id, null, T0);
    const b = createSession(db, ivy.id, null, T0);
    const c = createSession(db, ivy.id, null, T0 - 20 * DAY);
    deleteSession(db, a.token);
    expect(getSession(db, a.token, T0)).toBeNull();
    expect(getSession(db, b.token, T0)).not.toBeNull();
    expect(pruneSessions(db, T0)).toBe(1);
    expect(deleteUserSessions(db, ivy.id)).toBe(1);
    expect(getSession(db, b.token, T0)).toBeNull();
    expect(getSession(db, c.token, T0)).toBeNull();
  });
});
