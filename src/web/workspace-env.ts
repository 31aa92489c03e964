/**
 * The typed per-request variables of the curators' workspace: who is asking (set by the auth middleware) and the
 * workspace port they act through (set by `provideWorkspace`). Route modules read `c.var.workspace`; nothing is
 * closed over, so a route can be mounted on any app that provides the variable.
 */
import type { MiddlewareHandler } from 'hono';
import type { Workspace } from '../ports/index.js';
import type { AuthVariables } from './auth/types.js';

export type WorkspaceVariables = AuthVariables & { workspace: Workspace };

/** Hono env of the workspace's pages and API: `new Hono<WorkspaceEnv>()`. */
export type WorkspaceEnv = { Variables: WorkspaceVariables };

/**
 * Sets `c.var.workspace` for every request under it.
 *
 * @example app.use('*', provideWorkspace(workspace)); app.route('/api', apiRoutes());
 */
export function provideWorkspace(workspace: Workspace): MiddlewareHandler<WorkspaceEnv> {
  return async function provideWorkspaceVariable(c, next) {
    c.set('workspace', workspace);
    await next();
  };
}
