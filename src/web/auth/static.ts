/**
 * The workspace stylesheet and the `/static/*` sub-app that serves it. Served from memory with an ETag; the
 * Layout links it with `?v=<hash>`, and a request carrying the current hash may be cached for a year.
 */
import { createHash } from 'node:crypto';
import { Hono, type Env } from 'hono';
import type { BlankEnv } from 'hono/types';

export const APP_CSS = `
:root{color-scheme:light dark;--bg:#f7f6f2;--panel:#fff;--fg:#1f2328;--muted:#5e636b;--line:#dcd9d0;--accent:#7a3e00;--accent-fg:#fff;
--danger:#b3261e;--ok:#1e6b3a;--focus:#2f6feb;--radius:8px;--shadow:0 1px 2px rgba(0,0,0,.06),0 2px 8px rgba(0,0,0,.04)}
@media (prefers-color-scheme:dark){:root{--bg:#131417;--panel:#1c1e22;--fg:#e8e8ec;--muted:#a3a7b0;--line:#33363d;--accent:#f2b36b;--accent-fg:#1a1204;
--danger:#ff8a80;--ok:#7ad49a;--focus:#7aa7ff;--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.topbar{background:var(--panel);border-bottom:1px solid var(--line)}
.topbar .wrap{display:flex;align-items:center;gap:1.25rem;min-height:3.25rem;flex-wrap:wrap}
.brand{font-weight:700;font-size:1.1rem;color:var(--fg);text-decoration:none;letter-spacing:.01em}
.topbar nav{display:flex;gap:1rem;flex:1}
.topbar nav a{color:var(--muted);text-decoration:none;padding:.25rem 0;border-bottom:2px solid transparent}
.topbar nav a:hover,.topbar nav a[aria-current=page]{color:var(--fg);border-bottom-color:var(--accent)}
.account{display:flex;align-items:center;gap:.75rem;margin-left:auto;color:var(--muted);font-size:.92rem}
.account .role{border:1px solid var(--line);border-radius:999px;padding:0 .5rem;font-size:.8rem}
.account form{margin:0}
main.wrap{padding-top:1.5rem;padding-bottom:3rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.muted{color:var(--muted)}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:1.25rem}
.narrow{max-width:26rem;margin:2rem auto}
form.stack{display:grid;gap:.9rem}
label{display:grid;gap:.3rem;font-weight:600;font-size:.95rem}
label .hint{font-weight:400;color:var(--muted);font-size:.85rem}
input[type=text],input[type=password],input[type=search],input[type=url],input[type=email],select,textarea{font:inherit;color:inherit;background:var(--bg);
border:1px solid var(--line);border-radius:6px;padding:.5rem .6rem;width:100%}
textarea{min-height:6rem;resize:vertical}
button,.button{font:inherit;cursor:pointer;border-radius:6px;padding:.5rem 1rem;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);
font-weight:600;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:transparent;color:var(--accent)}
button.link{background:none;border:none;padding:0;color:var(--accent);font-weight:400;text-decoration:underline}
button.danger{background:var(--danger);border-color:var(--danger);color:#fff}
.notice{border-radius:6px;padding:.6rem .8rem;margin:0 0 1rem;border:1px solid var(--line);background:var(--panel)}
.notice.error{border-color:var(--danger);color:var(--danger)}
.notice.ok{border-color:var(--ok);color:var(--ok)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
img{max-width:100%;height:auto}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** Short content hash of the stylesheet, for cache-busting links. */
export const APP_CSS_VERSION = createHash('sha256').update(APP_CSS).digest('hex').slice(0, 12);

/** The stylesheet URL pages should link. */
export const APP_CSS_URL = `/static/app.css?v=${APP_CSS_VERSION}`;

/** A file served from memory under /static. */
export interface StaticAsset {
  /** Path under the app root, e.g. '/static/inbox.js'. */
  path: string;
  contentType: string;
  body: string;
}

/**
 * Serves `/static/app.css` plus any `extra` assets (HEAD too), with a strong ETag, 304 on If-None-Match, and
 * `immutable` caching when the request's `?v=` matches the content hash.
 *
 * @example
 * app.route('/', staticRoutes([{ path: '/static/inbox.js', contentType: 'text/javascript; charset=utf-8', body: INBOX_JS }]));
 */
export function staticRoutes<E extends Env = BlankEnv>(extra: StaticAsset[] = []): Hono<E> {
  const app = new Hono<E>();
  const assets: StaticAsset[] = [{ path: '/static/app.css', contentType: 'text/css; charset=utf-8', body: APP_CSS }, ...extra];
  for (const asset of assets) {
    const body = new Uint8Array(Buffer.from(asset.body, 'utf8'));
    const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const etag = `"${version}"`;
    app.get(asset.path, function serveAsset(c) {
      const cacheControl = c.req.query('v') === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      const headers = { ETag: etag, 'Cache-Control': cacheControl, 'X-Content-Type-Options': 'nosniff' };
      const inm = c.req.header('if-none-match');
      if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers);
      return c.body(body, 200, { ...headers, 'Content-Type': asset.contentType, 'Content-Length': String(body.length) });
    });
  }
  return app;
}

/** The content hash `staticRoutes` uses for an asset body, for building `?v=` links to extra assets. */
export function assetVersion(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 12);
}
