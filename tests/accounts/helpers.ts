/** A fresh database file with the real migrations, and a cheap scrypt cost so tests stay fast. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/index.js';
import { AccountError, type ScryptParams } from '../../src/accounts/index.js';
import { expect } from 'vitest';

/** N=2^10 instead of 2^15: same code path, ~1/32 of the work. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

export function freshDb(prefix = 'pw-accounts-'): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), prefix)), 'test.db'));
}

/** The AccountError code a promise rejects with (undefined when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(AccountError);
    return (err as AccountError).code;
  }
}
