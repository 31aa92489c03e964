/**
 * Boilerplate removal around Readability: `preCleanDocument` drops page furniture by tag, role and class/id before
 * Readability scores the page; `removeBoilerplateBlocks` drops the short lines Readability keeps inside the article
 * container (reading time, photo credits, share/donate/newsletter prompts, previous/next links, ...).
 */

/** Class/id words of page furniture. Matched as whole dash/underscore-separated words of a class or id. */
const FURNITURE =
  /(?:^|[\s_-])(?:cookies?|consent|gdpr|cmp|cc-window|share|sharing|sharedaddy|shares|social|socials|social-links|newsletter|subscribe|subscription|signup|sign-up|optin|related|relatedposts|jp-relatedposts|promo|promos|promotion|donate|donation|donations|comments?|respond|disqus|bio|author-box|authorbox|about-author|breadcrumbs?|pagination|post-navigation|nav-links|prev-next|navigation|navbar|menu|advert|advertisement|ads|ad-slot|ad-container|sponsor|sponsored|popup|modal|overlay|sidebar|widget|widgets|reading-time|rt-reading-time|read-time|print-button|skip-link|tags|tag-links|toolbar|article-tag|post-tag|primary-tag|avatar|author-image|author-avatar|author-profile-image|author-card|don|faire-un-don|donativo|donativos|partage|compartir)(?=$|[\s_-])/i;
/** Elements that are never article text. */
const FURNITURE_SELECTOR =
  'nav, aside, form, button, select, textarea, input, dialog, iframe, object, embed, [hidden], [role="navigation"], [role="dialog"], [role="banner"], [role="contentinfo"], [role="complementary"], [aria-modal="true"]';
/** Never removed by the class/id rule: the containers the article usually lives in. */
const PROTECTED_TAGS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/**
 * Remove page furniture from `document.body`: navigation, forms, dialogs, and elements whose class or id names
 * cookie banners, share bars, newsletter boxes, related posts, promos, donate boxes, comments, author bios...
 * An element holding a large share of the page's text is kept whatever its name (WordPress puts `tag-social`,
 * `comments-open` on the article wrapper; ASP.NET wraps the whole page in a `<form>`).
 */
export function preCleanDocument(document: Document): void {
  const body = document.body;
  if (!body) return;
  const total = textLength(body);
  const holdsTooMuch = (el: Element): boolean => total > 0 && textLength(el) > total * 0.4;
  for (const el of Array.from(body.querySelectorAll(FURNITURE_SELECTOR))) {
    if (el.isConnected !== false && !holdsTooMuch(el)) el.remove();
  }
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (PROTECTED_TAGS.has(el.tagName.toUpperCase())) continue;
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!FURNITURE.test(names)) continue;
    if (isInsideRemoved(el, body)) continue;
    if (holdsTooMuch(el) || el.querySelector('article, main')) continue;
    el.remove();
  }
}

function isInsideRemoved(el: Element, body: Element): boolean {
  let n: Node | null = el;
  while (n && n !== body) n = n.parentNode;
  return n !== body;
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').length;
}

/** Whole short lines that are boilerplate, not article text (tested on the trimmed, whitespace-collapsed text). */
const BOILERPLATE_LINES: RegExp[] = [
  /^reading time\s*:?\s*\d+\s*(?:min|mins|minutes?)\b/i,
  /^\d+\s*(?:min|mins|minutes?)\s+read$/i,
  /^(?:temps de lecture|tiempo de lectura)\s*:?\s*\d+/i,
  /^(?:previous|prev\.?|next)\s*(?:article|post|story|page)(?:\b|(?=next))/i,
  /^(?:image|images|photo|photos|picture|pictures|credit|credits|photo credit|image credit|image source|source image|foto)\s*:\s*\S/i,
  // French / Spanish credit lines: "Crédit photo : …", "Foto: …", "Fotografía: …"
  /^(?:cr[ée]dits?(?: photos?)?|photos? ?:|cr[ée]dito(?: de (?:la )?foto)?|fotograf[íi]a|imagen)\s*:?\s*\S/i,
  /^\(?(?:[^()]{0,60}\.\s*)?(?:photo|image) credit\s*:/i,
  /^(?:please\s+)?(?:donate|give)(?:\s+(?:now|today|online|here|securely))?\s*[.!]*$/i,
  /^(?:make a (?:gift|donation)|support (?:our|this) (?:work|ministry|journalism))\b/i,
  /^(?:je (?:fais|donne)|faire) un don\b|^(?:haz|hacer|haga) (?:un|tu|su) donativo\b|^(?:donar|dona) (?:ahora|aquí|hoy)\b/i,
  /^(?:partager|compartir)(?: (?:cet article|este artículo|en|sur))?\s*:?$/i,
  /^(?:related|recommended|similar|more)\s+(?:articles?|posts?|stories|news|content|reading)\b/i,
  /^(?:you (?:may|might) (?:also )?(?:like|enjoy)|read (?:more|next|also)|see also|also read|more from)\b\s*:?/i,
  /^share(?:\s+(?:this|on|via|the|article|post|story)\b.*)?\s*:?$/i,
  /^(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|email|e-mail|print|pinterest|reddit|copy link)[\s|,·•/]*){2,}$/i,
  /^(?:sign up|subscribe)\b.*\b(?:newsletter|updates|emails?|inbox|list)\b/i,
  /^sign up (?:for|to)\b/i,
  /^(?:our|this) (?:web)?site uses cookies\b/i,
  /^we use cookies\b/i,
  /^(?:this (?:web)?site|we) uses? cookies\b/i,
  /^(?:accept|reject|allow|deny)(?:\s+(?:all|necc?essary|cookies|selection))?$/i,
  /^cookie (?:settings|preferences|policy)$/i,
  /^(?:\d+\s+)?(?:comments?|responses?|replies)$/i,
  /^(?:leave|post|add|write) a (?:comment|reply)\b/i,
  /^(?:join|start) the (?:discussion|conversation)\b/i,
  /^about the author\b/i,
  /^(?:tags?|filed under|categories|topics)\s*:/i,
  /^advertisement$/i,
  /^back(?: to [\w\s]{1,40})?(?:\s*[|·•]\s*back(?: to [\w\s]{1,40})?)*$/i,
  /^(?:page )?last (?:updated|modified)\b/i,
  /\byou are visitor\b|\bvisitor (?:number|no\.?)\s*\d*$/i,
  /\b(?:sign|view) (?:our|the) guestbook\b/i,
];
const LINE_MAX = 220;
const COOKIE_PARAGRAPH_MAX = 1200;

