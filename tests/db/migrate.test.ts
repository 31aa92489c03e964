import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, MigrationError, openDatabase } from '../../src/db/index.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'pw-db-')), 'test.db');

describe('migrations', () => {
  it('applies every migration once, in order, and records them', () => {
    const file = tempDb();
    const db = openDatabase(file);
    const ids = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(listMigrations().map((m) => m.id));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer version, saying what to do', () => {
    const file = tempDb();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (id) VALUES (?)').run('9999_from_the_future');
    raw.close();
    expect(() => openDatabase(file)).toThrow(MigrationError);
    expect(() => openDatabase(file)).toThrow(/newer prayerwire.*9999_from_the_future.*Upgrade prayerwire/);
  });

  it('rolls back a failing migration and records nothing for it', () => {
    const db = new Database(':memory:');
    const bad = [{ id: '0001_ok', sql: 'CREATE TABLE a (x)' }, { id: '0002_bad', sql: 'CREATE TABLE b (y); INSERT INTO nope VALUES (1);' }];
    expect(() => migrate(db, bad)).toThrow(/no such table: nope/);
    const ids = (db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(['0001_ok']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });
});
