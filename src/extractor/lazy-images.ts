/**
 * Lazy-loaded images, resolved before Readability: it judges images by `src`, and drops `<noscript>`, so a lazy
 * placeholder would otherwise reach the sanitizer with only a 1x1 GIF.
 */

const LAZY_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-orig-file', 'data-url', 'data-lazy', 'data-hi-res-src'];
const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset'];

function isPlaceholder(src: string | null): boolean {
  return !src || !src.trim() || src.startsWith('data:') || /placeholder|blank\.|spacer|lazy|pixel\.gif|grey\.gif|transparent/i.test(src);
}

/** Attributes an `<amp-img>` passes on to the `<img>` that replaces it. */
const AMP_IMG_ATTRS = ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'title'];

/**
 * AMP pages have no `<img>`: `<amp-img>` (and `<amp-anim>`) are custom elements that Readability and the sanitizer
 * drop. Turn each into a plain `<img>`; its `fallback`/`placeholder` children go with it.
 */
export function resolveAmpImages(document: Document): void {
  for (const amp of Array.from(document.querySelectorAll('amp-img, amp-anim'))) {
    const img = document.createElement('img');
    for (const name of AMP_IMG_ATTRS) {
      const v = amp.getAttribute(name);
      if (v !== null) img.setAttribute(name, v);
    }
    if (img.getAttribute('src')) amp.replaceWith(img);
    else amp.remove();
  }
}

/** Give every lazy `<img>` its real `src` (from data-* attributes or the `<noscript>` copy), then drop `<noscript>`. */
export function resolveLazyImages(document: Document): void {
  for (const img of Array.from(document.querySelectorAll('img'))) {
    if (!isPlaceholder(img.getAttribute('src'))) continue;
    const real = LAZY_ATTRS.map((a) => img.getAttribute(a)).find((v) => v && !isPlaceholder(v));
    if (real) {
      img.setAttribute('src', real.trim());
      continue;
    }
    const set = LAZY_SRCSET_ATTRS.map((a) => img.getAttribute(a)).find((v) => v && v.trim());
    if (set) {
      const first = set.split(',')[0]?.trim().split(/\s+/)[0];
      if (first) img.setAttribute('src', first);
      img.setAttribute('srcset', set);
    }
  }
  for (const ns of Array.from(document.querySelectorAll('noscript'))) {
    const inner = ns.querySelector('img');
    const prev = ns.previousElementSibling;
    const prevImg = prev?.tagName.toUpperCase() === 'IMG' ? prev : prev?.querySelector('img') ?? null;
    if (inner && prevImg && isPlaceholder(prevImg.getAttribute('src')) && inner.getAttribute('src')) {
      prevImg.setAttribute('src', inner.getAttribute('src')!);
    } else if (inner && !prevImg && inner.getAttribute('src')) {
      ns.replaceWith(inner);
      continue;
    }
    ns.remove();
  }
}
