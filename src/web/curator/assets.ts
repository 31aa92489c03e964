/**
 * The workspace's own stylesheet and script, served from memory as `/static/curator.css` and `/static/curator.js`
 * (same caching as /static/app.css: ETag, and `immutable` when the `?v=` hash matches). The files live next to this
 * module in `static/`; the page shell links them from the body (the CSP allows only same-origin files, no inline code).
 */
import { readFileSync } from 'node:fs';
import { assetVersion, type StaticAsset } from '../auth/index.js';

const read = (name: string) => readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');

export const CURATOR_CSS = read('curator.css');
export const CURATOR_JS = read('curator.js');

export const CURATOR_CSS_URL = `/static/curator.css?v=${assetVersion(CURATOR_CSS)}`;
export const CURATOR_JS_URL = `/static/curator.js?v=${assetVersion(CURATOR_JS)}`;

export const CURATOR_ASSETS: StaticAsset[] = [
  { path: '/static/curator.css', contentType: 'text/css; charset=utf-8', body: CURATOR_CSS },
  { path: '/static/curator.js', contentType: 'text/javascript; charset=utf-8', body: CURATOR_JS },
];
