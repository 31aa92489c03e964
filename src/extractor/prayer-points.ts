/**
 * The article's own prayer list. Ministry articles often end with "Please join us in prayer for the following:" and a
 * list, or "Pray for North Korea" and a few short "Pray that …" paragraphs. A short intro line (a heading, a line
 * ending in ":", or one that starts like a call to prayer) followed by a list, by short paragraphs, or by `<br>` lines
 * inside the same paragraph gives the points. A sentence in the body such as "the Church can pray that …" is not an
 * intro: it is long and does not open the line.
 */

const INTRO_START =
  /^(?:please\s+)?(?:(?:join|help)\s+us\s+(?:in\s+)?(?:prayer|praying|pray)|(?:continue\s+to\s+|keep\s+)?pray(?:ing)?\s+(?:for|that|with|about|over)\b|let\s+us\s+pray|let's\s+pray|pray\b|prayer\s+(?:points?|requests?|needs|focus|pointers|guide)|how\s+(?:to|you\s+can|can\s+you|we\s+can)\s+pray|ways\s+to\s+pray|points?\s+(?:for|of)\s+prayer|praying\s+for)/i;
/** French and Spanish intros: "Prions pour …", "Sujets de prière", "Oremos por …", "Motivos de oración". */
const INTRO_START_FR_ES =
  /^(?:(?:continuons\s+à\s+|continuez\s+à\s+)?pri(?:ons|ez)\s+(?:pour|que|afin|avec)|prions\b|sujets?\s+de\s+pri[èe]re|pri[èe]re\s+pour|comment\s+prier|(?:sigamos\s+)?oremos\s+(?:por|para|que|con)|oremos\b|(?:motivos|peticiones|puntos)\s+de\s+oraci[óo]n|c[óo]mo\s+orar|or(?:a|en)\s+por)/i;
const INTRO_ANYWHERE = /\b(?:pray|prayer|praying|prions|priez|prier|pri[èe]re|oremos|orar|oraci[óo]n|oren)(?![\p{L}])/iu;
const INTRO_MAX = 160;
const POINT_MAX = 400;
const MAX_POINTS = 20;
const HEADING = /^H[1-6]$/;
const BULLET = /^(?:[•·▪◦●○■□►▶➤✓✔*–—-]+|\(?\d{1,2}[.)]|\(?[a-z][.)](?=\s))\s*/i;

/** Prayer points of the article in `root`, each a trimmed sentence without its bullet; [] when there is no prayer list. */
export function findPrayerPoints(root: Element): string[] {
  const candidates = Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6, p, div, td, center, font, span, strong, b, dt'));
  for (const el of candidates) {
    if (!isIntro(el)) continue;
    const points = pointsAfter(el, root);
    if (points.length >= 1) return points.slice(0, MAX_POINTS);
  }
  return [];
}

function firstLine(el: Element): string {
  // Text up to the first <br> (an intro can share a paragraph with its points).
  let out = '';
  const walk = (n: Node): boolean => {
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      if ((n as Element).tagName.toUpperCase() === 'BR') return true;
      for (let c = n.firstChild; c; c = c.nextSibling) if (walk(c)) return true;
    }
    return false;
  };
  walk(el);
  return clean(out);
}

function isIntro(el: Element): boolean {
  const line = firstLine(el);
  if (!line || line.length > INTRO_MAX || !INTRO_ANYWHERE.test(line)) return false;
  // A block containing a whole list is not an intro line itself (its first child might be).
  if (el.querySelector('ul, ol, p, h1, h2, h3, h4, h5, h6')) return false;
  if (INTRO_START.test(line) || INTRO_START_FR_ES.test(line)) return true;
  return /:\s*$/.test(line) || HEADING.test(el.tagName.toUpperCase());
}

/** Points after the intro `el`: its own `<br>` lines, else the next list, else the next run of short paragraphs. */
function pointsAfter(el: Element, root: Element): string[] {
  const own = brLines(el).slice(1).map(clean).filter(isPointText);
  if (own.length) return own.map(stripBullet);

  const points: string[] = [];
  for (let next = nextElementAfter(el, root); next; next = nextElementAfter(next, root)) {
    const tag = next.tagName.toUpperCase();
    if (tag === 'BR') continue;
    if (tag === 'UL' || tag === 'OL') {
      if (points.length) break;
      return listItems(next);
    }
    const text = clean(next.textContent ?? '');
    if (HEADING.test(tag) || !text) break;
    const list = next.querySelector('ul, ol');
    if (list && !points.length && clean(list.textContent ?? '').length >= text.length * 0.8) return listItems(list);
    if (next.querySelector('p, div, table') && next.children.length > 1) break;
    const lines = brLines(next).map(clean).filter(Boolean);
    if (!lines.length || lines.some((l) => l.length > POINT_MAX)) break;
    points.push(...lines.map(stripBullet).filter(isPointText));
    if (points.length >= MAX_POINTS) break;
  }
  return points;
}

function listItems(list: Element): string[] {
  return Array.from(list.querySelectorAll('li'))
    .filter((li) => !li.querySelector('li'))
    .map((li) => stripBullet(clean(li.textContent ?? '')))
    .filter(isPointText);
}

/** The next element in document order that is not inside `el`, staying within `root`. */
function nextElementAfter(el: Element, root: Element): Element | null {
  let n: Element | null = el;
  while (n && n !== root) {
    if (n.nextElementSibling) return n.nextElementSibling;
    n = n.parentElement;
  }
  return null;
}

/** Text of `el` split at `<br>`s. */
function brLines(el: Element): string[] {
  const lines: string[] = [''];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) lines[lines.length - 1] += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      if ((n as Element).tagName.toUpperCase() === 'BR') lines.push('');
      else for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    }
  };
  walk(el);
  return lines;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function stripBullet(s: string): string {
  return s.replace(BULLET, '').trim();
}

function isPointText(s: string): boolean {
  const t = stripBullet(s);
  return t.length >= 8 && t.length <= POINT_MAX && /\p{L}/u.test(t);
}
