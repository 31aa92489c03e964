/** The public web: curated feeds, OPML and pages. */
export { publicRoutes, parseLimit, DEFAULT_LIMIT, MAX_LIMIT, type PublicRoutesDeps } from './routes.js';
export { sendDocument, pickEncoding, isNotModified, CACHE_CONTROL } from './send-document.js';
