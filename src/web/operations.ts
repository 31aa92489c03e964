/**
 * The operations routes: /healthz (public, cheap, no paths or URLs in it) and /metrics (Prometheus text format),
 * plus the middleware that records every request by its route pattern. The main app mounts them with /metrics
 * behind an admin check (see app.ts); `operationsApp` serves both, unguarded, on the separate address of
 * `settings.metricsListen`, which only the machine or the monitoring network should reach.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { OperationsPort } from '../ports/index.js';

/** The Content-Type of the Prometheus text exposition format. */
const METRICS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Records each request's method, matched route pattern (`/api/items/:id`, or the middleware's `*` when no route
 * matched), status and duration. Mount first, so it times the whole answer.
 */
export function requestMetrics(ops: Pick<OperationsPort, 'observeRequest'>): MiddlewareHandler {
  return async function recordRequest(c, next) {
    const started = performance.now();
    await next();
    ops.observeRequest(c.req.method, routePath(c) || '*', c.res.status, (performance.now() - started) / 1000);
  };
}

/** GET /healthz: 200 `{ status: 'ok', checks }`, or 503 `{ status: 'fail', failing: [names], checks }`. */
export async function answerHealthz(c: Context, ops: Pick<OperationsPort, 'health'>): Promise<Response> {
  const report = await ops.health();
  return c.json(report, report.status === 'ok' ? 200 : 503, { 'Cache-Control': 'no-store' });
}

/** GET /metrics: the metrics text. */
export function answerMetrics(c: Context, ops: Pick<OperationsPort, 'metricsText'>): Response {
  return c.body(ops.metricsText(), 200, { 'Content-Type': METRICS_TYPE, 'Cache-Control': 'no-store' });
}

/** The app of the separate metrics address: /metrics and /healthz only, and 404 for everything else. */
export function operationsApp(ops: OperationsPort): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => answerHealthz(c, ops));
  app.get('/metrics', (c) => answerMetrics(c, ops));
  app.notFound((c) => c.text('Not found: this address serves /metrics and /healthz only.\n', 404));
  return app;
}
