import { beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, createUser, listApiTokens, revokeApiToken, verifyApiToken, type AuthUser } from '../../src/accounts/index.js';
import type { Db } from '../../src/db/index.js';
import { FAST_SCRYPT, freshDb } from './helpers.js';

const T0 = Date.parse('2025-04-01T12:00:00Z');
let db: Db;
let jo: AuthUser;
beforeEach(async () => {
  db = freshDb();
  jo = await createUser(db, { name: 'jo', role: 'admin', password: 'jo secret pass' }, { scrypt: FAST_SCRYPT });
});

describe('API tokens', () => {
  it('creates pw_ tokens, stores only their hash, and verifies them to their user', () => {
    const token = createApiToken(db, jo.id, ' newsletter ', T0);
    expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    const row = db.prepare('SELECT * FROM api_tokens').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(token.slice(3));
    expect(row.label).toBe('newsletter');
    expect(verifyApiToken(db, token, T0 + 5000)).toEqual({ ...jo, tokenId: row.id });
  });

  it('refuses malformed, unknown and revoked tokens', () => {
    const token = createApiToken(db, jo.id, '', T0);
    expect(verifyApiToken(db, token.slice(3))).toBeNull();
    expect(verifyApiToken(db, `${token}x`)).toBeNull();
    expect(verifyApiToken(db, `pw_${'A'.repeat(43)}`)).toBeNull();
    const [info] = listApiTokens(db, jo.id);
    expect(revokeApiToken(db, info!.id, T0)).toBe(true);
    expect(revokeApiToken(db, info!.id, T0)).toBe(false);
    expect(verifyApiToken(db, token)).toBeNull();
  });

  it('records last use (at most once a minute) and lists tokens without their secret', () => {
    const token = createApiToken(db, jo.id, 'cron', T0);
    verifyApiToken(db, token, T0 + 1000);
    verifyApiToken(db, token, T0 + 30_000);
    expect(listApiTokens(db)).toEqual([
      { id: expect.any(Number), userId: jo.id, userName: 'jo', label: 'cron', createdAt: new Date(T0).toISOString(), lastUsedAt: new Date(T0 + 1000).toISOString(), revokedAt: null },
    ]);
    verifyApiToken(db, token, T0 + 61_001);
    expect(listApiTokens(db)[0]?.lastUsedAt).toBe(new Date(T0 + 61_001).toISOString());
  });
});
