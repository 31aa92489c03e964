import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { deleteSpentSetupTokens, insertSetupToken, isSetupTokenUsable, markSetupTokenUsed } from '../../src/store/setup-tokens.js';
import { freshDb } from './helpers.js';

let db: Db;
const T0 = '2026-11-25T10:00:00.000Z';
const EXPIRES = '2026-11-26T10:00:00.000Z';

beforeEach(() => {
  db = freshDb();
});

describe('setup tokens', () => {
  it('is usable until it expires (exclusive) or is used', () => {
    insertSetupToken(db, { tokenHash: 'h1', createdAt: T0, expiresAt: EXPIRES });
    expect(isSetupTokenUsable(db, 'h1', T0)).toBe(true);
    expect(isSetupTokenUsable(db, 'h1', EXPIRES)).toBe(false);
    expect(isSetupTokenUsable(db, 'other', T0)).toBe(false);
    markSetupTokenUsed(db, 'h1', T0);
    expect(isSetupTokenUsable(db, 'h1', T0)).toBe(false);
  });

  it('deletes used and expired tokens, keeps live ones', () => {
    insertSetupToken(db, { tokenHash: 'live', createdAt: T0, expiresAt: EXPIRES });
    insertSetupToken(db, { tokenHash: 'used', createdAt: T0, expiresAt: EXPIRES });
    insertSetupToken(db, { tokenHash: 'expired', createdAt: '2026-11-20T10:00:00.000Z', expiresAt: T0 });
    markSetupTokenUsed(db, 'used', T0);
    deleteSpentSetupTokens(db, T0);
    expect((db.prepare('SELECT token_hash FROM setup_tokens').pluck().all() as string[])).toEqual(['live']);
  });
});
