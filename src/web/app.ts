/**
 * The hono app. Order matters: public feeds and pages answer first (no session needed), then the workspace's
 * middleware (session or bearer token, CSRF, roles) guards the login pages, the curators' pages and the JSON API.
 * The web layer works against ports (src/ports/) built by the composition root (src/app/): no database, no SQL,
 * no wiring here.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AccountsPort, OperationsPort, Workspace } from '../ports/index.js';
import type { CuratedSource, FeedCache, SiteInfo } from '../publish/index.js';
import { apiRoutes } from './api/routes.js';
import { authenticate, authRoutes, csrfProtection, requireUser, securityHeaders, staticRoutes, type AuthEnv } from './auth/index.js';
import { curatorRoutes } from './curator/index.js';
import { answerHealthz, answerMetrics, requestMetrics } from './operations.js';
import { publicRoutes } from './public/index.js';
import { provideWorkspace } from './workspace-env.js';

/** A small mark for browser tabs (an SVG served at /favicon.ico: browsers ask there first). */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#7a3d00"/><path d="M16 6v20M9 13h14" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/></svg>`;

/** Largest request body the workspace accepts (forms, JSON). */
const MAX_BODY_BYTES = 1024 * 1024;

export type WebApp = Hono<AuthEnv>;

export interface WebDeps {
  workspace: Workspace;
  accounts: AccountsPort;
  /** What the public feeds and pages read. */
  publisher: { source: CuratedSource; cache: FeedCache; site: SiteInfo };
  /** Behind a reverse proxy: honour X-Forwarded-* (see ProxyOptions). */
  trustProxy: boolean;
  startedAt: number;
  /** /healthz, /metrics (admins only) and per-request metrics; absent: none of them. */
  operations?: OperationsPort;
}

export function createWebApp(deps: WebDeps): WebApp {
  const { workspace, accounts, publisher, trustProxy } = deps;
  const app = new Hono<AuthEnv>();
  const ops = deps.operations;
  if (ops) app.use('*', requestMetrics(ops));
  app.use('*', securityHeaders({ hsts: () => workspace.settings().hsts, trustProxy }));
  if (ops) app.get('/healthz', (c) => answerHealthz(c, ops));
  app.get('/favicon.ico', () => new Response(FAVICON_SVG, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=604800' } }));
  app.get('/health', (c) => {
    const feeds = workspace.feeds.health();
    // Public: codes only, never the database's path. A database that cannot be written is 503 'degraded' (the
    // server still serves what it has; nothing new is saved).
    const storage = workspace.storage?.() ?? { ok: true };
    return c.json(
      {
        status: storage.ok ? 'ok' : 'degraded',
        uptimeSec: Math.round((Date.now() - deps.startedAt) / 1000),
        items: workspace.items.count(),
        feeds: feeds.length,
        storage,
        // Public: the error code only. The sentence names the URL (which may carry a key) or an internal address;
        // signed-in users read it on /admin/sources and /api/feeds.
        failingFeeds: feeds.filter((f) => f.errorCount > 0).map((f) => ({ name: f.name, error: f.lastErrorCode, errorCount: f.errorCount })),
      },
      storage.ok ? 200 : 503,
    );
  });
  app.route('/', staticRoutes());
  app.route('/', publicRoutes({ source: publisher.source, site: publisher.site, cache: publisher.cache }));
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: 'too_large', message: `request body over ${MAX_BODY_BYTES / 1024} KB` }, 413) }));
  app.use('*', authenticate({ accounts, trustProxy }));
  app.use('*', csrfProtection({ trustProxy }));
  app.route('/', authRoutes({ accounts, trustProxy }));
  if (ops) app.get('/metrics', requireUser({ role: 'admin', apiPrefix: '/metrics' }), (c) => answerMetrics(c, ops));
  app.use('/inbox', requireUser());
  app.use('/inbox/*', requireUser());
  app.use('/admin/*', requireUser({ role: 'admin' }));
  app.use('/api/*', requireUser());
  app.use('/inbox', provideWorkspace(workspace));
  app.use('/inbox/*', provideWorkspace(workspace));
  app.use('/admin/*', provideWorkspace(workspace));
  app.use('/api/*', provideWorkspace(workspace));
  app.route('/api', apiRoutes());
  app.route('/', curatorRoutes());
  return app;
}
