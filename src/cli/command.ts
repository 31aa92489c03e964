/** What a command module offers the dispatcher: its commands by name, each with its runner and usage text. */
import type { Env } from './args.js';
import type { CommandIo } from './io.js';

export type CommandRunner = (argv: string[], env: Env, io: CommandIo) => number | Promise<number>;

export interface Command {
  run: CommandRunner;
  /** Usage lines, shown by `prayerwire help` and `prayerwire NAME --help`. */
  usage: string;
}

export type Commands = Record<string, Command>;
