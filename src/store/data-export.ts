/**
 * SQL for export-data / import-data: whole tables row by row, in a stable order. Table names come from the
 * data-export module's fixed list, column names from the table itself (never from the file being imported).
 */
import type { Db } from '../db/index.js';
import { stmt } from './statements.js';

export type Row = Record<string, unknown>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The columns of a table, in their order. */
export function listColumns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
}

/** The ordinary tables of the database (not SQLite's own, not the full-text index's shadow tables). */
export function listTables(db: Db): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const virtual = rows.map((r) => r.name).filter((name) => /CREATE VIRTUAL TABLE/i.test(tableSql(db, name)));
  return rows.map((r) => r.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

function tableSql(db: Db, table: string): string {
  return (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string | null) ?? '';
}

/** Every row of `table` ordered by `orderBy` (its key columns), one at a time. */
export function iterateRows(db: Db, table: string, orderBy: string[]): IterableIterator<Row> {
  return db.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${orderBy.map(quote).join(', ')}`).iterate() as IterableIterator<Row>;
}

export function countRows(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${quote(table)}`).pluck().get() as number;
}

/** Inserts one row; `replace` overwrites a row with the same key (for single-row tables a migration seeded). */
export function insertRow(db: Db, table: string, row: Row, replace = false): void {
  const columns = Object.keys(row);
  const sql = `INSERT${replace ? ' OR REPLACE' : ''} INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  stmt(db, sql).run(...columns.map((c) => row[c]));
}
