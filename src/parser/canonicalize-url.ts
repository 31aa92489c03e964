/** URL normalization for item links: one canonical spelling per article so re-polls and duplicates match. */

/** Query parameters that only track the click, never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi',
  '__hssc', '__hstc', '__hsfp', 'hsctatracking', 'igshid', 'yclid', 'ysclid', 'ref_src', 'ref_url', 'twclid',
  'ttclid', 'li_fat_id', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'wickedid', 'rb_clickid',
  's_cid', 'srsltid', '_ga', '_gl', 'ga_source', 'ga_medium', 'ga_campaign', 'ga_content', 'ga_term', 'spm',
  'at_medium', 'at_campaign', 'cmpid', 'ncid', 'sr_share', 'soc_src', 'soc_trk', 'xtor',
]);
/** Prefixes of tracking parameter families. */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'matomo_', 'hmb_', 'itm_'];

/** True when a (decoded, lower-cased) query parameter name is a known tracker. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq === -1 ? pair : pair.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** `url` parsed as a URL object, relative to `base` (which may be null); any scheme; null when either is unusable. */
export function parseUrl(url: string | null | undefined, base?: string | null): URL | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  try {
    return base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
}

/**
 * Canonical absolute form of an http(s) URL, or null for anything else (mailto:, javascript:, garbage).
 * Host lower-cased, default port dropped, fragment removed, tracking parameters removed, the remaining
 * parameters kept in their order and spelling.
 *
 * @example
 * canonicalizeUrl('/news/1?id=7&utm_source=rss#top', 'HTTPS://Example.org:443/feed') // 'https://example.org/news/1?id=7'
 */
export function canonicalizeUrl(url: string | null | undefined, base?: string | null): string | null {
  const parsed = parseUrl(url, base);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return null;
  parsed.hash = '';
  if (parsed.search) {
    const kept = parsed.search.slice(1).split('&').filter((pair) => pair && !isTrackingParam(paramName(pair)));
    parsed.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return parsed.href;
}
