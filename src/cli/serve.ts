/** `prayerwire serve` (what `npm start` runs): the web server and the poller on its schedule, feeds.yml watched. */
import { startServer } from '../app/index.js';
import { parseCommand, parsePositiveInt, resolvePaths, type Env } from './args.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export { startServer, ListenError, type RunningServer, type ServerOptions } from '../app/index.js';

export const serveUsage = `prayerwire serve [--port N] [--host ADDR] [--config FILE] [--db FILE] [--no-poll]
  Runs the web server (port from --port, PORT, default 8080) and the poller; edits to feeds.yml apply without restart.`;

export async function serveCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { port: { type: 'string' }, host: { type: 'string' }, 'no-poll': { type: 'boolean' } });
  if (values.help) return io.out(serveUsage), 0;
  const port = parsePositiveInt(values.port ?? env.PORT, 'port') ?? 8080;
  const running = await startServer({ paths: resolvePaths(values, env), port, host: values.host ?? '0.0.0.0', poll: !values['no-poll'], logFormat: env.PRAYERWIRE_LOG_FORMAT });
  await waitForSignal();
  await running.stop();
  return 0;
}

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const serveCommands: Commands = { serve: { run: serveCommand, usage: serveUsage } };
