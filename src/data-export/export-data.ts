/**
 * `export-data`: curators' work as JSON Lines, one object per line with a `type`: a header (format, version,
 * schema), then every row of the tables in DATA_TABLES (feeds, items with their status and story, sources,
 * countries, suggestions, prayer notes, publications, the audit log, users), then an `end` line with the counts, so
 * a cut-off file is noticed on import. Column values are written as stored (JSON columns stay strings), which is
 * what makes a round trip exact. Rows are read one at a time inside one read transaction: a consistent snapshot
 * while the server writes, and memory that does not grow with the database.
 *
 * @example
 * const { counts } = exportData(db, './curation.jsonl'); // { feed: 9, item: 412, … }
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/index.js';
import { listAppliedMigrations } from '../store/backup.js';
import { iterateRows } from '../store/data-export.js';
import { DataError } from './errors.js';
import { createLineWriter } from './line-files.js';
import { DATA_FORMAT, DATA_FORMAT_VERSION, DATA_TABLES } from './tables.js';

export interface ExportDataOptions {
  /** Include password hashes and API token hashes (default false). */
  withSecrets?: boolean;
  /** Replace an existing file (default: refuse). */
  force?: boolean;
  clock?: () => number;
}

export interface ExportDataResult {
  file: string;
  bytes: number;
  /** Lines written per type. */
  counts: Record<string, number>;
}

export interface DataHeader {
  type: 'header';
  format: typeof DATA_FORMAT;
  version: number;
  /** Migration ids of the database it came from. */
  schema: string[];
  exportedAt: string;
  withSecrets: boolean;
}

export function exportData(db: Db, file: string, options: ExportDataOptions = {}): ExportDataResult {
  if (resolve(file) === resolve(db.name)) throw new DataError('exists', `${file} is the database itself; write the export to another file.`);
  if (existsSync(file) && !options.force) throw new DataError('exists', `${file} already exists; choose another name or pass --force to replace it.`);
  const withSecrets = options.withSecrets ?? false;
  const partial = `${file}.partial-${randomBytes(4).toString('hex')}`;
  const out = createLineWriter(partial);
  const counts: Record<string, number> = {};
  try {
    db.transaction(() => {
      const header: DataHeader = {
        type: 'header',
        format: DATA_FORMAT,
        version: DATA_FORMAT_VERSION,
        schema: listAppliedMigrations(db) ?? [],
        exportedAt: new Date((options.clock ?? Date.now)()).toISOString(),
        withSecrets,
      };
      out.write(JSON.stringify(header));
      for (const t of DATA_TABLES) {
        if (t.secret && !withSecrets) continue;
        counts[t.type] = 0;
        for (const row of iterateRows(db, t.table, t.orderBy)) {
          if ('type' in row) throw new Error(`export-data: table ${t.table} has a column named "type", which the line format reserves`);
          if (!withSecrets) for (const column of t.secretColumns ?? []) delete row[column];
          out.write(JSON.stringify({ type: t.type, ...row }));
          counts[t.type]! += 1;
        }
      }
      out.write(JSON.stringify({ type: 'end', counts }));
    })();
    out.close();
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, counts };
  } catch (err) {
    try {
      out.close();
    } catch {
      // The first error is the one to report.
    }
    rmSync(partial, { force: true });
    throw err;
  }
}
