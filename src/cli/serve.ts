/**
 * `prayerwire serve` (what `npm start` runs): the web server and the poller on its schedule, feeds.yml watched,
 * until SIGINT or SIGTERM (a quick, orderly stop; see stopOnSignals).
 */
import { startServer, stopOnSignals } from '../app/index.js';
import { parseCommand, parsePositiveInt, resolvePaths, type Env } from './args.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export { startServer, stopOnSignals, ListenError, type RunningServer, type ServerOptions } from '../app/index.js';

export const serveUsage = `prayerwire serve [--port N] [--host ADDR] [--config FILE] [--db FILE] [--no-poll]
  Runs the web server (port from --port, PORT, default 8080) and the poller; edits to feeds.yml apply without restart.
  SIGINT / SIGTERM stop it within seconds (work in flight resumes at the next start); a second signal exits at once.`;

export async function serveCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { port: { type: 'string' }, host: { type: 'string' }, 'no-poll': { type: 'boolean' } });
  if (values.help) return io.out(serveUsage), 0;
  const port = parsePositiveInt(values.port ?? env.PORT, 'port') ?? 8080;
  const running = await startServer({ paths: resolvePaths(values, env), port, host: values.host ?? '0.0.0.0', poll: !values['no-poll'], logFormat: env.PRAYERWIRE_LOG_FORMAT });
  await stopOnSignals(running, { log: running.app.log });
  return 0;
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const serveCommands: Commands = { serve: { run: serveCommand, usage: serveUsage } };
