/**
 * The hono app. Order matters: public feeds and pages answer first (no session needed), then the workspace's
 * middleware (session or bearer token, CSRF, roles) guards the login pages, the curators' pages and the JSON API.
 * The web layer only calls into the domain (curate, publish, store reads): no SQL here.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createCurator } from '../curate/index.js';
import type { Logger } from '../log/create-logger.js';
import type { AppContext } from '../main.js';
import { createCuratedSource } from '../publish/curated-source.js';
import { createFeedCache, feedUrlsForEntry, pingHub } from '../publish/index.js';
import type { SiteInfo } from '../publish/types.js';
import { listFeedHealth } from '../store/feeds.js';
import { countItems } from '../store/items.js';
import { apiRoutes } from './api/routes.js';
import { authenticate, authRoutes, csrfProtection, requireUser, securityHeaders, staticRoutes, type AuthEnv } from './auth/index.js';
import { curatorRoutes } from './curator/index.js';
import { publicRoutes } from './public/index.js';
import type { WorkspaceDeps } from './workspace-deps.js';

/** A small mark for browser tabs (an SVG served at /favicon.ico: browsers ask there first). */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#7a3d00"/><path d="M16 6v20M9 13h14" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/></svg>`;

/** Largest request body the workspace accepts (forms, JSON). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebDeps {
  ctx: AppContext;
  startedAt: number;
  /** Public URL of this server (settings.baseUrl, else http://localhost:PORT). */
  baseUrl: string;
  pollNow?: (feedId: number) => Promise<unknown> | null;
}

export function siteInfo(baseUrl: string, websubHub: string | null): SiteInfo {
  return {
    title: 'prayerwire',
    description: 'World news, curated for informed prayer',
    baseUrl: baseUrl.replace(/\/$/, ''),
    websubHub,
    language: 'en',
  };
}

function pingHubFor(site: SiteInfo, source: ReturnType<typeof createCuratedSource>, log: Logger) {
  return (itemId: number) => {
    if (!site.websubHub) return;
    const entry = source.getEntry(itemId);
    if (!entry) return;
    void pingHub(site.websubHub, feedUrlsForEntry(site, entry)).then((r) => {
      if (!r.ok) log.warn({ hub: site.websubHub, error: r.error }, 'WebSub hub ping failed');
    });
  };
}

export function createWebApp(deps: WebDeps): Hono<AuthEnv> {
  const { ctx } = deps;
  const site = siteInfo(ctx.config.settings.baseUrl ?? deps.baseUrl, ctx.config.settings.websubHub);
  const source = createCuratedSource(ctx.db);
  const workspace: WorkspaceDeps = {
    db: ctx.db,
    site,
    settings: () => ctx.config.settings,
    curator: createCurator({
      db: ctx.db,
      settings: () => ctx.config.settings,
      idHost: new URL(site.baseUrl).hostname,
      onPublishedChange: pingHubFor(site, source, ctx.log),
    }),
    pollNow: deps.pollNow ?? (() => null),
  };

  const app = new Hono<AuthEnv>();
  app.use('*', securityHeaders({ hsts: () => ctx.config.settings.hsts, trustProxy: () => ctx.config.settings.trustProxy }));
  app.get('/favicon.ico', () => new Response(FAVICON_SVG, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=604800' } }));
  app.get('/health', (c) => {
    const feeds = listFeedHealth(ctx.db);
    return c.json({
      status: 'ok',
      uptimeSec: Math.round((Date.now() - deps.startedAt) / 1000),
      items: countItems(ctx.db),
      feeds: feeds.length,
      // Public: the error code only. The sentence names the URL (which may carry a key) or an internal address;
      // signed-in users read it on /admin/sources and /api/feeds.
      failingFeeds: feeds.filter((f) => f.errorCount > 0).map((f) => ({ name: f.name, error: f.lastErrorCode, errorCount: f.errorCount })),
    });
  });
  app.route('/', staticRoutes());
  app.route('/', publicRoutes({ source, site, cache: createFeedCache(source, site) }));
  const { trustProxy } = ctx.config.settings;
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: 'too_large', message: `request body over ${MAX_BODY_BYTES / 1024} KB` }, 413) }));
  app.use('*', authenticate({ db: ctx.db, trustProxy }));
  app.use('*', csrfProtection({ trustProxy }));
  app.route('/', authRoutes({ db: ctx.db, trustProxy }));
  app.use('/inbox', requireUser());
  app.use('/inbox/*', requireUser());
  app.use('/admin/*', requireUser({ role: 'admin' }));
  app.use('/api/*', requireUser());
  app.route('/api', apiRoutes(workspace));
  app.route('/', curatorRoutes(workspace));
  return app;
}
