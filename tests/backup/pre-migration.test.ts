/**
 * The copy taken before migrations change an existing database: made only when there is something to lose, named
 * after the migrations, a faithful copy of the database as it was, and announced.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreDatabase } from '../../src/backup/index.js';
import { listMigrations, migrate, openDatabase } from '../../src/db/index.js';
import { tempDir } from './helpers.js';

/** A database file at the schema of the first three migrations, with a feed and an item in it. */
function oldDatabase(): string {
  const file = join(tempDir(), 'prayerwire.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, listMigrations().slice(0, 3));
  db.prepare("INSERT INTO feeds (name, url) VALUES ('Mission News', 'https://news.example.org/feed.xml')").run();
  db.prepare("INSERT INTO items (url, title, first_seen_at, sort_at, content_hash) VALUES ('https://news.example.org/1', 'Story', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'h')").run();
  db.close();
  return file;
}

describe('the copy before migrating', () => {
  it('saves the database as it was, next to it, and says so', () => {
    const file = oldDatabase();
    const messages: string[] = [];
    const db = openDatabase(file, { migrations: { log: (m) => messages.push(m) } });
    const copy = `${file}.pre-migration-0004-0005.db`;
    expect(existsSync(copy)).toBe(true);
    expect(messages).toEqual([
      `Saved a copy of ${file} as ${copy} before applying migrations 0004_curation, 0005_items_finished (it was at 0003_accounts). To go back to the previous version, restore that copy.`,
    ]);
    const old = new Database(copy, { readonly: true });
    expect(old.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all()).toEqual(listMigrations().slice(0, 3).map((m) => m.id));
    expect(old.prepare('SELECT title FROM items').pluck().all()).toEqual(['Story']);
    expect(old.pragma('integrity_check', { simple: true })).toBe('ok');
    old.close();
    // The migrated database has moved on; the copy can be restored (an older schema is accepted).
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(listMigrations().length);
    db.close();
    const back = join(tempDir(), 'back.db');
    expect(restoreDatabase(copy, back).report.migrations.at(-1)).toBe('0003_accounts');
  });

  it('is not made for a new database, an up-to-date one, or when turned off', () => {
    const messages: string[] = [];
    const log = (m: string) => messages.push(m);
    const fresh = join(tempDir(), 'new.db');
    openDatabase(fresh, { migrations: { log } }).close();
    openDatabase(fresh, { migrations: { log } }).close();
    const old = oldDatabase();
    openDatabase(old, { migrations: { log, backup: false } }).close();
    expect(messages).toEqual([]);
    for (const file of [fresh, old]) expect(readdirSync(join(file, '..')).filter((f) => f.includes('pre-migration'))).toEqual([]);
  });

  it('never overwrites the copy of an earlier attempt: the second gets the time in its name', () => {
    const file = oldDatabase();
    const log = () => {};
    const first = `${file}.pre-migration-0004-0005.db`;
    // An earlier attempt left its copy (say the migration failed and the operator went back).
    copyFileSync(file, first);
    const bytes = readFileSync(first);
    openDatabase(file, { migrations: { log, clock: () => Date.UTC(2025, 2, 1, 2, 0, 0) } }).close();
    expect(readdirSync(join(file, '..')).filter((f) => f.includes('pre-migration')).sort()).toEqual(
      ['prayerwire.db.pre-migration-0004-0005-20250301T020000Z.db', 'prayerwire.db.pre-migration-0004-0005.db'].sort(),
    );
    expect(readFileSync(first).equals(bytes)).toBe(true);
  });
});
