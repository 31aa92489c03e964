/** Targeted behaviour of extractArticle beyond the page corpus: failure kinds, metadata, boilerplate, prayer points, text. */
import { describe, expect, it } from 'vitest';
import { extractArticle, type Article } from '../../src/extractor/index.js';
import { isBoilerplateLine } from '../../src/extractor/boilerplate.js';
import { normalizeDate, normalizeLang } from '../../src/extractor/metadata.js';
import { stripDeadWeight } from '../../src/extractor/pre-strip.js';
import { countWords, readingMinutes } from '../../src/extractor/text.js';
import { loadPageCases } from './page-cases.js';

// The seed article 000 (Kim meets Putin), as carried by the WordPress corpus page: tests stay within the repository.
const seedPage = loadPageCases().find((c) => c.slug === 'wp-kim-putin-summit')!.html;
const decode = (s: string): string => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&#8217;/g, '’');
const body = [...seedPage.matchAll(/<p>([^<]{300,})<\/p>/g)].map((m) => decode(m[1]!));
const intro = /<p>(Please join us in prayer[^<]*)<\/p>/.exec(seedPage)![1]!;
const points = [...seedPage.matchAll(/<li>([^<]{40,})<\/li>/g)].map((m) => decode(m[1]!));
const URL_ = 'https://example.org/news/kim-putin';

function page(inner: string, head = ''): string {
  return `<!doctype html><html><head><title>Kim meets Putin</title>${head}</head><body><article><h1>Kim meets Putin</h1>${inner}</article></body></html>`;
}
function article(html: string, url = URL_): Article {
  const r = extractArticle(html, url);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.article;
}
const paragraphs = body.map((p) => `<p>${p}</p>`).join('');

describe('extractArticle failures', () => {
  it.each([
    ['JSON', '{"items":[1,2,3]}'],
    ['PDF', '%PDF-1.7\n1 0 obj'],
    ['plain text', 'Just some words without any markup at all.'],
    ['empty', ''],
  ])('%s is not_html', (_name, input) => {
    const r = extractArticle(input, URL_);
    expect(r).toMatchObject({ ok: false, code: 'not_html' });
  });

  it('a page with a few words is not_readable', () => {
    expect(extractArticle(page('<p>Too short to be an article.</p>'), URL_)).toMatchObject({ ok: false, code: 'not_readable' });
  });

  it('JSON-LD isAccessibleForFree=false with a teaser is a paywall; a full free article with a stray "Subscribe" is not', () => {
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","isAccessibleForFree":false}</script>';
    expect(extractArticle(page(`<p>${body[0]}</p>`, ld), URL_)).toMatchObject({ ok: false, code: 'paywall' });
    expect(extractArticle(page(`${paragraphs}<p><a href="/subscribe">Subscribe</a></p>`), URL_).ok).toBe(true);
  });

  it('every failure carries a message naming the page', () => {
    const r = extractArticle(page('<p>Short.</p>'), URL_);
    expect(!r.ok && r.message).toContain(URL_);
  });
});

describe('metadata', () => {
  it('reads JSON-LD @graph with @id references for author, publisher and image', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Publisher Org' },
        { '@type': 'Person', '@id': '#p', name: 'Alex Pollock' },
        { '@type': 'ImageObject', '@id': '#img', url: '/img/lead.jpg' },
        { '@type': ['NewsArticle'], datePublished: '2023-09-13T22:00:00+09:00', author: { '@id': '#p' }, publisher: { '@id': '#org' }, image: { '@id': '#img' } },
      ],
    });
    const a = article(page(paragraphs, `<script type="application/ld+json">${ld}</script>`));
    expect(a).toMatchObject({ byline: 'Alex Pollock', siteName: 'Publisher Org', publishedAt: '2023-09-13T13:00:00.000Z', imageUrl: 'https://example.org/img/lead.jpg' });
  });

  it('falls back to <time datetime>, the first content image, and content-language', () => {
    const a = article(
      page(`<time datetime="2024-06-19">19 June</time><img src="/a/b.jpg" alt="">${paragraphs}`, '<meta http-equiv="content-language" content="pt_BR, en">'),
    );
    expect(a.publishedAt).toBe('2024-06-19T00:00:00.000Z');
    expect(a.imageUrl).toBe('https://example.org/a/b.jpg');
    expect(a.lang).toBe('pt-br');
    expect(a.canonicalUrl).toBeNull();
  });

  it('resolves canonical and og:url against the page URL', () => {
    expect(article(page(paragraphs, '<link rel="canonical" href="../canon">')).canonicalUrl).toBe('https://example.org/canon');
    expect(article(page(paragraphs, '<meta property="og:url" content="/og">')).canonicalUrl).toBe('https://example.org/og');
  });

  it.each([
    ['en', 'en'],
    ['en_GB', 'en-gb'],
    ['EN-us', 'en-us'],
    ['pt-BR, en', 'pt-br'],
    ['', null],
    ['not a lang!', null],
  ])('normalizeLang(%j) = %j', (input, out) => expect(normalizeLang(input)).toBe(out));

  it.each([
    ['2024-06-26', '2024-06-26T00:00:00.000Z'],
    ['2023-09-15T10:00:00+01:00', '2023-09-15T09:00:00.000Z'],
    ['Wed, 13 Sep 2023 12:00:00 GMT', '2023-09-13T12:00:00.000Z'],
    ['yesterday', null],
    ['1970-01-01T00:00:00Z', null],
    ['2999-01-01', null],
  ])('normalizeDate(%j) = %j', (input, out) => expect(normalizeDate(input)).toBe(out));
});

