/** Plain types of the article extractor. No I/O here. (`Article`, what it returns, is a model type.) */
import type { Article } from '../model/article.js';

export type { Article };

/**
 * Why a page gave no article. The fetching side records its own codes (too_large, http_status, ...).
 * 'cancelled': the pool was closed (prayerwire is stopping) before or while the page ran; not the page's fault.
 */
export type ExtractErrorCode = 'not_readable' | 'paywall' | 'not_html' | 'timeout' | 'crashed' | 'cancelled';

export type ExtractResult =
  | { ok: true; article: Article }
  | { ok: false; code: ExtractErrorCode; message: string };

/** Which DOM implementation to parse with. `auto`: linkedom, then jsdom when linkedom throws or finds nothing. */
export type DomChoice = 'auto' | 'linkedom' | 'jsdom';

export interface ExtractOptions {
  /** Default 'auto'. Tests and the benchmark pin one to compare. */
  dom?: DomChoice;
  /** Default true: strip scripts, styles, svg, comments, ... from the source text before parsing. */
  preStrip?: boolean;
}
