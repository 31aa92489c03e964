/** `prayerwire serve` (what `npm start` runs): the web server and the poller on its schedule, feeds.yml watched. */
import { serve } from '@hono/node-server';
import { watchConfig } from '../config/index.js';
import { createLogger } from '../log/create-logger.js';
import { openContext, type AppContext } from '../main.js';
import { startPoller, type RunningPoller } from '../poller/index.js';
import { startExtractionQueue } from '../ingest/extraction-queue.js';
import { createWebApp } from '../web/app.js';
import { ensureSetupLink } from '../accounts/index.js';
import { parseCommand, parsePositiveInt, resolvePaths, type Env } from './args.js';
import type { CommandIo } from './io.js';

export const serveUsage = `prayerwire serve [--port N] [--host ADDR] [--config FILE] [--db FILE] [--no-poll]
  Runs the web server (port from --port, PORT, default 8080) and the poller; edits to feeds.yml apply without restart.`;

/** The server could not listen: the port is taken, or the address or port is not allowed. */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: 'address_in_use' | 'address_not_available' | 'permission_denied' | 'listen_failed',
  ) {
    super(message);
  }
}

function listenError(err: unknown, host: string, port: number): ListenError {
  const where = `${host}:${port}`;
  const sysCode = (err as NodeJS.ErrnoException).code;
  if (sysCode === 'EADDRINUSE') return new ListenError(`Cannot listen on ${where}: the port is already in use (another prayerwire?). Stop that program, or pick another port with --port N or PORT.`, 'address_in_use');
  if (sysCode === 'EACCES') return new ListenError(`Cannot listen on ${where}: permission denied (ports below 1024 need privileges). Pick another port with --port N or PORT.`, 'permission_denied');
  if (sysCode === 'EADDRNOTAVAIL' || sysCode === 'ENOTFOUND') return new ListenError(`Cannot listen on ${where}: this machine has no such address. Check --host.`, 'address_not_available');
  return new ListenError(`Cannot listen on ${where}: ${(err as Error).message}`, 'listen_failed');
}

export interface RunningServer {
  ctx: AppContext;
  port: number;
  /** One-time first-admin link, when no account exists. */
  setupLink: string | null;
  stop(): Promise<void>;
}

export interface ServerOptions {
  paths: { config: string; db: string };
  port: number;
  host: string;
  poll: boolean;
  logLevel?: string;
  /** Where the first-run setup link is announced (default: standard error, for the person who started it). */
  announce?: (text: string) => void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = createLogger({ level: options.logLevel ?? 'info' });
  const ctx = openContext(options.paths, { log });
  let app: ReturnType<typeof createWebApp> | null = null;
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: (req) => app!.fetch(req), port: options.port, hostname: options.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    await ctx.close();
    throw listenError(err, options.host, options.port);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const baseUrl = ctx.config.settings.baseUrl ?? `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  let poller: RunningPoller | null = null;
  app = createWebApp({ ctx, startedAt: Date.now(), baseUrl, pollNow: options.poll ? (id) => poller?.pollNow(id) ?? null : undefined });
  log.info(`prayerwire listening on ${baseUrl}/`);
  // Announced before polling starts, so the link is not buried under the first poll's log lines.
  const setupLink = ensureSetupLink(ctx.db, baseUrl);
  if (setupLink) {
    const announce = options.announce ?? ((text: string) => void process.stderr.write(text));
    announce(`\n  No account exists yet. Open this one-time link to create the first admin:\n\n    ${setupLink}\n\n`);
  }
  // Catch up on items a crash or stop left unfinished; those still pending are finished by the queue below.
  ctx.finishOwedItems();
  const extraction = startExtractionQueue(ctx.extractDeps, (ids) => ctx.finishNewItems(ids));
  if (options.poll) poller = startPoller(ctx.deps, (outcome) => extraction.enqueue(outcome.newItemIds));
  const watcher = watchConfig(
    ctx.config.file,
    (config) => {
      ctx.applyConfig(config);
      poller?.wake();
    },
    (err) => log.error(`${err.message}\nThe previous configuration stays in force until the file is fixed.`),
  );
  return {
    ctx,
    port,
    setupLink,
    async stop() {
      watcher.close();
      await poller?.stop();
      await extraction.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await ctx.close();
    },
  };
}

export async function serveCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { port: { type: 'string' }, host: { type: 'string' }, 'no-poll': { type: 'boolean' } });
  if (values.help) return io.out(serveUsage), 0;
  const port = parsePositiveInt(values.port ?? env.PORT, 'port') ?? 8080;
  const running = await startServer({ paths: resolvePaths(values, env), port, host: values.host ?? '0.0.0.0', poll: !values['no-poll'] });
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
