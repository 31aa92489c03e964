/** The `prayerwire` command: dispatches to one module per command. */
import { ConfigError } from '../config/index.js';
import { MigrationError, StorageError, toStorageError } from '../db/index.js';
import { UnknownFeedError } from '../poller/index.js';
import { resolvePaths, UsageError, type Env } from './args.js';
import { processIo, type CommandIo } from './io.js';
import { ListenError } from '../app/index.js';
import type { CommandRunner, Commands } from './command.js';
import { serveCommands } from './serve.js';
import { pollCommands } from './poll.js';
import { inspectCommands } from './inspect.js';
import { extractCommands } from './extract.js';
import { userCommands } from './user.js';
import { exportCommands } from './export.js';
import { demoCommands } from './demo.js';
import { backupCommands } from './backup.js';
import { dataCommands } from './data.js';

/** Every command, in the order `prayerwire help` lists them; each module declares its own. */
const COMMANDS: Commands = {
  ...serveCommands, ...pollCommands, ...inspectCommands, ...extractCommands, ...userCommands,
  ...exportCommands, ...demoCommands, ...backupCommands, ...dataCommands,
};

export function registerCommand(name: string, run: CommandRunner, usage: string): void {
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