/** True when a line of text is boilerplate on its own. */
export function isBoilerplateLine(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return false;
  if (t.length <= COOKIE_PARAGRAPH_MAX && /^(?:our|this) (?:web)?site uses cookies|^we use cookies/i.test(t)) return true;
  if (t.length > LINE_MAX) return false;
  return BOILERPLATE_LINES.some((re) => re.test(t));
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, figcaption, div, section, blockquote, dt, dd, td, center, font, small, span, a, strong, b, em, i';
/** Section headings whose following list of links is boilerplate too ("Related articles" + <ul>). */
const SECTION_HEADING = /^(?:related|recommended|more)\s+(?:articles?|posts?|stories|news|content|reading)\b|^(?:you (?:may|might) (?:also )?like|read (?:more|next|also)|see also|about the author)\b/i;

/**
 * Drop boilerplate blocks inside the extracted article container `root`: short blocks whose whole text is a
 * boilerplate line, and a "Related articles"/"Read more" heading together with the list of links after it.
 */
export function removeBoilerplateBlocks(root: Element): void {
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    if (!isAttachedTo(el, root)) continue;
    const text = el.textContent ?? '';
    if (!isBoilerplateLine(text)) continue;
    if (SECTION_HEADING.test(text.trim())) removeFollowingLinkList(el);
    removeWithEmptyParents(el, root);
  }
  removeLinkFarms(root);
  unwrapOrphanTableParts(root);
  // Images left without a caption that was a credit line are fine; empty wrappers are not.
  for (const el of Array.from(root.querySelectorAll('p, div, section, figure, li, ul, ol, span'))) {
    if (isAttachedTo(el, root) && !(el.textContent ?? '').trim() && !el.querySelector('img, picture, video, table, hr, br')) el.remove();
  }
}

function removeFollowingLinkList(el: Element): void {
  const next = el.nextElementSibling;
  if (!next || !/^(?:UL|OL|DIV|SECTION)$/i.test(next.tagName)) return;
  const text = (next.textContent ?? '').replace(/\s+/g, '').length;
  const linkText = Array.from(next.querySelectorAll('a')).reduce((n, a) => n + (a.textContent ?? '').replace(/\s+/g, '').length, 0);
  if (text > 0 && linkText / text > 0.5) next.remove();
}

function removeWithEmptyParents(el: Element, root: Element): void {
  let parent: Element | null = el.parentElement;
  el.remove();
  while (parent && parent !== root && !(parent.textContent ?? '').trim() && !parent.querySelector('img')) {
    const up: Element | null = parent.parentElement;
    parent.remove();
    parent = up;
  }
}

function isAttachedTo(el: Element, root: Element): boolean {
  let n: Node | null = el;
  while (n && n !== root) n = n.parentNode;
  return n === root;
}

/**
 * Navigation that Readability kept (a hand-made page's menu cell next to the text): a block of three or more links
 * with almost no other text.
 */
function removeLinkFarms(root: Element): void {
  for (const el of Array.from(root.querySelectorAll('td, div, ul, ol, p, span, font, section, center, nav'))) {
    if (!isAttachedTo(el, root)) continue;
    const links = Array.from(el.querySelectorAll('a'));
    if (links.length < 3) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > 400) continue;
    const linkText = links.reduce((n, a) => n + (a.textContent ?? '').replace(/\s+/g, ' ').trim().length, 0);
    if (linkText >= text.replace(/[\s|·•,»›/-]+/g, '').length * 0.7) el.remove();
  }
}

/**
 * When Readability picks a layout table's row or cell as the article, its `<tr>`/`<td>` arrive without a `<table>`
 * and a browser would drop them: turn such parts into `<div>`s.
 */
function unwrapOrphanTableParts(root: Element): void {
  const doc = root.ownerDocument;
  for (const el of Array.from(root.querySelectorAll('tbody, thead, tfoot, tr, td, th'))) {
    let n: Element | null = el.parentElement;
    while (n && n !== root && n.tagName.toUpperCase() !== 'TABLE') n = n.parentElement;
    if (n && n !== root) continue;
    if (/^T(?:BODY|HEAD|FOOT)$/i.test(el.tagName)) {
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    const div = doc.createElement('div');
    while (el.firstChild) div.appendChild(el.firstChild);
    el.replaceWith(div);
  }
}
