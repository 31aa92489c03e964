/**
 * The hono app: health, then the curator workspace and the public pages and feeds mounted as sub-apps.
 * The web layer only calls into the domain (store, curate, publish): no SQL here.
 */
import { Hono } from 'hono';
import type { AppContext } from '../main.js';
import { listFeedHealth } from '../store/feeds.js';
import { countItems } from '../store/items.js';

export interface WebDeps {
  ctx: AppContext;
  startedAt: number;
}

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/health', (c) => {
    const feeds = listFeedHealth(deps.ctx.db);
    return c.json({
      status: 'ok',
      uptimeSec: Math.round((Date.now() - deps.startedAt) / 1000),
      items: countItems(deps.ctx.db),
      feeds: feeds.length,
      failingFeeds: feeds.filter((f) => f.errorCount > 0).map((f) => ({ name: f.name, error: f.lastError })),
    });
  });
  return app;
}
