/** A fresh database file with the real migrations, and a cheap scrypt cost so tests stay fast. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/index.js';
import type { ScryptParams } from '../../src/accounts/index.js';

/** N=2^10 instead of 2^15: same code path, ~1/32 of the work. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

export function freshDb(prefix = 'pw-accounts-'): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), prefix)), 'test.db'));
}
