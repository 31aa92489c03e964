import { beforeEach, describe, expect, it } from 'vitest';
import { checkSetupToken, completeSetup, createUser, ensureSetupLink, listUsers, verifyPassword } from '../../src/accounts/index.js';
import type { Db } from '../../src/db/index.js';
import { FAST_SCRYPT, freshDb, codeOf } from './helpers.js';

const fast = { scrypt: FAST_SCRYPT };
const T0 = Date.parse('2025-04-01T12:00:00Z');
const HOUR = 3_600_000;
let db: Db;
beforeEach(() => {
  db = freshDb();
});

const tokenOf = (url: string) => url.split('/setup/')[1] ?? '';


describe('setup link', () => {
  it('gives a link while no user exists, and null once one does', async () => {
    const url = ensureSetupLink(db, 'http://localhost:8080/', T0);
    expect(url).toMatch(/^http:\/\/localhost:8080\/setup\/[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(db.prepare('SELECT * FROM setup_tokens').all())).not.toContain(tokenOf(url!));
    await createUser(db, { name: 'root', role: 'admin', password: 'root password' }, fast);
    expect(ensureSetupLink(db, 'http://localhost:8080', T0)).toBeNull();
    expect(checkSetupToken(db, tokenOf(url!), T0)).toBe('closed');
  });

  it('creates the first admin once: the token is single-use and setup closes', async () => {
    const token = tokenOf(ensureSetupLink(db, 'http://x', T0)!);
    expect(checkSetupToken(db, token, T0)).toBe('valid');
    const admin = await completeSetup(db, token, { name: 'Pat', password: 'pat secret pass' }, fast, T0 + 1000);
    expect(admin).toEqual({ id: expect.any(Number), name: 'pat', role: 'admin' });
    expect((await verifyPassword(db, 'pat', 'pat secret pass', fast)).ok).toBe(true);
    expect(await codeOf(completeSetup(db, token, { name: 'eve', password: 'eve secret pass' }, fast, T0 + 2000))).toBe('setup_closed');
    expect(listUsers(db).map((u) => u.name)).toEqual(['pat']);
  });

  it('earlier unexpired links keep working; one use closes them all', async () => {
    const first = tokenOf(ensureSetupLink(db, 'http://x', T0)!);
    const second = tokenOf(ensureSetupLink(db, 'http://x', T0 + HOUR)!);
    expect(first).not.toBe(second);
    expect(checkSetupToken(db, first, T0 + HOUR)).toBe('valid');
    await completeSetup(db, second, { name: 'quinn', password: 'quinn secret pass' }, fast, T0 + HOUR);
    expect(checkSetupToken(db, first, T0 + HOUR)).toBe('closed');
  });

  it('refuses unknown and expired tokens, and bad input, without spending the token', async () => {
    const token = tokenOf(ensureSetupLink(db, 'http://x', T0)!);
    expect(checkSetupToken(db, 'nope', T0)).toBe('invalid');
    expect(checkSetupToken(db, token, T0 + 24 * HOUR)).toBe('invalid');
    expect(await codeOf(completeSetup(db, token, { name: 'rae', password: 'rae secret pass' }, fast, T0 + 25 * HOUR))).toBe('invalid_setup_token');
    expect(await codeOf(completeSetup(db, token, { name: 'r', password: 'rae secret pass' }, fast, T0))).toBe('invalid_name');
    expect(await codeOf(completeSetup(db, token, { name: 'rae', password: 'short' }, fast, T0))).toBe('weak_password');
    expect(checkSetupToken(db, token, T0)).toBe('valid');
  });

  it('lets only one of two concurrent setups win', async () => {
    const a = tokenOf(ensureSetupLink(db, 'http://x', T0)!);
    const b = tokenOf(ensureSetupLink(db, 'http://x', T0)!);
    const results = await Promise.allSettled([
      completeSetup(db, a, { name: 'sam', password: 'sam secret pass' }, fast, T0),
      completeSetup(db, b, { name: 'tess', password: 'tess secret pass' }, fast, T0),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(listUsers(db)).toHaveLength(1);
  });
});