describe('cleanup', () => {
  it.each([
    'Image: REUTERS/KCNA/Pool/Latin America News Agency',
    'Photo: AP',
    'Credit: Kremlin.ru',
    '(Excerpt from WORLD. Photo Credit: Kremlin.ru, CC BY 4.0, https://commons.wikimedia.org/w/index.php?curid=78329714)',
    'Reading Time: 2 minutes',
    'Reading time: 3 mins',
    'Previous ArticleNext Article',
    'Next Article',
    'Donate now',
    'Give today',
    'Related articles',
    'Read more: Putin lands in Hanoi',
    'Share this:',
    'Sign up for our weekly prayer update.',
    'Accept all',
    'Accept Neccessary',
    'Leave a Reply',
    '12 Comments',
  ])('%j is boilerplate', (line) => expect(isBoilerplateLine(line)).toBe(true));

  it.each([
    body[0]!,
    'Please join us in prayer for the following:',
    'Share your thoughts and prayers below.',
    'Give thanks for the believers who remain faithful.',
    'Read the whole report before you pray.',
  ])('%j is article text', (line) => expect(isBoilerplateLine(line.slice(0, 300))).toBe(false));

  it('removes furniture by class/id but keeps an article wrapper whose classes look like furniture', () => {
    const html = `<!doctype html><html><body class="comments-open"><div class="post tag-social-media share-enabled">${paragraphs}
      <div class="newsletter-box"><p>Get our weekly email about the persecuted church.</p></div>
      <div id="comments"><p>First comment: thank you for this.</p></div></div></body></html>`;
    const a = article(html);
    expect(a.text).toContain(body[4]!.slice(0, 60));
    expect(a.text).not.toContain('weekly email');
    expect(a.text).not.toContain('First comment');
  });

  it('keeps lazy images through Readability and the sanitizer, and drops onerror', () => {
    const html = page(`<p>${body[0]}</p><figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/real.jpg" onerror="alert(1)" alt="Real"></figure>${paragraphs}`);
    const a = article(html);
    expect(a.html).toContain('src="https://example.org/img/real.jpg"');
    expect(a.html).not.toMatch(/onerror|data:/);
  });

  it('strips scripts, styles, svg and comments but keeps JSON-LD and noscript images', () => {
    const out = stripDeadWeight(
      '<script>var a = "<!--";</script><p>keep</p><!-- <script> --><script type="application/ld+json">{"a":1}</script><style>p{}</style><svg><path/></svg><noscript><img src="a.jpg"></noscript><noscript>no</noscript>',
    );
    expect(out).toBe('<p>keep</p><script type="application/ld+json">{"a":1}</script><noscript><img src="a.jpg"></noscript>');
  });
});

