/**
 * `import-data`: reads an export-data file into an EMPTY database (refused otherwise: merging two databases'
 * ids is not supported), all or nothing in one transaction. Every line is checked: its type, that its fields are
 * columns of the table, that its values are plain text, numbers or null; the header's schema must be a prefix of
 * this version's migrations, and the final `end` line's counts must match what was read (a cut-off file is refused).
 * Rows keep their ids, so item pages, guids and feed URLs stay the same. Users exported without secrets get no
 * working password: `prayerwire user passwd NAME` sets one.
 *
 * @example
 * const { counts, usersWithoutPassword } = importData(db, './curation.jsonl');
 */
import { inTransaction, listMigrations, type Db } from '../db/index.js';
import { countRows, insertRow, listColumns, type Row } from '../store/data-export.js';
import type { DataHeader } from './export-data.js';
import { DataError } from './errors.js';
import { readLines } from './line-files.js';
import { DATA_FORMAT, DATA_FORMAT_VERSION, DATA_TABLES, NO_PASSWORD, type DataTable } from './tables.js';

export interface ImportDataOptions {
  /** The migration ids this version knows (default: migrations/*.sql). */
  knownMigrations?: string[];
}

export interface ImportDataResult {
  /** Rows imported per type. */
  counts: Record<string, number>;
  /** Users that came without a password hash. */
  usersWithoutPassword: string[];
}

/** What an empty database may already hold: nothing but rows the migrations seed. Throws DataError 'not_empty'. */
export function checkEmpty(db: Db): void {
  const filled = DATA_TABLES.filter((t) => !t.seeded)
    .map((t) => [t.table, countRows(db, t.table)] as const)
    .filter(([, n]) => n > 0);
  if (filled.length) {
    throw new DataError(
      'not_empty',
      `The database already holds data (${filled.map(([table, n]) => `${n} ${table}`).join(', ')}); import-data fills an empty one. ` +
        'Point --db at a new file (then move it in place, or `prayerwire restore` a backup of it).',
    );
  }
}

function checkHeader(value: unknown, known: string[]): DataHeader {
  const header = value as Partial<DataHeader> | null;
  if (header?.type !== 'header' || header.format !== DATA_FORMAT) {
    throw new DataError('invalid', `line 1: not a prayerwire export-data file (the first line should be its header, with format "${DATA_FORMAT}").`);
  }
  if (typeof header.version !== 'number' || header.version > DATA_FORMAT_VERSION) {
    throw new DataError('newer_schema', `line 1: format version ${String(header.version)} is newer than this prayerwire reads (${DATA_FORMAT_VERSION}); upgrade prayerwire.`);
  }
  const schema = Array.isArray(header.schema) ? header.schema.map(String) : [];
  const unknown = schema.find((id) => !known.includes(id));
  if (unknown) {
    throw new DataError('newer_schema', `line 1: the file comes from a newer prayerwire (schema ${unknown}, which this version does not know); upgrade prayerwire, then import it.`);
  }
  if (schema.some((id, i) => known[i] !== id)) throw new DataError('invalid', `line 1: schema ${schema.join(', ')} is not a prefix of ${known.join(', ')}.`);
  return header as DataHeader;
}

const isPlainValue = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

export function importData(db: Db, file: string, options: ImportDataOptions = {}): ImportDataResult {
  const known = options.knownMigrations ?? listMigrations().map((m) => m.id);
  const byType = new Map(DATA_TABLES.map((t) => [t.type, t]));
  const columns = new Map<DataTable, Set<string>>();
  const counts: Record<string, number> = {};
  const usersWithoutPassword: string[] = [];
  return inTransaction(db, () => {
    checkEmpty(db);
    let lineNo = 0;
    let header: DataHeader | null = null;
    let ended = false;
    for (const line of readLines(file)) {
      lineNo += 1;
      if (!line.trim()) continue;
      const fail = (message: string): never => {
        throw new DataError('invalid', `line ${lineNo}: ${message}`);
      };
      if (ended) fail('nothing may follow the "end" line');
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        fail(`not JSON (${(err as Error).message})`);
      }
      if (!header) {
        header = checkHeader(value, known);
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('expected a JSON object with a "type"');
      const { type, ...row } = value as Row & { type?: unknown };
      if (type === 'end') {
        const expected = (value as { counts?: Record<string, number> }).counts ?? {};
        const types = [...new Set([...Object.keys(expected), ...Object.keys(counts)])];
        const mismatch = types.filter((t) => (expected[t] ?? 0) !== (counts[t] ?? 0));
        if (mismatch.length) fail(`the file says it holds ${mismatch.map((t) => `${expected[t] ?? 0} ${t}`).join(', ')}, but ${mismatch.map((t) => `${counts[t] ?? 0}`).join(', ')} were read`);
        ended = true;
        continue;
      }
      const table = typeof type === 'string' ? byType.get(type) : undefined;
      if (!table) fail(`unknown type ${JSON.stringify(type)}; known: ${[...byType.keys()].join(', ')}`);
      const t = table!;
      let tableColumns = columns.get(t);
      if (!tableColumns) columns.set(t, (tableColumns = new Set(listColumns(db, t.table))));
      for (const [key, v] of Object.entries(row)) {
        if (!tableColumns.has(key)) fail(`${t.table} has no column "${key}"`);
        if (!isPlainValue(v)) fail(`${key} must be text, a number or null`);
      }
      if (t.table === 'users' && row.password_hash === undefined) {
        row.password_hash = NO_PASSWORD;
        usersWithoutPassword.push(String(row.name));
      }
      try {
        insertRow(db, t.table, row, t.seeded);
      } catch (err) {
        fail(`${t.type}: ${(err as Error).message}`);
      }
      counts[t.type] = (counts[t.type] ?? 0) + 1;
    }
    if (!header) throw new DataError('invalid', `${file} is empty.`);
    if (!ended) throw new DataError('truncated', `${file} ends after line ${lineNo} without its "end" line: the file is cut off. Nothing was imported.`);
    return { counts, usersWithoutPassword };
  });
}
