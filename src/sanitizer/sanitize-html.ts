/**
 * The one HTML sanitizer: every piece of untrusted HTML (feed content, extracted articles, Markdown notes)
 * goes through `sanitizeHtml` before it is stored or shown.
 *
 * `sanitize-html` (htmlparser2, no DOM: ~10x faster than DOMPurify on jsdom, which matters at ingest rates) with a
 * policy for news content: no scripts, styles, event handlers, forms, frames or embeds; only http(s)/mailto URLs;
 * relative URLs made absolute; lazy-load image attributes resolved; tracking pixels dropped; links get
 * rel="noopener noreferrer nofollow".
 *
 * @example
 * sanitizeHtml('<a href="/x" onclick="evil()">x</a>', { baseUrl: 'https://example.org/' })
 * // '<a href="https://example.org/x" rel="noopener noreferrer nofollow">x</a>'
 */
import sanitize from 'sanitize-html';

export interface SanitizeOptions {
  /** Base URL that relative href/src are resolved against. */
  baseUrl?: string | null;
}

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt',
  'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'u', 'ul',
];
const LAZY_SRC_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-orig-file', 'data-url', 'data-srcset', 'srcset'];
const SAFE_PROTOCOL = /^(?:https?|mailto):$/;

function absolutize(value: string | undefined, base: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return SAFE_PROTOCOL.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function isPlaceholderSrc(src: string | undefined): boolean {
  return !src || src.startsWith('data:') || /placeholder|blank\.|spacer|lazy|pixel\.gif/i.test(src);
}

function realImageSrc(attribs: Record<string, string>): string | undefined {
  if (!isPlaceholderSrc(attribs.src)) return attribs.src;
  for (const name of LAZY_SRC_ATTRS) {
    const v = attribs[name];
    if (v) return name.endsWith('srcset') ? v.split(',')[0]?.trim().split(/\s+/)[0] : v;
  }
  return undefined;
}

function buildOptions(base: string | null): sanitize.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      time: ['datetime'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      blockquote: ['cite'],
      q: ['cite'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'button'],
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => {
        const href = absolutize(attribs.href, base);
        const out: Record<string, string> = {};
        if (attribs.title) out.title = attribs.title;
        if (href) {
          out.href = href;
          out.rel = 'noopener noreferrer nofollow';
        }
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = absolutize(realImageSrc(attribs), base);
        const out: Record<string, string> = { loading: 'lazy' };
        if (src) out.src = src;
        for (const k of ['alt', 'title', 'width', 'height'] as const) if (attribs[k]) out[k] = attribs[k];
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const { src, width, height } = frame.attribs;
      const tiny = (width === '1' || width === '0') && (height === '1' || height === '0');
      return !src || tiny;
    },
  };
}

const noBaseOptions = buildOptions(null);

/** Sanitize untrusted HTML into a safe fragment. Text without markup or entities comes back as it is. */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  if (!html) return '';
  if (!/[<&>]/.test(html)) return html;
  const base = options.baseUrl ?? null;
  return sanitize(html, base ? buildOptions(base) : noBaseOptions);
}

/** Escape text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
