/**
 * `startServer`: the whole running prayerwire (what `prayerwire serve` starts): the app, the web server, the
 * extraction queue, the poller on its schedule, and feeds.yml watched (a reload swaps the runtime, then wakes the
 * poller). `stopOnSignals`: the orderly, quick stop on SIGINT / SIGTERM.
 *
 * Stopping takes seconds, not the length of the backlog: no new connection, poll or extraction starts; the fetches
 * and extractions in flight are cancelled (their feeds are deferred and their items stay pending, nothing is
 * recorded as failed, and the next start picks them up); writes already running are synchronous transactions and
 * finish; then the write-ahead log is folded into the database file and the database closed.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { ensureSetupLink } from '../accounts/index.js';
import { watchConfig } from '../config/index.js';
import { startBackupSchedule } from '../backup/index.js';
import { startExtractionQueue } from '../ingest/extraction-queue.js';
import { createLogger, type Logger } from '../log/create-logger.js';
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
  /**
   * Stops quickly (see the module comment): stops accepting connections, cancels polls and extractions in flight
   * (they resume at the next start), waits for the writes under way, checkpoints and closes the database. Open
   * HTTP requests get `graceMs` (default 1 000) to finish before their connections are closed. Calling it again
   * returns the same promise.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
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
  /** Pauses of the writers when the database cannot be written (tests shorten them); default 5 s doubling to 5 min. */
  storageBackoff?: { initialMs: number; maxMs: number };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Stops accepting connections; idle keep-alive ones close now, busy ones after `graceMs`. */
function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = createLogger({ level: options.logLevel ?? 'info', format: options.logFormat });
  const app = openApp(options.paths, { log, storageBackoff: options.storageBackoff });
  let web: WebApp | null = null;
  const answer = async (req: Request, env: unknown): Promise<Response> => {
    const res = await web!.fetch(req, env);
    // A write request that succeeded while the database was failing: it takes writes again (/health clears even
    // when no poller runs to find out).
    if (app.storage.failing() && !SAFE_METHODS.has(req.method) && res.status < 400) app.storage.recovered();
    return res;
  };
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      // env carries the Node request: without it every client is "unknown" and one address could lock everyone out.
      const s = serve({ fetch: (req, env) => answer(req, env), port: options.port, hostname: options.host }, () => resolve(s));
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
  const storage = app.storage;
  const extraction = startExtractionQueue(app.extraction, (ids) => app.finishNewItems(ids), { storage });
  if (options.poll) poller = startPoller(app.ingest, (outcome) => extraction.enqueue(outcome.newItemIds), { storage });
  app.metrics.readFrom({ extractionQueue: () => extraction.pending(), pollsRunning: () => poller?.status().polling ?? 0 });
  let backups = startBackupSchedule({ db: app.db, settings: app.current().config.settings, log });
  const watcher = watchConfig(
    app.current().config.file,
    (config) => {
      const backupBefore = JSON.stringify(app.current().config.settings.backup);
      try {
        app.reload(config);
      } catch (err) {
        // Logged once by `storage`; the previous configuration stays in force.
        if (storage.report(err)) return;
        throw err;
      }
      poller?.wake();
      if (JSON.stringify(config.settings.backup) !== backupBefore) {
        const previous = backups;
        backups = startBackupSchedule({ db: app.db, settings: config.settings, log });
        void previous.stop();
      }
    },
    (err) => log.error(`${err.message}\nThe previous configuration stays in force until the file is fixed.`),
  );
  let stopping: Promise<void> | null = null;
  const stop = async (graceMs: number) => {
    watcher.close();
    const closed = closeHttpServer(server as Server, graceMs);
    // Nothing new starts (each sets its flag before its first await) ...
    const halted = [poller ? poller.stop() : Promise.resolve(), extraction.stop(), backups.stop()];
    // ... and what runs is cancelled: fetches end 'aborted', pages 'cancelled'; feeds deferred, items left pending.
    app.cancel();
    await Promise.allSettled(halted);
    await closed;
    if (metricsServer) await closeHttpServer(metricsServer as Server, graceMs);
    await app.close();
  };
  return {
    app,
    port,
    setupLink,
    stop(stopOptions = {}) {
      stopping ??= stop(stopOptions.graceMs ?? 1000);
      return stopping;
    },
  };
}

export interface StopOnSignalsOptions {
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** An orderly stop that takes longer than this exits anyway (default 9 000 ms, within a 10 s supervisor limit). */
  deadlineMs?: number;
  /** How the process ends early (a second signal, the deadline); default `process.exit`. */
  exit?: (code: number) => void;
}

const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Resolves once the server has stopped after the first SIGINT or SIGTERM. Logs one line when it starts stopping
 * and one when it has stopped. A second signal exits at once (130 for SIGINT, 143 for SIGTERM); a stop that passes
 * the deadline exits with 1. Either way the database is consistent: writes are transactions, and the items not
 * extracted stay pending.
 */
export function stopOnSignals(running: Pick<RunningServer, 'stop'>, options: StopOnSignalsOptions): Promise<void> {
  const { log } = options;
  const deadlineMs = options.deadlineMs ?? 9_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  return new Promise<void>((resolve, reject) => {
    let first: NodeJS.Signals | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      if (first) {
        log.warn(`${signal} again: exiting now, without waiting for the stop to finish (unfinished work resumes at the next start)`);
        return exit(SIGNAL_EXIT_CODES[signal] ?? 1);
      }
      first = signal;
      const started = Date.now();
      log.info(`${signal} received: stopping (polls and extractions in flight are cancelled and resume at the next start; ${signal === 'SIGINT' ? 'Ctrl-C again' : 'a second signal'} exits at once)`);
      const deadline = setTimeout(() => {
        log.error(`did not stop within ${deadlineMs / 1000} s; exiting anyway (unfinished work resumes at the next start)`);
        exit(1);
      }, deadlineMs);
      deadline.unref();
      running.stop().then(
        () => {
          clearTimeout(deadline);
          for (const s of signals) process.off(s, onSignal);
          log.info(`stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          resolve();
        },
        (err: unknown) => {
          clearTimeout(deadline);
          for (const s of signals) process.off(s, onSignal);
          reject(err as Error);
        },
      );
    };
    for (const s of signals) process.on(s, onSignal);
  });
}
