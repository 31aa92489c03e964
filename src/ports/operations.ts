/**
 * What the web's operations routes (/healthz, /metrics) need: the health check, the metrics text, and a place to
 * record each answered request. Built by the composition root (src/app/) over the database, the poller and the
 * metrics registry.
 */
import type { HealthReport } from '../metrics/health.js';

export type { HealthReport };

export interface OperationsPort {
  /** Runs the cheap health checks (O(1): no scan of items or feeds). */
  health(): Promise<HealthReport>;
  /** Every metric in the Prometheus text exposition format. */
  metricsText(): string;
  /** Records one answered request; `route` is the matched route pattern, never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
}
