/**
 * `prayerwire backup` and `prayerwire restore` on real files: the backup has what a plain copy of a WAL database
 * misses, is checked and self-contained; a restore checks the file before anything is moved, keeps the replaced
 * database aside, and is refused while another process has the database open.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase, restoreDatabase } from '../../src/backup/index.js';
import { openDatabase } from '../../src/db/index.js';
import { addItems, countItems, seededDb, tempDir } from './helpers.js';
import { runMain } from '../helpers/run-main.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(BackupError);
    return (err as BackupError).code;
  }
};

const countIn = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  } catch {
    return 0; // the table itself may not be in the file yet
  } finally {
    db.close();
  }
};

describe('backupDatabase', () => {
  it('has the writes a plain copy of the file misses, because they are still in the WAL', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 20);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    addItems(db, 30);
    copyFileSync(join(dir, 'prayerwire.db'), join(dir, 'cp.db'));
    expect(countIn(join(dir, 'cp.db'))).toBe(20);

    const report = await backupDatabase(db, join(dir, 'backup.db'));
    expect(countIn(join(dir, 'backup.db'))).toBe(50);
    expect(report).toMatchObject({ file: join(dir, 'backup.db'), counts: { feeds: 1, items: 50, published: 0, users: 0 } });
    expect(report.migrations.at(-1)).toBe('0005_items_finished');
    expect(report.bytes).toBeGreaterThan(50 * 2000);
    // One self-contained file: no -wal beside it, rollback journal, no temporary files left.
    const backup = new Database(join(dir, 'backup.db'), { readonly: true });
    expect(backup.pragma('journal_mode', { simple: true })).toBe('delete');
    backup.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('backup.db'))).toEqual(['backup.db']);
    db.close();
  });

  it('refuses to overwrite an existing file unless forced', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 5);
    writeFileSync(join(dir, 'taken.db'), 'precious');
    await expect(backupDatabase(db, join(dir, 'taken.db'))).rejects.toThrow(/taken\.db already exists; choose another name or pass --force/);
    expect(readFileSync(join(dir, 'taken.db'), 'utf8')).toBe('precious');
    await backupDatabase(db, join(dir, 'taken.db'), { force: true });
    expect(countIn(join(dir, 'taken.db'))).toBe(5);
    // Not even --force replaces the database itself.
    await expect(backupDatabase(db, join(dir, '.', 'prayerwire.db'), { force: true })).rejects.toThrow(/is the database itself/);
    expect(countItems(db)).toBe(5);
    db.close();
  });
});

describe('restoreDatabase', () => {
  let holder: ChildProcess | null = null;
  afterEach(() => {
    holder?.kill();
    holder = null;
  });

  async function backupOf(items: number) {
    const dir = tempDir();
    const db = seededDb(dir, items);
    const file = join(dir, 'backup.db');
    await backupDatabase(db, file);
    db.close();
    return file;
  }

  it('moves the current database aside and puts the backup in its place', async () => {
    const backup = await backupOf(7);
    const dir = tempDir();
    seededDb(dir, 3).close();
    const target = join(dir, 'prayerwire.db');
    const result = restoreDatabase(backup, target, { clock: () => Date.UTC(2025, 2, 1, 2, 0, 0) });
    expect(result.movedAside).toBe(`${target}.before-restore-20250301T020000Z`);
    expect(countIn(target)).toBe(7);
    expect(countIn(result.movedAside!)).toBe(3);
    expect(result.report.counts.items).toBe(7);
    // The restored file opens as usual, back in WAL mode.
    const db = openDatabase(target);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(countItems(db)).toBe(7);
    db.close();
    expect(readdirSync(dir).some((f) => f.includes('restoring'))).toBe(false);
  });

  it('restores into a place with no database yet', async () => {
    const backup = await backupOf(4);
    const target = join(tempDir(), 'sub', 'prayerwire.db');
    expect(restoreDatabase(backup, target).movedAside).toBeNull();
    expect(countIn(target)).toBe(4);
  });

  it('refuses files that are not sound prayerwire backups of this or an older version, touching nothing', async () => {
    const dir = tempDir();
    seededDb(dir, 3).close();
    const target = join(dir, 'prayerwire.db');
    const before = readdirSync(dir).sort();

    const newer = await backupOf(2);
    const raw = new Database(newer);
    raw.prepare("INSERT INTO schema_migrations (id) VALUES ('0099_from_the_future')").run();
    raw.close();
    expect(() => restoreDatabase(newer, target)).toThrow(/was written by a newer prayerwire \(it has migration 0099_from_the_future.*Upgrade prayerwire first/);

    const other = join(tempDir(), 'other.db');
    new Database(other).exec('CREATE TABLE notes (x)');
    expect(codeOf(() => restoreDatabase(other, target))).toBe('not_prayerwire');

    const text = join(tempDir(), 'notes.txt');
    writeFileSync(text, 'these are not the pages you are looking for '.repeat(200));
    expect(codeOf(() => restoreDatabase(text, target))).toBe('not_database');

    const damaged = await backupOf(60);
    const bytes = readFileSync(damaged);
    bytes.fill(0x5a, 20 * 4096, 24 * 4096);
    writeFileSync(damaged, bytes);
    expect(codeOf(() => restoreDatabase(damaged, target))).toBe('corrupt');

    expect(codeOf(() => restoreDatabase(join(dir, 'nope.db'), target))).toBe('missing');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(countIn(target)).toBe(3);
  });

  it('refuses while another process has the database open (a running server), and goes ahead once it stops', async () => {
    const backup = await backupOf(6);
    const dir = tempDir();
    seededDb(dir, 2).close();
    const target = join(dir, 'prayerwire.db');
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    holder = spawn(
      process.execPath,
      ['-e', `const D = require(${JSON.stringify(sqlite)}); const db = new D(${JSON.stringify(target)}); db.prepare('SELECT count(*) FROM items').get(); console.log('open'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder!.stdout!.once('data', resolve));
    expect(() => restoreDatabase(backup, target)).toThrow(/is open in another process \(a running server\?\)\. Stop it, then restore again/);
    expect(countIn(target)).toBe(2);
    const exited = new Promise((resolve) => holder!.once('exit', resolve));
    holder.kill();
    await exited;
    holder = null;
    expect(restoreDatabase(backup, target).movedAside).not.toBeNull();
    expect(countIn(target)).toBe(6);
  });

  it('refuses a copy that left part of its data in a -wal file beside it', async () => {
    const backup = await backupOf(2);
    writeFileSync(`${backup}-wal`, 'x'.repeat(100));
    expect(codeOf(() => restoreDatabase(backup, join(tempDir(), 'prayerwire.db')))).toBe('wal_beside');
  });
});

describe('the commands', () => {
  const run = runMain;

  it('backup reports the check, the schema and the counts; restore says where the old database went', async () => {
    const dir = tempDir();
    seededDb(dir, 12).close();
    const db = join(dir, 'prayerwire.db');
    const file = join(dir, 'backups', 'one.db');
    const backup = await run('backup', file, '--db', db);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/^Backed up .*prayerwire\.db to .*one\.db \(\d+\.\d MB, \d+\.\d s\)\. Integrity check: ok\.\n12 items \(0 published\), 1 feeds, 0 prayer notes, 0 users; schema 0005_items_finished$/);
    const again = await run('backup', file, '--db', db);
    expect(again).toMatchObject({ code: 1, err: expect.stringMatching(/already exists; choose another name or pass --force/) });
    expect((await run('backup', file, '--force', '--db', db)).code).toBe(0);
    expect((await run('backup', '--db', db)).code).toBe(2);
    expect((await run('backup', file, '--db', join(dir, 'missing.db'))).err).toMatch(/There is no database at .*missing\.db/);

    const restore = await run('restore', file, '--db', db);
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/Restored .*one\.db to .*prayerwire\.db\. Integrity check: ok\.\n12 items/);
    expect(restore.out).toMatch(/The database it replaced is now .*prayerwire\.db\.before-restore-\d{8}T\d{6}Z/);
    expect(existsSync(db)).toBe(true);
    expect((await run('restore', join(dir, 'none.db'), '--db', db))).toMatchObject({ code: 1, err: expect.stringMatching(/none\.db does not exist/) });
  });
});
