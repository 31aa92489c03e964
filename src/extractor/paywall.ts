/** Paywall markers: a subscribe/login wall in the markup or text, or JSON-LD `isAccessibleForFree: false`. */

const WALL_CLASS = /(?:^|[\s_-])(?:paywall|paywalled|regwall|metered|meter-wall|subscriber-only|subscribers-only|premium-content|premium-article|piano-offer|tp-modal|tp-container|article-locked|locked-content|content-gate|gated)(?=$|[\s_-])/i;
const WALL_TEXT =
  /\b(?:subscribe (?:now )?to (?:continue|keep) reading|(?:this|the) (?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:paid )?(?:subscribers|members)|subscribers? only|already (?:a )?(?:subscriber|member)\s*\??\s*(?:log|sign) ?in|(?:log|sign) ?in to (?:continue|read|keep reading)|create a free account to (?:continue|read)|you(?:'ve| have) (?:reached|used) (?:your|all your) (?:free article|article limit)|to continue reading,? (?:please )?(?:subscribe|log in|sign in))/i;

/** True when the page shows subscribe/login wall markers. Run it before furniture removal (which drops such boxes). */
export function hasPaywallMarkers(document: Document, notFree: boolean): boolean {
  if (notFree) return true;
  const body = document.body;
  if (!body) return false;
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (WALL_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) return true;
  }
  return WALL_TEXT.test((body.textContent ?? '').replace(/\s+/g, ' '));
}
