/**
 * `startServer`: the whole running prayerwire (what `prayerwire serve` starts): the app, the web server, the
 * extraction queue, the poller on its schedule, and feeds.yml watched (a reload swaps the runtime, then wakes the
 * poller).
 */
import { serve } from '@hono/node-server';
import { ensureSetupLink } from '../accounts/index.js';
import { watchConfig } from '../config/index.js';
import { startBackupSchedule } from '../backup/index.js';
import { startExtractionQueue } from '../ingest/extraction-queue.js';
import { createLogger } from '../log/create-logger.js';
import { startPoller, type RunningPoller } from '../poller/index.js';
import type { WebApp } from '../web/app.js';
import { operationsApp } from '../web/operations.js';
import { buildWebApp, defaultReadWorkers, openApp, type App, type Paths } from './create-app.js';

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
  app: App;
  port: number;
  /** One-time first-admin link, when no account exists. */
  setupLink: string | null;
  stop(): Promise<void>;
}

export interface ServerOptions {
  paths: Paths;
  port: number;
  host: string;
  poll: boolean;
  logLevel?: string;
  /** `json`, `pretty` or absent (by terminal): PRAYERWIRE_LOG_FORMAT. */
  logFormat?: string;
  /** Where the first-run setup link is announced (default: standard error, for the person who started it). */
  announce?: (text: string) => void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = createLogger({ level: options.logLevel ?? 'info', format: options.logFormat });
  const app = openApp(options.paths, { log });
  let web: WebApp | null = null;
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      // env carries the Node request: without it every client is "unknown" and one address could lock everyone out.
      const s = serve({ fetch: (req, env) => web!.fetch(req, env), port: options.port, hostname: options.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    await app.close();
    throw listenError(err, options.host, options.port);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const baseUrl = app.current().config.settings.baseUrl ?? `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  let poller: RunningPoller | null = null;
  const built = buildWebApp(app, {
    baseUrl,
    pollNow: options.poll ? (id) => poller?.pollNow(id) ?? null : undefined,
    pollerStatus: options.poll ? () => poller?.status() ?? null : undefined,
    readWorkers: defaultReadWorkers(),
  });
  web = built.web;
  log.info(`prayerwire listening on ${baseUrl}/`);
  // Read at start, like baseUrl: a second address with /metrics and /healthz only, no login.
  const metricsAt = app.current().config.settings.metricsListen;
  let metricsServer: ReturnType<typeof serve> | null = null;
  if (metricsAt) {
    const ops = operationsApp(built.operations);
    try {
      metricsServer = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: ops.fetch, port: metricsAt.port, hostname: metricsAt.host }, () => resolve(s));
        s.once('error', reject);
      });
    } catch (err) {
      await new Promise<void>((r) => server.close(() => r()));
      await app.close();
      const { code } = listenError(err, metricsAt.host, metricsAt.port);
      throw new ListenError(`Cannot listen on ${metricsAt.host}:${metricsAt.port} (settings.metricsListen): ${(err as Error).message}. Change settings.metricsListen in feeds.yml.`, code);
    }
    log.info(`metrics and health on http://${metricsAt.host.includes(':') ? `[${metricsAt.host}]` : metricsAt.host}:${metricsAt.port}/metrics (settings.metricsListen)`);
  }
  // Announced before polling starts, so the link is not buried under the first poll's log lines.
  const setupLink = ensureSetupLink(app.db, baseUrl);
  if (setupLink) {
    const announce = options.announce ?? ((text: string) => void process.stderr.write(text));
    announce(`\n  No account exists yet. Open this one-time link to create the first admin:\n\n    ${setupLink}\n\n`);
  }
  // Catch up on items a crash or stop left unfinished; those still pending are finished by the queue below.
  app.finishOwedItems();
  const extraction = startExtractionQueue(app.extraction, (ids) => app.finishNewItems(ids));
  if (options.poll) poller = startPoller(app.ingest, (outcome) => extraction.enqueue(outcome.newItemIds));
  app.metrics.readFrom({ extractionQueue: () => extraction.pending(), pollsRunning: () => poller?.status().polling ?? 0 });
  let backups = startBackupSchedule({ db: app.db, settings: app.current().config.settings, log });
  const watcher = watchConfig(
    app.current().config.file,
    (config) => {
      const backupBefore = JSON.stringify(app.current().config.settings.backup);
      app.reload(config);
      poller?.wake();
      if (JSON.stringify(config.settings.backup) !== backupBefore) {
        const previous = backups;
        backups = startBackupSchedule({ db: app.db, settings: config.settings, log });
        void previous.stop();
      }
    },
    (err) => log.error(`${err.message}\nThe previous configuration stays in force until the file is fixed.`),
  );
  return {
    app,
    port,
    setupLink,
    async stop() {
      watcher.close();
      await poller?.stop();
      await extraction.stop();
      await backups.stop();
      await new Promise<void>((r) => server.close(() => r()));
      if (metricsServer) await new Promise<void>((r) => metricsServer!.close(() => r()));
      await app.close();
    },
  };
}