describe('prayer points', () => {
  it('reads the seed page: five body paragraphs and three points', () => {
    expect(body).toHaveLength(5);
    expect(points).toHaveLength(3);
  });

  it('finds none in an article without a prayer list, even when the text says "pray that"', () => {
    expect(article(page(paragraphs)).prayerPoints).toEqual([]);
  });

  it('reads a <ul> after "Please join us in prayer for the following:"', () => {
    const a = article(page(`${paragraphs}<p>${intro}</p><ul>${points.map((p) => `<li>${p}</li>`).join('')}</ul>`));
    expect(a.prayerPoints).toEqual(points);
  });

  it('reads bullet lines after the intro in the same paragraph', () => {
    const a = article(page(`${paragraphs}<p><b>Pray for North Korea:</b><br>• ${points.join('<br>• ')}</p>`));
    expect(a.prayerPoints).toEqual(points);
  });

  it('reads short paragraphs after a "Pray that..." heading and stops at the next heading', () => {
    const a = article(page(`${paragraphs}<h2>Pray that…</h2><p>1. ${points[0]}</p><p>2) ${points[1]}</p><h2>About us</h2><p>We are a ministry.</p>`));
    expect(a.prayerPoints).toEqual(points.slice(0, 2));
  });
});

describe('text and counts', () => {
  it('separates paragraphs with blank lines and counts words', () => {
    const a = article(page(paragraphs));
    expect(a.text.split('\n\n')).toHaveLength(body.length);
    expect(a.wordCount).toBe(countWords(body.join(' ')));
    expect(a.readingTimeMinutes).toBe(Math.max(1, Math.round(a.wordCount / 230)));
    expect(a.excerpt.length).toBeGreaterThan(40);
  });

  it('counts CJK ideographs as words and never reads in under a minute', () => {
    expect(countWords('金正恩 met Putin')).toBe(5);
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
  });
});

describe('pages in other languages and formats', () => {
  const lorem = body.slice(0, 3).map((p) => `<p>${p}</p>`).join('');

  it('finds Spanish prayer points after "Oremos por …" and drops a Spanish donate line', () => {
    const a = article(
      page(
        `${lorem}<h3>Oremos por Nicaragua</h3><p>Oremos por los pastores encarcelados, para que sean liberados pronto.</p>` +
          `<p>Oremos por las familias que perdieron sus iglesias y sus escuelas.</p><p>Haz un donativo hoy</p><p>Crédito de la foto: Reuters</p>`,
      ).replace('<html>', '<html lang="es">'),
    );
    expect(a.lang).toBe('es');
    expect(a.prayerPoints).toEqual([
      'Oremos por los pastores encarcelados, para que sean liberados pronto.',
      'Oremos por las familias que perdieron sus iglesias y sus escuelas.',
    ]);
    expect(a.text).not.toMatch(/donativo|Crédito/);
  });

  it('a French "Sujets de prière :" list gives the points', () => {
    const a = article(page(`${lorem}<p>Sujets de prière :</p><ul><li>Prions pour les chrétiens déplacés du Centre-Nord.</li><li>Que Dieu console les veuves de Kaya.</li></ul>`));
    expect(a.prayerPoints).toEqual(['Prions pour les chrétiens déplacés du Centre-Nord.', 'Que Dieu console les veuves de Kaya.']);
  });

  it('turns <amp-img> into <img> and keeps the lead image that sits outside the text container', () => {
    const html =
      '<!doctype html><html ⚡ lang="en"><head><title>Acquitted</title></head><body><article><h1>Acquitted</h1>' +
      '<figure class="article-hero"><amp-img src="/media/hero.jpg" width="1200" height="675" layout="responsive" alt="Court"></amp-img></figure>' +
      `<div class="article-body">${lorem}</div></article></body></html>`;
    const a = article(html);
    expect(a.html).toContain('<img loading="lazy" src="https://example.org/media/hero.jpg" alt="Court" width="1200" height="675" />');
    expect(a.html).not.toContain('amp-img');
    expect(a.imageUrl).toBe('https://example.org/media/hero.jpg');
    expect(a.text.startsWith(body[0]!.slice(0, 40))).toBe(true);
  });

  it('does not add a logo or avatar as the lead image', () => {
    const html =
      '<!doctype html><html><head><title>Kim meets Putin</title></head><body>' +
      '<div class="site-hero"><img src="/logo.png" alt="Site logo" width="400" height="300"></div>' +
      '<div class="author-hero"><img src="/staff/avatar-jo.jpg" alt="Jo" width="300" height="300"></div>' +
      `<article><h1>Kim meets Putin</h1>${lorem}</article></body></html>`;
    expect(article(html).html).not.toContain('<img');
  });
});
