/** Databases with some content for the backup tests: real migrations, a real file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/index.js';

export const tempDir = (prefix = 'pw-backup-') => mkdtempSync(join(tmpdir(), prefix));

/** Adds `count` items (with a few KB of text each, so the file spans many pages) to the one feed. */
export function addItems(db: Db, count: number, from = db.prepare('SELECT count(*) FROM items').pluck().get() as number): void {
  const feedId = (db.prepare('SELECT id FROM feeds').pluck().get() as number | undefined) ??
    Number(db.prepare("INSERT INTO feeds (name, url) VALUES ('Mission News', 'https://news.example.org/feed.xml')").run().lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO items (url, title, summary, article_text, first_seen_at, sort_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const source = db.prepare('INSERT INTO item_sources (item_id, feed_id, entry_key, title, content_hash, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = from; i < from + count; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const id = insert.run(`https://news.example.org/${i}`, `Story ${i}`, `Summary of story ${i}`, `Text of story ${i}. `.repeat(100), at, at, `h${i}`).lastInsertRowid;
      source.run(id, feedId, `e${i}`, `Story ${i}`, `h${i}`, at, at);
    }
  })();
}

/** A database file at `dir/prayerwire.db` with one feed and `items` items; returns the open connection. */
export function seededDb(dir: string, items = 20): Db {
  const db = openDatabase(join(dir, 'prayerwire.db'));
  addItems(db, items);
  return db;
}

export const countItems = (db: Db) => db.prepare('SELECT count(*) FROM items').pluck().get() as number;
