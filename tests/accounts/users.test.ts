import { beforeEach, describe, expect, it } from 'vitest';
import {
  createApiToken, createSession, createUser, disableUser, enableUser, getSession, listApiTokens, listUsers, setPassword, verifyApiToken,
  verifyPassword,
} from '../../src/accounts/index.js';
import type { Db } from '../../src/db/index.js';
import { findUserByName } from '../../src/store/users.js';
import { FAST_SCRYPT, freshDb, codeOf } from './helpers.js';

const fast = { scrypt: FAST_SCRYPT };
let db: Db;
beforeEach(() => {
  db = freshDb();
});


describe('createUser', () => {
  it('creates a user with a normalized name and returns id, name, role', async () => {
    const user = await createUser(db, { name: '  Alice.M ', role: 'curator', password: 'a long passphrase' }, fast);
    expect(user).toEqual({ id: expect.any(Number), name: 'alice.m', role: 'curator' });
    const stored = findUserByName(db, 'alice.m')!.passwordHash;
    expect(stored).toMatch(/^scrypt\$1024\$/);
    expect(stored).not.toContain('passphrase');
  });

  it('validates name, role and password with codes', async () => {
    expect(await codeOf(createUser(db, { name: 'a', role: 'curator', password: 'long enough pw' }, fast))).toBe('invalid_name');
    expect(await codeOf(createUser(db, { name: 'x'.repeat(41), role: 'curator', password: 'long enough pw' }, fast))).toBe('invalid_name');
    expect(await codeOf(createUser(db, { name: 'bob smith', role: 'curator', password: 'long enough pw' }, fast))).toBe('invalid_name');
    expect(await codeOf(createUser(db, { name: 'bob/..', role: 'curator', password: 'long enough pw' }, fast))).toBe('invalid_name');
    expect(await codeOf(createUser(db, { name: 'bob', role: 'owner' as 'admin', password: 'long enough pw' }, fast))).toBe('invalid_role');
    expect(await codeOf(createUser(db, { name: 'bob', role: 'curator', password: 'short' }, fast))).toBe('weak_password');
    expect(await codeOf(createUser(db, { name: 'bob', role: 'curator', password: '123456789' }, fast))).toBe('weak_password');
    expect(await codeOf(createUser(db, { name: 'bob', role: 'curator', password: '1234567890' }, fast))).toBeUndefined();
  });

  it('refuses a second user with the same name in any case', async () => {
    await createUser(db, { name: 'carol', role: 'admin', password: 'first password' }, fast);
    expect(await codeOf(createUser(db, { name: 'CAROL', role: 'curator', password: 'second password' }, fast))).toBe('name_taken');
  });
});

