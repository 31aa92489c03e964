/**
 * A backup taken while curators write: every write acknowledged before the backup started is in it, the copy
 * restores to a sound database, and the writers were never stopped. Once with the writer in another process (the
 * CLI beside a running server), once with writes through the very connection being backed up, in small steps
 * (the server's own schedule).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/backup/index.js';
import { createCurator } from '../../src/curate/index.js';
import { openDatabase, type Db } from '../../src/db/index.js';
import { checkIntegrity } from '../../src/store/backup.js';
import { seededDb, tempDir } from './helpers.js';

/** Restores `backup` to a new place and returns the restored database, checked. */
function restored(backup: string): Db {
  const file = join(tempDir(), 'restored.db');
  restoreDatabase(backup, file);
  const db = openDatabase(file);
  expect(checkIntegrity(db)).toEqual([]);
  return db;
}

describe('a backup while curators write', () => {
  it('has every write acknowledged before it started, with the writer in another process', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 400);
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    // The writer: one audit row per transaction, acknowledged on stdout once committed.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(sqlite)});
         const db = new D(${JSON.stringify(join(dir, 'prayerwire.db'))}, { timeout: 5000 });
         db.pragma('journal_mode = WAL');
         const insert = db.prepare("INSERT INTO audit_log (item_id, actor, action, after, at) VALUES (?, 'anna', 'note', ?, ?)");
         const write = () => {
           const id = db.transaction(() => insert.run(1 + Math.floor(Math.random() * 400), JSON.stringify({ points: ['x'.repeat(200)] }), new Date().toISOString()).lastInsertRowid).immediate();
           process.stdout.write('ack ' + id + '\\n');
           setImmediate(write);
         };
         write();`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acked = 0;
    let buffered = '';
    writer.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) acked = Math.max(acked, Number(line.slice(4)));
    });
    try {
      while (acked < 200) await new Promise((r) => setTimeout(r, 20));
      const ackedBefore = acked;
      await backupDatabase(db, join(dir, 'backup.db'));
      const ackedAfter = acked;
      while (acked < ackedAfter + 50) await new Promise((r) => setTimeout(r, 20));

      const copy = restored(join(dir, 'backup.db'));
      const ids = copy.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[];
      expect(ids.length).toBeGreaterThanOrEqual(ackedBefore);
      expect(ids.slice(0, ackedBefore)).toEqual(Array.from({ length: ackedBefore }, (_, i) => i + 1));
      expect(copy.prepare('SELECT count(*) FROM items').pluck().get()).toBe(400);
      // The copy is a snapshot: the writer went on after it, and those writes are not in it.
      expect(ids.at(-1)!).toBeLessThan(acked);
      copy.close();
    } finally {
      writer.kill();
      db.close();
    }
  });

  it('has the curators’ writes through the connection it copies from, taken in small steps', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 300);
    const curator = createCurator({ db, settings: () => ({ requireCountryAndNote: true }), idHost: 'prayer.example.org' }).as('anna');
    const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    const done: number[] = [];
    let running = true;
    const curate = () => {
      if (!running || done.length === ids.length) return;
      const id = ids[done.length]!;
      curator.setCountries(id, ['NG']);
      curator.setNote(id, { points: [`Pray for the people of story ${id}`] });
      curator.publish(id);
      done.push(id);
      setImmediate(curate);
    };
    curate();
    while (done.length < 20) await new Promise((r) => setImmediate(r));
    const before = done.length;
    await backupDatabase(db, join(dir, 'backup.db'), { pagesPerStep: 5 });
    const after = done.length;
    running = false;
    expect(after).toBeGreaterThan(before);

    const copy = restored(join(dir, 'backup.db'));
    const published = copy.prepare("SELECT id FROM items WHERE status = 'published' ORDER BY id").pluck().all() as number[];
    expect(published.slice(0, before)).toEqual(done.slice(0, before));
    // Writes through the same connection go into the copy as they happen: all of them are there.
    expect(published).toEqual(done.slice(0, after));
    const notes = copy.prepare('SELECT count(*) FROM prayer_notes').pluck().get();
    expect(notes).toBe(after);
    copy.close();
    db.close();
  });
});
