/**
 * Auth for the curators' workspace on hono. Mount in this order:
 *
 * @example
 * const app = new Hono<AuthEnv>();
 * app.use('*', securityHeaders());                 // outermost: headers on every response, errors included
 * app.route('/', staticRoutes());                  // /static/app.css (no auth needed)
 * app.use('*', authenticate({ accounts }));        // sets c.var.user / session / csrfToken / authMethod
 * app.use('*', csrfProtection());                  // state-changing requests: same origin + session's CSRF token
 * app.route('/', authRoutes({ accounts }));        // /login, /logout, /setup/:token
 * app.use('/inbox/*', requireUser());              // pages: redirect to /login?next=…
 * app.use('/admin/*', requireUser({ role: 'admin' }));
 * app.use('/api/*', requireUser());                // JSON 401/403
 */
export { authenticate, requireUser, csrfProtection, securityHeaders, hstsHeader, currentUser, jsonError, WORKSPACE_CSP } from './middleware.js';
export type { AuthenticateOptions, RequireUserOptions, CsrfOptions, SecurityHeadersOptions } from './middleware.js';
export { authRoutes, type AuthRoutesOptions } from './routes.js';
export { Layout, MessagePage, CsrfField, Notice, APP_NAME, type LayoutProps } from './layout.js';
export { staticRoutes, APP_CSS, APP_CSS_URL, APP_CSS_VERSION, assetVersion, type StaticAsset } from './static.js';
export { SESSION_COOKIE, setSessionCookie, clearSessionCookie, readSessionCookie } from './cookie.js';
export { isHttps, clientIp, requestOrigin, isApiPath, safeNext } from './request.js';
export { API_PREFIX, type AuthVariables, type AuthEnv, type AuthSession, type AuthUser, type ProxyOptions } from './types.js';
