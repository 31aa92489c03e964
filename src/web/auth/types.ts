/** The per-request variables the auth middleware sets, and the options shared by the auth pieces. */
import type { AuthUser, Session } from '../../accounts/index.js';

export type { AuthUser } from '../../accounts/index.js';

/** The session behind a cookie-authenticated request (never the cookie token itself). */
export type AuthSession = Omit<Session, 'user' | 'renewed'>;

/**
 * Set by `authenticate()`: `user` is null for anonymous readers; `session` and `csrfToken` are set only for
 * cookie (browser) requests; `authMethod` says how the user was recognised.
 */
export type AuthVariables = {
  user: AuthUser | null;
  session: AuthSession | null;
  csrfToken: string | null;
  authMethod: 'session' | 'token' | null;
};

/** Hono env for apps and sub-apps that use the auth variables: `new Hono<AuthEnv>()`. */
export type AuthEnv = { Variables: AuthVariables };

/** Request-reading options shared by the middleware and routes. */
export interface ProxyOptions {
  /**
   * Behind a reverse proxy: honour X-Forwarded-Proto (https detection, Secure cookies, expected Origin),
   * X-Forwarded-Host and the last X-Forwarded-For entry (client address for rate limits). Never set this when
   * clients can reach the server directly, since they could then forge those headers.
   */
  trustProxy?: boolean;
}

/** Paths under this prefix get JSON errors (401/403) instead of redirects and pages. */
export const API_PREFIX = '/api';
