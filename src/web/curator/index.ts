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
import { staticRoutes, type AuthEnv } from '../auth/index.js';
import type { Workspace } from '../../ports/index.js';
import { CURATOR_ASSETS } from './assets.js';
import { inboxRoutes } from './inbox.js';
import { itemRoutes } from './item-routes.js';
import { sourcesRoutes } from './sources.js';

export { CURATOR_CSS_URL, CURATOR_JS_URL } from './assets.js';

export function curatorRoutes(deps: Workspace): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.route('/', staticRoutes<AuthEnv>(CURATOR_ASSETS));
  app.route('/', inboxRoutes(deps));
  app.route('/', itemRoutes(deps));
  app.route('/', sourcesRoutes(deps));
  return app;
}
