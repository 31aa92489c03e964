/** The curators' workspace pages (inbox, item view, sources). */
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/index.js';
import type { WorkspaceDeps } from '../workspace-deps.js';

export function curatorRoutes(_deps: WorkspaceDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/inbox', (c) => c.text('inbox'));
  return app;
}
