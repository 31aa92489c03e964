/**
 * The curators' workspace pages: the inbox (`/inbox`), the item bench (`/inbox/items/:id` and its form posts),
 * the sources' health for admins (`/admin/sources`), and the workspace's own `/static/curator.css` and
 * `/static/curator.js`. Mounted by src/web/app.ts after the auth middleware, which guards `/inbox*` (any user) and
 * `/admin/*` (admins) and checks the CSRF token of every post. Server-rendered; the script only enhances.
 *
 * @example
 * app.route('/', curatorRoutes(workspace));
 */
import { Hono } from 'hono';
import { staticRoutes } from '../auth/index.js';
import type { WorkspaceEnv } from '../workspace-env.js';
import { CURATOR_ASSETS } from './assets.js';
import { inboxRoutes } from './inbox.js';
import { itemRoutes } from './item-routes.js';
import { sourcesRoutes } from './sources.js';

export { CURATOR_CSS_URL, CURATOR_JS_URL } from './assets.js';

export function curatorRoutes(): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  app.route('/', staticRoutes<WorkspaceEnv>(CURATOR_ASSETS));
  app.route('/', inboxRoutes());
  app.route('/', itemRoutes());
  app.route('/', sourcesRoutes());
  return app;
}
