/**
 * The web's OperationsPort over an open app: the /healthz checks (a rolled-back write on the app's connection, the
 * poller's own timestamps, statfs of the database's directory) and the app's metrics registry.
 */
import { dirname } from 'node:path';
import { probeWritable } from '../db/index.js';
import { createHealthCheck, type HealthLimits, type PollerStatus } from '../metrics/index.js';
import type { OperationsPort } from '../ports/index.js';
import type { App } from './create-app.js';

export interface OperationsOptions {
  /**
   * The running poller's status: a function when this process polls (it may return null while the poller is not
   * started yet), absent when it does not (`serve --no-poll`, the tests' apps).
   */
  pollerStatus?: () => PollerStatus | null;
  clock?: () => number;
  limits?: Partial<HealthLimits>;
}

export function createOperations(app: Pick<App, 'db' | 'metrics'>, options: OperationsOptions = {}): OperationsPort {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const { pollerStatus } = options;
  const notStarted = (): PollerStatus => ({ startedAt, lastTickAt: null, lastPollDoneAt: null, nextDueAt: null, polling: 0 });
  const health = createHealthCheck({
    probeDatabase: () => probeWritable(app.db),
    poller: pollerStatus ? () => pollerStatus() ?? notStarted() : null,
    dataDir: app.db.memory ? null : dirname(app.db.name),
    clock,
    limits: options.limits,
  });
  return {
    health,
    metricsText: () => app.metrics.render(),
    observeRequest: (method, route, status, seconds) => app.metrics.httpRequest(method, route, status, seconds),
  };
}
