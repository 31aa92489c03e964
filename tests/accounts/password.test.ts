import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPasswordHash } from '../../src/accounts/index.js';
import { FAST_SCRYPT } from './helpers.js';

describe('hashPassword / verifyPasswordHash', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery', FAST_SCRYPT);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPasswordHash('correct horse battery', stored)).toBe(true);
    expect(await verifyPasswordHash('correct horse batterz', stored)).toBe(false);
    expect(await verifyPasswordHash('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!', FAST_SCRYPT), hashPassword('same password!', FAST_SCRYPT)]);
    expect(a).not.toBe(b);
  });

  it('uses N=2^15, r=8, p=1 by default (the production cost works within node limits)', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    const stored = await hashPassword('production cost');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPasswordHash('production cost', stored)).toBe(true);
  });

  it('treats unicode normalization forms as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!', FAST_SCRYPT);
    expect(await verifyPasswordHash('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it('rejects malformed or absurd stored hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$1024$8$1$salt', 'bcrypt$1024$8$1$AAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAA', 'scrypt$1000$8$1$AAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAA', 'scrypt$1073741824$8$1$AAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await verifyPasswordHash('whatever12', bad)).toBe(false);
    }
  });

  it('says when a hash was made with another cost', async () => {
    const stored = await hashPassword('rehash me please', FAST_SCRYPT);
    expect(needsRehash(stored, FAST_SCRYPT)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });
});
