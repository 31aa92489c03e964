/**
 * sanitizeHtml's contract, as tables of input -> exact output: what hostile markup loses, what news content keeps,
 * how URLs are resolved and filtered, and what malformed markup turns into.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, sanitizeHtml } from '../../src/sanitizer/sanitize-html.js';

const BASE = 'https://example.org/news/a.html';
const REL = 'rel="noopener noreferrer nofollow"';

type Row = [what: string, input: string, expected: string];

/** Markup that must come out harmless, with what is left of it. */
const HOSTILE: Row[] = [
  // Elements whose content is code or a foreign document: dropped with everything inside.
  ['script in a paragraph', '<p>Hi <script>alert(1)</script>there</p>', '<p>Hi there</p>'],
  ['upper-case script with src', '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>ok', 'ok'],
  ['script writing markup', '<p>a<script>document.write("<p>b</p>")</script>c</p>', '<p>ac</p>'],
  ['unclosed script swallows the rest', '<script/src="https://evil.example/x.js">ok', ''],
  ['style', '<style>p{color:red}</style><p>x</p>', '<p>x</p>'],
  ['iframe', '<iframe src="https://evil.example/"></iframe><p>x</p>', '<p>x</p>'],
  ['iframe fallback text', '<iframe src="https://evil.example/">fallback text</iframe>', ''],
  ['object with param', '<object data="x.swf"><param name="a" value="b">inner</object>', ''],
  ['embed', '<embed src="x.swf">', ''],
  ['form controls', '<form action="/x"><input name="q"><button>go</button></form>text', 'text'],
  ['textarea hiding a script', '<textarea><script>alert(1)</script></textarea>after', 'after'],
  ['noscript', '<noscript><img src="https://c.example/a.jpg"></noscript>after', 'after'],
  ['template', '<template><p>t</p></template>after', 'after'],
  ['base (would re-point relative links)', '<base href="https://evil.example/"><a href="/x">x</a>', '<a>x</a>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">x', 'x'],
  ['stylesheet link', '<link rel="stylesheet" href="x.css">x', 'x'],
  ['script inside a kept link', '<a href="https://x.example/"><script>x</script>link</a>', `<a href="https://x.example/" ${REL}>link</a>`],

  // Event handlers and other attributes outside the allow-list.
  ['img onerror', '<img src="https://cdn.example/a.jpg" onerror="alert(1)" alt="A">', '<img loading="lazy" src="https://cdn.example/a.jpg" alt="A" />'],
  ['a onclick', '<a href="https://x.example/" onclick="evil()">x</a>', `<a href="https://x.example/" ${REL}>x</a>`],
  ['p onmouseover, class, style, id (lang and dir stay)', '<p onmouseover="evil()" class="c" style="color:red" id="i" lang="en" dir="rtl">x</p>', '<p lang="en" dir="rtl">x</p>'],
  ['td onclick, th style', '<table><tr><th style="x">H</th><td onclick="x">d</td></tr></table>', '<table><tr><th>H</th><td>d</td></tr></table>'],
  ['style with a javascript: url', '<span style="background:url(javascript:alert(1))">s</span>', '<span>s</span>'],
  ['attribute-breakout attempt stays an escaped value', '<a title="t&quot;onmouseover=&quot;x" href="https://x.example/">t</a>', `<a title="t&quot;onmouseover=&quot;x" href="https://x.example/" ${REL}>t</a>`],
  ['markup in alt stays text', '<img src="https://c.example/a.jpg" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">', '<img loading="lazy" src="https://c.example/a.jpg" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" />'],

  // javascript: and data: URLs, plain and disguised.
  ['javascript: href', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
  ['mixed-case javascript:', '<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
  ['decimal entities', '<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
  ['hex entities and &colon;', '<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>', '<a>x</a>'],
  ['zero-padded entities without semicolons', '<a href="&#0000106&#0000097vascript:alert(1)">x</a>', '<a>x</a>'],
  ['&#58; for the colon', '<a href="javascript&#58;alert(1)">x</a>', '<a>x</a>'],
  ['literal tab inside the scheme', '<a href="java\tscript:alert(1)">x</a>', '<a>x</a>'],
  ['encoded tab inside the scheme', '<a href="java&#9;script:alert(1)">x</a>', '<a>x</a>'],
  ['encoded CR inside the scheme', '<a href="jav&#x0D;ascript:alert(1)">x</a>', '<a>x</a>'],
  ['leading spaces', '<a href="  javascript:alert(1)">x</a>', '<a>x</a>'],
  ['leading control character', '<a href="&#1;javascript:alert(1)">x</a>', '<a>x</a>'],
  ['vbscript:', '<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
  ['data: text/html link', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'],
  ['javascript: img src (image dropped: no usable src)', '<img src="javascript:alert(1)" alt="j">', ''],
  ['data: svg img src', '<img src="data:image/svg+xml;base64,AAAA" alt="d">', ''],
  ['javascript: blockquote cite', '<blockquote cite="javascript:alert(1)">quote</blockquote>', '<blockquote>quote</blockquote>'],
  ['ftp: is not a web link', '<a href="ftp://x.example/f">ftp</a>', '<a>ftp</a>'],
  ['protocol-relative without a base', '<a href="//evil.example/x">proto-rel</a>', '<a>proto-rel</a>'],

  // SVG and MathML: foreign content is dropped whole, with whatever hides inside.
  ['svg with script and xlink:href', '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">x</a></svg><p>after</p>', '<p>after</p>'],
  ['svg onload', '<svg onload="alert(1)"><circle r="5"/></svg>text', 'text'],
  ['svg foreignObject', '<svg><foreignObject><p>inside</p></foreignObject></svg>', ''],
  ['mathml mutation-XSS shape', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
  ['mathml href', '<math href="javascript:alert(1)">CLICK</math>', ''],
  ['mathml xlink:href data:', '<math><mi xlink:href="data:x,<script>alert(1)</script>">m</mi></math>ok', 'ok'],

  // Comments, CDATA, processing instructions.
  ['comment', '<!-- secret --><p>x</p>', '<p>x</p>'],
  ['IE conditional comment', '<!--[if IE]><script>alert(1)</script><![endif]--><p>x</p>', '<p>x</p>'],
  ['script inside a comment', '<p>x<!-- <script>alert(1)</script> -->y</p>', '<p>xy</p>'],
  ['unterminated comment', '<p>x<!-- unterminated <script>alert(1)</script>', '<p>x</p>'],
  ['CDATA section', '<![CDATA[<script>alert(1)</script>]]>ok', 'ok'],
  ['XML declaration', '<?xml version="1.0"?><p>x</p>', '<p>x</p>'],

  // Tag soup built to reassemble a script after filtering.
  ['nested script tags', '<<script>script>alert(1)<</script>/script>', '&lt;/script&gt;'],
  ['script split by a script', '<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
  ['unterminated img with handler', '<img src=x onerror=alert(1)//', ''],
];

/** News content that must come through, normalized. */
const KEPT: Row[] = [
  ['plain text, returned as is', 'plain text', 'plain text'],
  ['text with an entity', 'a &amp; b', 'a &amp; b'],
  ['entities decoded, markup-significant ones kept escaped', '<p>caf&eacute; &lt;b&gt; &#8217;</p>', '<p>café &lt;b&gt; ’</p>'],
  ['bare < & > escaped', '1 < 2 && 3 > 2', '1 &lt; 2 &amp;&amp; 3 &gt; 2'],
  ['escaped markup stays text', '&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['link with title', '<a href="https://ex.example/" title="T">x</a>', `<a title="T" href="https://ex.example/" ${REL}>x</a>`],
  ['mailto link', '<a href="mailto:a@b.example">mail</a>', `<a href="mailto:a@b.example" ${REL}>mail</a>`],
  ['link host lower-cased, tag names lower-cased', '<A HREF="https://X.example/Path">up</A>', `<a href="https://x.example/Path" ${REL}>up</a>`],
  ['space in a URL percent-encoded', '<a href="https://x.example/a b">space</a>', `<a href="https://x.example/a%20b" ${REL}>space</a>`],
  ['markup in a query percent-encoded', '<a href="https://x.example/?q=<script>">q</a>', `<a href="https://x.example/?q=%3Cscript%3E" ${REL}>q</a>`],
  ['link without href keeps its text, gets no rel', '<a>bare</a>', '<a>bare</a>'],
  ['named anchor loses its name', '<a name="anchor">x</a>', '<a>x</a>'],
  ['target dropped, rel replaced (no window.opener)', '<a href="https://x.example/" target="_blank" rel="opener">x</a>', `<a href="https://x.example/" ${REL}>x</a>`],
  ['image with alt and size', '<img src="https://c.example/a.jpg" alt="A photo" width="640" height="480">', '<img loading="lazy" src="https://c.example/a.jpg" alt="A photo" width="640" height="480" />'],
  ['image: loading forced lazy, srcset and class dropped', '<img src="https://c.example/a.jpg" loading="eager" srcset="x 1x" class="c">', '<img loading="lazy" src="https://c.example/a.jpg" />'],
  ['http image kept', '<img src="http://c.example/a.jpg" alt="B">', '<img loading="lazy" src="http://c.example/a.jpg" alt="B" />'],
  ['image in a link', '<a href="https://x.example/"><img src="https://c.example/a.jpg" alt="A"></a>', `<a href="https://x.example/" ${REL}><img loading="lazy" src="https://c.example/a.jpg" alt="A" /></a>`],
  ['lists', '<ul><li>one</li><li>two</li></ul><ol><li>a</li></ol>', '<ul><li>one</li><li>two</li></ul><ol><li>a</li></ol>'],
  ['definition list', '<dl><dt>T</dt><dd>D</dd></dl>', '<dl><dt>T</dt><dd>D</dd></dl>'],
  ['blockquote with cite', '<blockquote cite="https://src.example/q">quote</blockquote>', '<blockquote cite="https://src.example/q">quote</blockquote>'],
  ['figure and figcaption', '<figure><img src="https://c.example/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>', '<figure><img loading="lazy" src="https://c.example/a.jpg" alt="A" /><figcaption>Cap</figcaption></figure>'],
  [
    'table with spans',
    '<table><caption>C</caption><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td rowspan="1">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    '<table><caption>C</caption><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td rowspan="1">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
  ],
  ['time with datetime', '<time datetime="2024-01-01">Jan</time>', '<time datetime="2024-01-01">Jan</time>'],
  ['details and summary', '<details><summary>S</summary>body</details>', '<details><summary>S</summary>body</details>'],
  ['inline formatting', '<p><b>b</b> <strong>s</strong> <em>e</em> <i>i</i> <u>u</u> <s>s</s> <mark>m</mark> <sub>1</sub><sup>2</sup> <code>c</code></p>', '<p><b>b</b> <strong>s</strong> <em>e</em> <i>i</i> <u>u</u> <s>s</s> <mark>m</mark> <sub>1</sub><sup>2</sup> <code>c</code></p>'],
  ['headings, unknown h7 unwrapped', '<h1>t</h1><h2>u</h2><h7>x</h7>', '<h1>t</h1><h2>u</h2>x'],
  ['data- attributes dropped', '<p title="x" class="y" data-foo="z">x</p>', '<p>x</p>'],
];

/** Lazy-loading and tracking images. */
const IMAGES: Row[] = [
  ['data: placeholder replaced by data-src', '<img src="data:image/gif;base64,R0l" data-src="https://c.example/real.jpg" alt="L">', '<img loading="lazy" src="https://c.example/real.jpg" alt="L" />'],
  ['no src: first candidate of data-srcset', '<img data-srcset="https://c.example/s.jpg 1x, https://c.example/l.jpg 2x" alt="L">', '<img loading="lazy" src="https://c.example/s.jpg" alt="L" />'],
  ['no src: first candidate of srcset', '<img srcset="https://c.example/s.jpg 480w, https://c.example/l.jpg 960w">', '<img loading="lazy" src="https://c.example/s.jpg" />'],
  ['1x1 tracking pixel dropped', '<img src="https://c.example/open.gif" width="1" height="1">', ''],
  ['0x0 image dropped', '<img src="https://c.example/a.jpg" width="0" height="0">', ''],
  ['1 px wide but tall is not a pixel', '<img src="https://c.example/a.jpg" width="1" height="300">', '<img loading="lazy" src="https://c.example/a.jpg" width="1" height="300" />'],
  ['image without any src dropped', '<img alt="no src">', ''],
  ['data: image with no real source dropped', '<img src="  DATA:image/png;base64,AA" alt="x">', ''],
];

/** Malformed markup: balanced, nothing invented beyond closing tags. */
const MALFORMED: Row[] = [
  ['unclosed tags closed', '<p>unclosed <b>bold', '<p>unclosed <b>bold</b></p>'],
  ['stray closing tags dropped', '<p>x</div></span>y', '<p>xy</p>'],
  ['misnested tags closed in order', '<b>bold <i>both</b> italic</i>', '<b>bold <i>both</i></b> italic'],
  ['tag missing its >', '<a href="https://x.example/"<b>x</b>', `<a href="https://x.example/" ${REL}>x</a>`],
  ['whole document: body kept, head and wrappers gone', '<!DOCTYPE html><html><head></head><body><p>x</p></body></html>', '<p>x</p>'],
  ['lone <', '<', '&lt;'],
  ['lone &', '&', '&amp;'],
  ['lone >', '>', '&gt;'],
  ['empty', '', ''],
];

describe('sanitizeHtml without a base URL', () => {
  it.each(HOSTILE)('hostile: %s', (_what, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it.each(KEPT)('kept: %s', (_what, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it.each(IMAGES)('images: %s', (_what, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it.each(MALFORMED)('malformed: %s', (_what, input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it('leaves no executable residue in any hostile output', () => {
    for (const [what, input] of HOSTILE) {
      const out = sanitizeHtml(input);
      expect(out, what).not.toMatch(/<\s*(script|style|iframe|object|embed|svg|math|form|input|base|meta|link|textarea|template)\b/i);
      expect(out, what).not.toMatch(/\son\w+\s*=/i);
      expect(out, what).not.toMatch(/(href|src|cite)\s*=\s*"\s*(javascript|vbscript|data):/i);
    }
  });

  it('drops relative URLs, which cannot be resolved without a base', () => {
    expect(sanitizeHtml('<a href="/x">rel</a>')).toBe('<a>rel</a>');
    expect(sanitizeHtml('<img src="/i.jpg" alt="A">')).toBe('');
  });
});

describe('sanitizeHtml with a base URL', () => {
  const withBase: Row[] = [
    ['root-relative href', '<a href="/x">rel</a>', `<a href="https://example.org/x" ${REL}>rel</a>`],
    ['document-relative href', '<a href="y">rel</a>', `<a href="https://example.org/news/y" ${REL}>rel</a>`],
    ['fragment', '<a href="#frag">frag</a>', `<a href="https://example.org/news/a.html#frag" ${REL}>frag</a>`],
    ['protocol-relative takes the base scheme', '<a href="//other.example/x">p</a>', `<a href="https://other.example/x" ${REL}>p</a>`],
    ['relative img src', '<img src="/i.jpg" alt="A">', '<img loading="lazy" src="https://example.org/i.jpg" alt="A" />'],
    ['relative lazy src behind a placeholder', '<img src="https://c.example/placeholder.png" data-lazy-src="/real.jpg">', '<img loading="lazy" src="https://example.org/real.jpg" />'],
    ['absolute URL untouched', '<a href="https://x.example/p">a</a>', `<a href="https://x.example/p" ${REL}>a</a>`],
    // A base never turns a hostile URL into a relative path.
    ['javascript: still dropped', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['encoded newline in javascript: still dropped', '<a href="jav&#x0A;ascript:alert(1)">x</a>', '<a>x</a>'],
    ['NUL before javascript: still dropped', '<a href="\u0000javascript:alert(1)">x</a>', '<a>x</a>'],
    ['data: link still dropped', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['percent-encoded colon is a harmless relative path', '<a href="javascript%3Aalert(1)">x</a>', `<a href="https://example.org/news/javascript%3Aalert(1)" ${REL}>x</a>`],
  ];

  it.each(withBase)('%s', (_what, input, expected) => {
    expect(sanitizeHtml(input, { baseUrl: BASE })).toBe(expected);
  });

  it('treats a null base like no base', () => {
    expect(sanitizeHtml('<a href="/x">x</a>', { baseUrl: null })).toBe('<a>x</a>');
  });
});

describe('sanitizeHtml on deep nesting', () => {
  it('keeps deeply nested allowed markup whole (there is no nesting limit) and does not overflow the stack', () => {
    const depth = 2000;
    const out = sanitizeHtml(`${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`);
    expect(out).toBe(`${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`);
  });

  it('closes thousands of unclosed tags', () => {
    const out = sanitizeHtml(`${'<b>'.repeat(3000)}x`);
    expect(out).toBe(`${'<b>'.repeat(3000)}x${'</b>'.repeat(3000)}`);
  });

  it('drops a script however deep it is buried', () => {
    const out = sanitizeHtml(`${'<blockquote>'.repeat(500)}<script>alert(1)</script>ok${'</blockquote>'.repeat(500)}`);
    expect(out).not.toContain('script');
    expect(out).toContain('ok');
  });
});

describe('escapeHtml', () => {
  it('escapes the five markup-significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">'&'</a> café`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62; café');
  });

  it('round-trips through the sanitizer as text', () => {
    expect(sanitizeHtml(escapeHtml('<script>alert(1)</script>'))).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
