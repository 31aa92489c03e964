/**
 * The page's lead image. News and blog templates put the lead photo in the article header, beside the text container
 * Readability picks, so the extracted HTML would lose it. Found before Readability mutates the page; put back at the
 * top of the article when the article has no copy of it.
 */
import { removeBoilerplateBlocks } from './boilerplate.js';
import { resolveUrl } from './dom.js';

/** Class/id words of a lead image wrapper (`lead-media`, `article-hero`, `post-thumbnail`, `featured-image`, ...). */
const LEAD_WRAPPER = /(?:^|[\s_-])(?:lead|hero|featured|thumbnail|post-image|article-image|main-image|top-image|headline-image|wp-post-image)(?=$|[\s_-])/i;
/** Images that are not a lead photo: logos, avatars, icons, trackers. */
const NOT_LEAD = /(?:^|[\s_/.-])(?:logo|avatar|author|profile|icon|sprite|badge|pixel|spacer|emoji)(?=$|[\s_/.-])/i;
/** Smaller than this (declared width or height) is an icon, not a lead photo. */
const MIN_SIDE = 200;
/** Containers where a lead image never lives. */
const OUTSIDE = 'nav, footer, aside, [role="banner"], [role="navigation"], [role="contentinfo"], [role="complementary"]';

/** A detached copy of the lead image (its `<figure>` with caption when it has one), with its absolute `src`. */
export interface LeadImage {
  node: Element;
  src: string;
}

/**
 * Find the lead image of `document`: an image inside a wrapper named like a lead image, else the image whose URL is
 * the page's og:image (`metaImageUrl`), else a photo just above the first paragraph of text, in the same container.
 * Returns null when none exists.
 */
export function findLeadImage(document: Document, metaImageUrl: string | null, url: string): LeadImage | null {
  const body = document.body;
  if (!body) return null;
  const candidates = Array.from(body.querySelectorAll('img')).filter((img) => isPhoto(img, url));
  const named = candidates.find((img) => hasLeadWrapper(img, body));
  const meta = metaImageUrl ? candidates.find((img) => samePicture(resolveUrl(img.getAttribute('src'), url), metaImageUrl)) : undefined;
  const img = named ?? meta ?? photoAboveText(body, candidates);
  if (!img) return null;
  const src = resolveUrl(img.getAttribute('src'), url);
  if (!src) return null;
  const figure = img.closest('figure');
  const node = (figure && figure.querySelectorAll('img').length === 1 ? figure : img).cloneNode(true) as Element;
  return { node, src };
}

/** Put `lead` at the top of the article `root` unless the article already shows that picture. */
export function keepLeadImage(root: Element, lead: LeadImage, url: string): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    if (samePicture(resolveUrl(img.getAttribute('src'), url), lead.src)) return;
  }
  const doc = root.ownerDocument;
  const wrapper = doc.createElement('div');
  wrapper.appendChild(doc.importNode(lead.node, true));
  removeBoilerplateBlocks(wrapper); // a caption's credit line
  root.insertBefore(wrapper, root.firstChild);
}

function isPhoto(img: Element, url: string): boolean {
  const src = resolveUrl(img.getAttribute('src'), url);
  if (!src || src.startsWith('data:')) return false;
  if (img.closest(OUTSIDE)) return false;
  const names = `${img.getAttribute('class') ?? ''} ${img.getAttribute('id') ?? ''} ${img.getAttribute('alt') ?? ''} ${src}`;
  if (NOT_LEAD.test(names)) return false;
  for (const side of ['width', 'height']) {
    const n = Number.parseInt(img.getAttribute(side) ?? '', 10);
    if (Number.isFinite(n) && n < MIN_SIDE) return false;
  }
  return true;
}

/** How far above the image a lead wrapper may be (img < picture < figure < wrapper). */
const WRAPPER_DEPTH = 3;

/** A paragraph this long starts the article text. */
const TEXT_START = 120;
/** How far above the image the container shared with the first paragraph may be. */
const SHARED_DEPTH = 3;

function photoAboveText(body: Element, candidates: Element[]): Element | undefined {
  const order = Array.from(body.querySelectorAll('img, p'));
  const firstText = order.find((el) => el.tagName.toUpperCase() === 'P' && (el.textContent ?? '').trim().length >= TEXT_START && !el.closest(OUTSIDE));
  if (!firstText) return undefined;
  const textAt = order.indexOf(firstText);
  return candidates.find((img) => {
    if (order.indexOf(img) > textAt) return false;
    let box: Element | null = img.parentElement;
    for (let d = 0; box && box !== body && d < SHARED_DEPTH; d++, box = box.parentElement) {
      if (box.contains(firstText)) return true;
    }
    return false;
  });
}

function hasLeadWrapper(img: Element, body: Element): boolean {
  let depth = 0;
  for (let el: Element | null = img; el && el !== body && depth <= WRAPPER_DEPTH; el = el.parentElement, depth++) {
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (LEAD_WRAPPER.test(names)) return true;
  }
  return false;
}

/** Same picture: same URL, or the same file name in another size (`x-1024x576.jpg`, `/size/w1200/`). */
function samePicture(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return a === b || baseName(a) === baseName(b);
}

function baseName(u: string): string {
  const path = u.split(/[?#]/)[0] ?? '';
  const file = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return file.replace(/-\d+x\d+(?=\.\w+$)/, '').replace(/-(?:\d{3,4})(?=\.\w+$)/, '');
}
