/** SQL for backups and restores: checking a database file, what schema it has, how much is in it, who holds it. */
import type { Db } from '../db/index.js';

/** `PRAGMA integrity_check` (or the cheaper `quick_check`): the problems found, empty when the file is sound. */
export function checkIntegrity(db: Db, quick = false): string[] {
  const rows = db.pragma(quick ? 'quick_check' : 'integrity_check') as Record<string, string>[];
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

/** The migration ids recorded in the file, in order; null when it has no `schema_migrations` table. */
export function listAppliedMigrations(db: Db): string[] | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return null;
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
}

/** Rows of the tables that say what a database holds (missing tables are left out). */
export function countContents(db: Db): Record<string, number> {
  const queries: [name: string, table: string, where: string][] = [
    ['feeds', 'feeds', ''],
    ['items', 'items', ''],
    ['published', 'items', "WHERE status = 'published'"],
    ['notes', 'prayer_notes', ''],
    ['users', 'users', ''],
  ];
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const [name, table, where] of queries) {
    if (tables.has(table)) counts[name] = db.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck().get() as number;
  }
  return counts;
}

/** Makes the file a single self-contained database (rollback journal), so it can be copied on its own. */
export function useRollbackJournal(db: Db): void {
  db.pragma('journal_mode = DELETE');
}

