/**
 * The demo's sample-source server: sample ministry and news sites on 127.0.0.1, built from demo/content.yml,
 * each with a feed in its own format (RSS 2.0, RSS in windows-1252, Atom, JSON Feed) and article pages
 * wrapped in the boilerplate real sites carry (navigation, cookie banner, share bar, related posts, comments).
 * Feeds carry teasers, so prayerwire's extraction fetches the pages.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse } from 'yaml';
import { escapeHtml as esc } from '../sanitizer/sanitize-html.js';

export interface SampleSource {
  id: string;
  name: string;
  kind: 'news' | 'ministry';
  format: 'rss' | 'rss1252' | 'atom' | 'json';
  style: 'wordpress' | 'drupal' | 'handmade' | 'newsroom';
  countries: string[];
}

export interface SampleArticle {
  slug: string;
  source: string;
  title: string;
  date: string;
  author: string;
  image?: string;
  credit?: string | null;
  paragraphs: string[];
  prayerIntro?: string;
  prayerPoints?: string[];
}

export interface SampleContent {
  sources: SampleSource[];
  articles: SampleArticle[];
}

export const CONTENT_FILE = fileURLToPath(new URL('../../demo/content.yml', import.meta.url));

export function loadSampleContent(file = CONTENT_FILE): SampleContent {
  return parse(readFileSync(file, 'utf8')) as SampleContent;
}

const teaser = (a: SampleArticle) => {
  const words = (a.paragraphs[0] ?? '').split(/\s+/);
  return words.length > 40 ? `${words.slice(0, 40).join(' ')} […]` : words.join(' ');
};

function articleBody(a: SampleArticle): string {
  const parts = a.paragraphs.map((p) => `<p>${esc(p)}</p>`);
  if (a.prayerPoints?.length) {
    parts.push(`<p><strong>${esc(a.prayerIntro ?? 'Please join us in prayer for the following:')}</strong></p>`);
    parts.push(`<ul>${a.prayerPoints.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`);
  }
  return parts.join('\n');
}

function imageTag(base: string, a: SampleArticle): string {
  if (!a.image) return '';
  const src = `${base}/img/${a.image.replace(/\.\w+$/, '.svg')}`;
  return `<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="${src}" alt="${esc(a.title)}" width="800" height="450">${
    a.credit ? `<figcaption>${esc(a.credit)}</figcaption>` : ''
  }</figure>`;
}

const BOILERPLATE = {
  cookie: `<div class="cookie-banner" id="cookie-consent"><p>Our site uses cookies. We use cookies and other technologies on our website. Some of them are essential, while others help us to improve this website.</p><button>Accept all</button><button>Accept necessary</button></div>`,
  share: `<div class="share-bar social-share"><span>Share this:</span> <a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/share">X</a> <a href="mailto:?subject=news">Email</a></div>`,
  newsletter: `<div class="newsletter-signup"><h3>Sign up for our weekly prayer update</h3><form action="/subscribe" method="post"><input name="email"><button>Subscribe</button></form></div>`,
  donate: `<div class="donate-box promo"><p>Your gift helps persecuted Christians. <a href="/donate">Donate now</a></p></div>`,
  scripts: `<script>window.dataLayer=[];function track(){return 1}</script><script src="/analytics.js"></script>`,
};

function page(base: string, source: SampleSource, a: SampleArticle, related: SampleArticle[]): string {
  const url = `${base}/${source.id}/${a.slug}`;
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)} | ${esc(source.name)}</title>
<link rel="canonical" href="${url}"><meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${esc(source.name)}">
<meta property="og:url" content="${url}">${a.image ? `<meta property="og:image" content="${base}/img/${a.image.replace(/\.\w+$/, '.svg')}">` : ''}
<meta property="article:published_time" content="${a.date}"><meta name="author" content="${esc(a.author)}">
<link rel="alternate" type="application/rss+xml" href="${base}/${source.id}/feed">${BOILERPLATE.scripts}<style>body{font-family:sans-serif}</style></head>`;
  const nav = `<header class="site-header"><a href="${base}/${source.id}/">${esc(source.name)}</a><nav class="main-nav"><a href="/news">News</a> <a href="/countries">Countries</a> <a href="/pray">Pray</a> <a href="/donate">Give</a></nav></header>`;
  const relatedHtml = `<aside class="related-posts"><h3>Related articles</h3><ul>${related
    .map((r) => `<li><a href="${base}/${r.source}/${r.slug}">${esc(r.title)}</a></li>`)
    .join('')}</ul></aside>`;
  const footer = `<footer class="site-footer"><p>© 2026 ${esc(source.name)}. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>`;
  const meta = `<p class="byline">By <span class="author">${esc(a.author)}</span> · <time datetime="${a.date}">${a.date.slice(0, 10)}</time></p><p class="reading-time">Reading Time: ${Math.max(1, Math.round(a.paragraphs.join(' ').split(/\s+/).length / 230))} minutes</p>`;
  const body = articleBody(a);
  const comments = `<section id="comments" class="comments-area"><h3>2 comments</h3><div class="comment"><p>Praying for them.</p></div><div class="comment"><p>Thank you for this report.</p></div></section>`;
  const img = imageTag(base, a);
  switch (source.style) {
    case 'drupal':
      return `${head}<body>${BOILERPLATE.cookie}${nav}<div class="region region-content"><nav class="breadcrumb"><a href="/">Home</a> › News</nav><article class="node node--type-article"><h1 class="page-title">${esc(a.title)}</h1>${meta}<div class="field field--name-field-image">${img}</div><div class="field field--name-body">${body}</div>${BOILERPLATE.share}</article></div>${relatedHtml}${BOILERPLATE.newsletter}${footer}</body></html>`;
    case 'handmade':
      return `${head}<body><table width="100%"><tr><td>${nav}</td></tr><tr><td><font face="Georgia"><h2>News</h2><h1>${esc(a.title)}</h1>${meta}${img}${body}</font></td><td>${relatedHtml}</td></tr></table><p class="prev-next"><a href="#">Previous Article</a><a href="#">Next Article</a></p>${footer}</body></html>`;
    case 'newsroom':
      return `${head}<body>${nav}<main><article><h1>${esc(a.title)}</h1>${meta}${img}<div class="article-body">${body}</div></article>${BOILERPLATE.share}${relatedHtml}</main>${footer}</body></html>`;
    default:
      return `${head}<body class="post-template">${BOILERPLATE.cookie}${nav}<main id="main"><article class="post type-post hentry"><header class="entry-header"><h1 class="entry-title">${esc(a.title)}</h1>${meta}</header>${img}<div class="entry-content">${BOILERPLATE.share}${body}${BOILERPLATE.donate}</div></article>${relatedHtml}${comments}</main>${BOILERPLATE.newsletter}${footer}</body></html>`;
  }
}

function rss(base: string, s: SampleSource, items: SampleArticle[], encoding: string): string {
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${esc(s.name)}</title><link>${base}/${s.id}/</link><description>Sample source for the prayerwire demo</description><ttl>5</ttl>
${items
  .map(
    (a) => `<item><title>${esc(a.title)}</title><link>${base}/${s.id}/${a.slug}?utm_source=rss&amp;utm_medium=feed</link><guid isPermaLink="false">${s.id}-${a.slug}</guid><pubDate>${new Date(a.date).toUTCString()}</pubDate><dc:creator>${esc(a.author)}</dc:creator><description>${esc(teaser(a))}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

function atom(base: string, s: SampleSource, items: SampleArticle[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(s.name)}</title><id>${base}/${s.id}/</id><link href="${base}/${s.id}/"/><updated>${items[0]?.date ?? new Date().toISOString()}</updated>
${items
  .map(
    (a) => `<entry><title>${esc(a.title)}</title><id>tag:demo,2026:${a.slug}</id><link rel="alternate" href="${base}/${s.id}/${a.slug}"/><published>${a.date}</published><updated>${a.date}</updated><author><name>${esc(a.author)}</name></author><summary>${esc(teaser(a))}</summary></entry>`,
  )
  .join('\n')}
</feed>`;
}

function jsonFeed(base: string, s: SampleSource, items: SampleArticle[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: s.name,
    home_page_url: `${base}/${s.id}/`,
    feed_url: `${base}/${s.id}/feed`,
    items: items.map((a) => ({ id: `${s.id}-${a.slug}`, url: `${base}/${s.id}/${a.slug}`, title: a.title, summary: teaser(a), content_text: teaser(a), date_published: a.date, authors: [{ name: a.author }] })),
  });
}

function svg(name: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 800 450"><rect width="800" height="450" fill="#2d4a6b"/><text x="400" y="235" font-family="sans-serif" font-size="36" fill="#fff" text-anchor="middle">${esc(name)}</text></svg>`;
}

export interface SampleServer {
  origin: string;
  server: Server;
  /** URL a feeds.yml should list for each source; one is the site's home page, to show autodiscovery. */
  feedUrls: { source: SampleSource; url: string }[];
  close(): Promise<void>;
}

