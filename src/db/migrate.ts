/**
 * Forward-only migrations: `migrations/NNNN_description.sql`, applied in order, each in its own transaction,
 * ids recorded in `schema_migrations`. Refuses a database whose applied ids are not a prefix of the files
 * (written by a newer or a diverged version). Before changing an existing database it copies it next to itself
 * (`<db>.pre-migration-<ids>.db`), so an upgrade that goes wrong can be undone by putting that file back.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export class MigrationError extends Error {
  readonly code = 'migration';
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface Migration {
  id: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ''), sql: readFileSync(`${dir}/${f}`, 'utf8') }));
}

export interface MigrateOptions {
  /** Copy an existing database before applying migrations to it (default true). */
  backup?: boolean;
  /** Where the notice of that copy goes (default: a line on stderr). */
  log?: (message: string) => void;
  clock?: () => number;
}

const logToStderr = (message: string) => void process.stderr.write(`${message}\n`);

/**
 * Where the copy made before applying `pending` to `file` goes: `<file>.pre-migration-0004-0005.db`, or with the
 * time added when that name is taken (an earlier attempt whose copy must not be overwritten).
 */
export function preMigrationBackupPath(file: string, pending: string[], now = Date.now()): string {
  const ids = pending.map((id) => id.split('_')[0]).join('-');
  const plain = `${file}.pre-migration-${ids}.db`;
  if (!existsSync(plain)) return plain;
  return `${file}.pre-migration-${ids}-${new Date(now).toISOString().replace(/[-:]|\.\d+/g, '')}.db`;
}

/** Applies pending migrations; returns the ids applied now. */
export function migrate(db: Database.Database, migrations = listMigrations(), options: MigrateOptions = {}): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
  )`);
  const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const known = migrations.map((m) => m.id);
  for (const [i, id] of applied.entries()) {
    if (known[i] !== id) {
      const newer = !known.includes(id);
      throw new MigrationError(
        newer
          ? `Database ${db.name} was written by a newer prayerwire (it has migration ${id}, which this version does not know). ` +
              'Upgrade prayerwire, or point --db at another file.'
          : `Database ${db.name} has migrations applied out of order (${applied.join(', ')}); expected a prefix of ${known.join(', ')}.`,
      );
    }
  }
  const pending = migrations.slice(applied.length);
  if (pending.length && applied.length && options.backup !== false && db.name && db.name !== ':memory:' && !db.readonly) {
    const copy = preMigrationBackupPath(db.name, pending.map((m) => m.id), options.clock?.());
    // VACUUM INTO writes a consistent, compact copy in one statement (it sees committed WAL content too).
    db.prepare('VACUUM INTO ?').run(copy);
    (options.log ?? logToStderr)(
      `Saved a copy of ${db.name} as ${copy} before applying migration${pending.length > 1 ? 's' : ''} ` +
        `${pending.map((m) => m.id).join(', ')} (it was at ${applied.at(-1)}). To go back to the previous version, restore that copy.`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (id) VALUES (?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id);
    }).immediate();
  }
  return pending.map((m) => m.id);
}
