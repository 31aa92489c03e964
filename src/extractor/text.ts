/** Plain text from an article element, and word counting. */

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CENTER',
]);
/** Elements whose text the sanitizer drops, so the plain text must not carry it either. */
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'BUTTON', 'IFRAME', 'OBJECT', 'SVG', 'MATH', 'HEAD', 'TITLE']);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Plain text of `root`: one paragraph per block element, paragraphs separated by a blank line, whitespace collapsed
 * inside a paragraph, `<br>` kept as a line break, list items as "- item" lines.
 */
export function elementToText(root: Element): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const lines = current
      .split('\n')
      .map((l) => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter(Boolean);
    if (lines.length) paragraphs.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === TEXT_NODE) {
      current += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'BR') {
      current += '\n';
      return;
    }
    if (tag === 'IMG') return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    if (tag === 'LI') current += '- ';
    if (tag === 'TD' || tag === 'TH') current += ' ';
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c);
    if (block && tag !== 'TD' && tag !== 'TH') flush();
  };
  walk(root);
  flush();
  return joinParagraphs(paragraphs);
}

/** Blank line between paragraphs, but consecutive list items stay one per line. */
function joinParagraphs(paragraphs: string[]): string {
  let out = '';
  paragraphs.forEach((p, i) => {
    if (i > 0) out += p.startsWith('- ') && paragraphs[i - 1]!.startsWith('- ') ? '\n' : '\n\n';
    out += p;
  });
  return out;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/g;
const WORDISH = /[\p{L}\p{N}]/u;

/** Words in `text`: whitespace-separated tokens with a letter or digit; each CJK ideograph or kana counts as one. */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) {
    if (!token || !WORDISH.test(token)) continue;
    const cjk = token.match(CJK)?.length ?? 0;
    n += cjk > 0 ? cjk + (token.replace(CJK, '').match(/[\p{L}\p{N}]+/gu)?.length ?? 0) : 1;
  }
  return n;
}

/** Reading time at ~230 words per minute, at least one minute. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}

/** First paragraph-ish excerpt of `text`, cut on a word boundary near `max` characters. */
export function excerptOf(text: string, max = 280): string {
  const paragraphs = text.split(/\n\n/);
  const first = paragraphs.find((p) => !p.startsWith('- ') && p.split(/\s+/).length >= 25) ?? paragraphs[0] ?? '';
  const flat = first.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6)).replace(/[\s,;:.-]+$/, '')}…`;
}
