/** `prayerwire export-data` and `prayerwire import-data`: curators' work as JSON Lines, to move or keep it. */
import { existsSync } from 'node:fs';
import { DataError, exportData, importData } from '../data-export/index.js';
import { openDatabase } from '../db/index.js';
import { parseCommand, resolvePaths, UsageError, type Env } from './args.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export const exportDataUsage = `prayerwire export-data --out FILE.jsonl [--with-secrets] [--force] [--db FILE]
  Writes feeds, items, sources, countries, prayer notes, publications, story groups, the audit log and users as
  JSON Lines (one object per line with a "type"). Password and API token hashes only with --with-secrets.`;

export const importDataUsage = `prayerwire import-data FILE.jsonl [--db FILE]
  Reads an export-data file into an empty database (refused otherwise), all or nothing. Users imported without
  secrets set a password with \`prayerwire user passwd NAME\`.`;

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');

function reportingDataErrors(io: CommandIo, fn: () => number): number {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DataError) return io.err(err.message), 1;
    throw err;
  }
}

export function exportDataCommand(argv: string[], env: Env, io: CommandIo): number {
  const { values, positionals } = parseCommand(argv, { out: { type: 'string' }, 'with-secrets': { type: 'boolean' }, force: { type: 'boolean' } }, true);
  if (values.help) return io.out(exportDataUsage), 0;
  if (positionals.length) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
  if (!values.out) throw new UsageError('--out FILE.jsonl is required');
  const out = values.out;
  const { db: dbFile } = resolvePaths(values, env);
  if (!existsSync(dbFile)) return io.err(`There is no database at ${dbFile}; pass --db FILE or set PRAYERWIRE_DB.`), 1;
  return reportingDataErrors(io, () => {
    const db = openDatabase(dbFile, { migrate: false, fileMustExist: true });
    try {
      const result = exportData(db, out, { withSecrets: values['with-secrets'], force: values.force });
      io.out(`Wrote ${out} (${Math.ceil(result.bytes / 1024)} KB): ${summary(result.counts)}.`);
      if (!values['with-secrets']) io.out('Without password hashes and API tokens (--with-secrets includes them; keep such a file private).');
      return 0;
    } finally {
      db.close();
    }
  });
}

export function importDataCommand(argv: string[], env: Env, io: CommandIo): number {
  const { values, positionals } = parseCommand(argv, {}, true);
  if (values.help) return io.out(importDataUsage), 0;
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('import-data needs a FILE.jsonl');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (!existsSync(file)) return io.err(`${file} does not exist.`), 1;
  const { db: dbFile } = resolvePaths(values, env);
  return reportingDataErrors(io, () => {
    const db = openDatabase(dbFile);
    try {
      const result = importData(db, file);
      io.out(`Imported ${file} into ${dbFile}: ${summary(result.counts)}.`);
      if (result.usersWithoutPassword.length) {
        io.out(`No passwords came with the users (${result.usersWithoutPassword.join(', ')}): set them with \`prayerwire user passwd NAME\`.`);
      }
      return 0;
    } finally {
      db.close();
    }
  });
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const dataCommands: Commands = {
  'export-data': { run: exportDataCommand, usage: exportDataUsage },
  'import-data': { run: importDataCommand, usage: importDataUsage },
};