describe('verifyPassword', () => {
  it('accepts the right password (name in any case) and refuses wrong ones or unknown names alike', async () => {
    const dave = await createUser(db, { name: 'dave', role: 'curator', password: 'dave secret pass' }, fast);
    expect(await verifyPassword(db, 'Dave', 'dave secret pass', fast)).toEqual({ ok: true, user: dave });
    expect(await verifyPassword(db, 'dave', 'dave secret pasS', fast)).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await verifyPassword(db, 'nobody', 'dave secret pass', fast)).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it('tells a disabled user so only after the right password', async () => {
    await createUser(db, { name: 'erin', role: 'curator', password: 'erin secret pass' }, fast);
    disableUser(db, 'erin');
    expect(await verifyPassword(db, 'erin', 'wrong password', fast)).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await verifyPassword(db, 'erin', 'erin secret pass', fast)).toEqual({ ok: false, reason: 'disabled' });
  });

  it('re-hashes a password stored with another cost on a successful login', async () => {
    await createUser(db, { name: 'frank', role: 'curator', password: 'frank secret pass' }, { scrypt: { N: 512, r: 8, p: 1 } });
    expect((await verifyPassword(db, 'frank', 'frank secret pass', fast)).ok).toBe(true);
    expect(findUserByName(db, 'frank')!.passwordHash.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect((await verifyPassword(db, 'frank', 'frank secret pass', fast)).ok).toBe(true);
  });
});

describe('listUsers, setPassword, disableUser', () => {
  it('lists users by name with their state and last activity', async () => {
    const zed = await createUser(db, { name: 'zed', role: 'curator', password: 'zed secret pass' }, fast, Date.parse('2025-01-01T00:00:00Z'));
    await createUser(db, { name: 'amy', role: 'admin', password: 'amy secret pass' }, fast, Date.parse('2025-01-02T00:00:00Z'));
    createSession(db, zed.id, 'test', Date.parse('2025-02-01T10:00:00Z'));
    disableUser(db, 'amy', Date.parse('2025-03-01T00:00:00Z'));
    expect(listUsers(db)).toEqual([
      { id: expect.any(Number), name: 'amy', role: 'admin', createdAt: '2025-01-02T00:00:00.000Z', disabledAt: '2025-03-01T00:00:00.000Z', lastSeenAt: null },
      { id: zed.id, name: 'zed', role: 'curator', createdAt: '2025-01-01T00:00:00.000Z', disabledAt: null, lastSeenAt: '2025-02-01T10:00:00.000Z' },
    ]);
  });

  it('setPassword replaces the password and ends the sessions', async () => {
    const gus = await createUser(db, { name: 'gus', role: 'curator', password: 'old password here' }, fast);
    const { token } = createSession(db, gus.id, null);
    await setPassword(db, 'GUS', 'new password here', fast);
    expect(getSession(db, token)).toBeNull();
    expect((await verifyPassword(db, 'gus', 'old password here', fast)).ok).toBe(false);
    expect((await verifyPassword(db, 'gus', 'new password here', fast)).ok).toBe(true);
    expect(await codeOf(setPassword(db, 'gus', 'short', fast))).toBe('weak_password');
    expect(await codeOf(setPassword(db, 'nobody', 'long enough pw', fast))).toBe('not_found');
  });

  it('disableUser ends sessions and stops API tokens; twice keeps the first date', async () => {
    const hal = await createUser(db, { name: 'hal', role: 'admin', password: 'hal secret pass' }, fast);
    const { token } = createSession(db, hal.id, null);
    const apiToken = createApiToken(db, hal.id, 'script');
    expect(verifyApiToken(db, apiToken)).not.toBeNull();
    disableUser(db, 'hal', Date.parse('2025-05-01T00:00:00Z'));
    disableUser(db, 'hal', Date.parse('2025-06-01T00:00:00Z'));
    expect(getSession(db, token)).toBeNull();
    expect(verifyApiToken(db, apiToken)).toBeNull();
    expect(listUsers(db)[0]?.disabledAt).toBe('2025-05-01T00:00:00.000Z');
    expect(() => disableUser(db, 'nobody')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it("setPassword revokes the user's API tokens (only theirs) and says how many", async () => {
    const ida = await createUser(db, { name: 'ida', role: 'curator', password: 'ida secret pass' }, fast);
    const joe = await createUser(db, { name: 'joe', role: 'curator', password: 'joe secret pass' }, fast);
    const first = createApiToken(db, ida.id, 'one');
    const second = createApiToken(db, ida.id, 'two');
    const joes = createApiToken(db, joe.id, 'his');
    expect(await setPassword(db, 'ida', 'ida new password', fast, Date.parse('2025-07-01T00:00:00Z'))).toBe(2);
    expect(verifyApiToken(db, first)).toBeNull();
    expect(verifyApiToken(db, second)).toBeNull();
    expect(verifyApiToken(db, joes)).toMatchObject({ name: 'joe' });
    expect(listApiTokens(db, ida.id).map((t) => t.revokedAt)).toEqual(['2025-07-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z']);
    // A token made after the change works; the next change ends it too.
    const third = createApiToken(db, ida.id, 'three');
    expect(verifyApiToken(db, third)).toMatchObject({ name: 'ida' });
    expect(await setPassword(db, 'ida', 'ida newer password', fast)).toBe(1);
    expect(verifyApiToken(db, third)).toBeNull();
  });

  it('disableUser revokes the API tokens for good: enabling the user does not bring them back', async () => {
    const kim = await createUser(db, { name: 'kim', role: 'curator', password: 'kim secret pass' }, fast);
    const token = createApiToken(db, kim.id, 'script');
    expect(disableUser(db, 'kim')).toBe(1);
    expect(disableUser(db, 'kim')).toBe(0);
    enableUser(db, 'kim');
    expect(verifyApiToken(db, token)).toBeNull();
    expect(listApiTokens(db, kim.id)[0]?.revokedAt).not.toBeNull();
  });
});
