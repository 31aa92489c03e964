/** The `prayerwire` command: dispatches to one module per command. */
import { ConfigError } from '../config/index.js';
import { MigrationError, StorageError, toStorageError } from '../db/index.js';
import { UnknownFeedError } from '../poller/index.js';
import { resolvePaths, UsageError, type Env } from './args.js';
import { feedsCommand, feedsUsage, itemCommand, itemsCommand, itemsUsage, itemUsage } from './inspect.js';
import { processIo, type CommandIo } from './io.js';
import { pollCommand, pollUsage } from './poll.js';
import { ListenError } from '../app/index.js';
import { serveCommand, serveUsage } from './serve.js';
import { demoCommand, demoUsage } from './demo.js';
import { extractCommand, extractUsage } from './extract.js';
import { exportCommand, exportUsage } from './export.js';
import { tokenCommand, tokenUsage, userCommand, userUsage } from './user.js';
import { backupCommand, backupUsage, restoreCommand, restoreUsage } from './backup.js';
import { exportDataCommand, exportDataUsage, importDataCommand, importDataUsage } from './data.js';

type Command = (argv: string[], env: Env, io: CommandIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  serve: { run: serveCommand, usage: serveUsage },
  poll: { run: pollCommand, usage: pollUsage },
  feeds: { run: feedsCommand, usage: feedsUsage },
  items: { run: itemsCommand, usage: itemsUsage },
  item: { run: itemCommand, usage: itemUsage },
  extract: { run: extractCommand, usage: extractUsage },
  user: { run: userCommand, usage: userUsage },
  token: { run: tokenCommand, usage: tokenUsage },
  export: { run: exportCommand, usage: exportUsage },
  demo: { run: demoCommand, usage: demoUsage },
  backup: { run: backupCommand, usage: backupUsage },
  restore: { run: restoreCommand, usage: restoreUsage },
  'export-data': { run: exportDataCommand, usage: exportDataUsage },
  'import-data': { run: importDataCommand, usage: importDataUsage },
};

export function registerCommand(name: string, run: Command, usage: string): void {
  COMMANDS[name] = { run, usage };
}

function help(): string {
  return `prayerwire: news aggregation and curation for informed prayer

Commands:
${Object.values(COMMANDS).map((c) => c.usage.split('\n').map((l) => `  ${l}`).join('\n')).join('\n\n')}

Defaults: --config ./feeds.yml (or PRAYERWIRE_CONFIG), --db ./data/prayerwire.db (or PRAYERWIRE_DB).`;
}

/** Runs one command; returns the process exit code. Known errors print a message, not a stack. */
export async function main(argv: string[], env: Env = process.env, io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') return io.out(help()), name ? 0 : 2;
  const command = COMMANDS[name];
  if (!command) return io.err(`unknown command "${name}"\n\n${help()}`), 2;
  try {
    return await command.run(rest, env, io);
  } catch (err) {
    if (err instanceof ConfigError) return io.err(`Configuration error in ${err.message}`), 1;
    if (err instanceof UsageError) return io.err(`${err.message}\n\n${command.usage}`), 2;
    if (err instanceof MigrationError || err instanceof UnknownFeedError || err instanceof ListenError) return io.err(err.message), 1;
    // The database or its disk (full, read-only, unopenable, damaged): one sentence naming the file, not a stack.
    const storage = err instanceof StorageError ? err : toStorageError(err, dbPathOf(rest, env));
    if (storage) return io.err(storage.message), 1;
    throw err;
  }
}

/** The database a command works on (its --db, else PRAYERWIRE_DB, else the default), for an error that does not name it. */
function dbPathOf(argv: string[], env: Env): string {
  const at = argv.findIndex((a) => a === '--db' || a.startsWith('--db='));
  const arg = at < 0 ? undefined : argv[at]!.startsWith('--db=') ? argv[at]!.slice(5) : argv[at + 1];
  return resolvePaths({ db: arg }, env).db;
}