export async function startSampleSources(options: { port?: number; content?: SampleContent } = {}): Promise<SampleServer> {
  const content = options.content ?? loadSampleContent();
  let base = '';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const [, sourceId, rest] = path.split('/');
    if (sourceId === 'img' && rest) {
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
      return res.end(svg(rest.replace(/\.svg$/, '').replace(/-/g, ' ')));
    }
    const source = content.sources.find((s) => s.id === sourceId);
    if (!source) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><title>Sample sources</title><h1>Sample sources</h1><ul>${content.sources.map((s) => `<li><a href="/${s.id}/">${esc(s.name)}</a> (<a href="/${s.id}/feed">feed</a>)</li>`).join('')}</ul>`);
    }
    const items = content.articles.filter((a) => a.source === source.id).sort((x, y) => y.date.localeCompare(x.date));
    if (rest === 'feed') return sendFeed(res, base, source, items);
    if (!rest) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html><head><title>${esc(source.name)}</title><link rel="alternate" type="application/rss+xml" title="${esc(source.name)}" href="${base}/${source.id}/feed"></head><body><h1>${esc(source.name)}</h1><ul>${items.map((a) => `<li><a href="/${source.id}/${a.slug}">${esc(a.title)}</a></li>`).join('')}</ul></body></html>`);
    }
    const article = items.find((a) => a.slug === rest);
    if (!article) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const related = content.articles.filter((a) => a !== article).slice(0, 3);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(base, source, article, related));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin: base,
    server,
    feedUrls: content.sources.map((s, i) => ({ source: s, url: i === content.sources.length - 1 ? `${base}/${s.id}/` : `${base}/${s.id}/feed` })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sendFeed(res: import('node:http').ServerResponse, base: string, s: SampleSource, items: SampleArticle[]) {
  const etag = `"${s.id}-${items.length}"`;
  if (res.req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    return res.end();
  }
  switch (s.format) {
    case 'atom':
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', etag });
      return res.end(atom(base, s, items));
    case 'json':
      res.writeHead(200, { 'content-type': 'application/feed+json', etag });
      return res.end(jsonFeed(base, s, items));
    case 'rss1252':
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1252', etag });
      return res.end(iconv.encode(rss(base, s, items, 'windows-1252'), 'win1252'));
    default:
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      return res.end(rss(base, s, items, 'utf-8'));
  }
}
