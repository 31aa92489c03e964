/**
 * The pages' only stylesheet, inlined (no external assets) and allowed by its hash in the Content-Security-Policy.
 * Readable on phones and desktops, light and dark by `prefers-color-scheme`.
 */
import { createHash } from 'node:crypto';

export const PAGE_CSS = `
:root{color-scheme:light dark;--bg:#fdfcf9;--fg:#1d1d1f;--muted:#5b5b63;--accent:#7a3e00;--card:#f3efe6;--line:#ddd6c8}
@media (prefers-color-scheme:dark){:root{--bg:#15161a;--fg:#ececf0;--muted:#a6a6b0;--accent:#f2b36b;--card:#202228;--line:#34363e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.05rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}
header{border-bottom:1px solid var(--line)}
header a.site{font-weight:700;font-size:1.25rem;color:var(--fg);text-decoration:none}
nav a{margin-right:1rem}
a{color:var(--accent)}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;line-height:1.3;margin:0 0 .25rem}
.meta{color:var(--muted);font-size:.9rem}
.entry{padding:1rem 0;border-bottom:1px solid var(--line)}
.prayer-note{background:var(--card);border-left:4px solid var(--accent);padding:.5rem 1rem;margin:1rem 0;border-radius:4px}
.retracted{border-left:4px solid #b00020;padding-left:.75rem}
.tags a{display:inline-block;margin:0 .4rem .2rem 0;font-size:.9rem}
.subscribe{background:var(--card);padding:.75rem 1rem;border-radius:4px;margin:2rem 0;word-break:break-all}
.subscribe ul{padding-left:1.2rem;margin:.25rem 0}
img{max-width:100%;height:auto}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
table{border-collapse:collapse}
td,th{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left}
`;

/** CSP source for the stylesheet above. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/** The pages' Content-Security-Policy: nothing runs, nothing loads but images and our one stylesheet. */
export const PAGE_CSP = [
  "default-src 'none'",
  'img-src https: http:',
  `style-src ${PAGE_CSS_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every HTML page carries besides caching ones. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
