/**
 * One compiled matcher over every indicator phrase: a trie keyed by folded words (and the gap before each
 * following word). Scanning visits only capitalized words, walks the trie for the longest phrase, then checks
 * letter case and the entry's guards. Value in, value out.
 */
import { classifyGap, foldWord, isAllCaps, isCapital, splitPattern, type PatternWord } from './normalize.js';
import type { Indicator } from './types.js';

interface TrieNode {
  /** Key: gap class + folded word (" korea", "'ivoire"). */
  next: Map<string, TrieNode>;
  end: { indicator: Indicator; words: PatternWord[] } | null;
}

/** The compiled matcher. Build once with compileMatcher and reuse. */
export interface Matcher {
  root: Map<string, TrieNode>;
  size: number;
}

/** The field a hit came from. */
export type Field = 'title' | 'lead' | 'text';

/** One accepted match in a field. */
export interface Hit {
  indicator: Indicator;
  field: Field;
  start: number;
  end: number;
}

/** A match rejected by a guard (kept so a document can distrust the other bare uses of that phrase). */
export interface Rejection {
  indicator: Indicator;
  reason: 'name' | 'context' | 'caps';
}

export interface ScanResult {
  hits: Hit[];
  rejections: Rejection[];
}

/** Builds the trie over all indicators. */
export function compileMatcher(indicators: readonly Indicator[]): Matcher {
  const root = new Map<string, TrieNode>();
  for (const indicator of indicators) {
    const words = splitPattern(indicator.phrase);
    const first = words[0];
    if (!first) continue;
    let node: TrieNode | undefined = root.get(first.key);
    if (!node) root.set(first.key, (node = { next: new Map(), end: null }));
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as PatternWord;
      const edge = (words[i - 1] as PatternWord).gapAfter + w.key;
      let child: TrieNode | undefined = node.next.get(edge);
      if (!child) node.next.set(edge, (child = { next: new Map(), end: null }));
      node = child;
    }
    node.end = { indicator, words };
  }
  return { root, size: indicators.length };
}

// Candidate starts: a Latin capital (every pattern starts with one) and the Latin word after it. A non-unicode
// regex is ~10x faster than \p{Lu} with a lookbehind; word boundaries are checked by hand in scanField.
// eslint-disable-next-line no-misleading-character-class -- combining marks (U+0300-036F) continue a word on purpose
const START = /[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u017F][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F]*/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

interface TextWord {
  text: string;
  start: number;
  end: number;
}

/** Words after which a capitalized word does not make "Jordan"/"Chad" a person's name. */
const FUNCTION_WORDS = new Set(
  ('the in to from for of and with by about across on at into over under as after before between near via ' +
    'visit visits visiting pray prays praying help helps across against inside outside beyond than neighbouring neighboring ' +
    'northern southern eastern western central rural east west north south war republic kingdom').split(' '),
);
/** Capitalized words after which "Jordan"/"Chad" still names the country. */
const ALLOWED_NEXT = new Set(
  ('president prime minister ministry government army military armed forces foreign interior defence defense king queen ' +
    'parliament national embassy red monday tuesday wednesday thursday friday saturday sunday january february march april ' +
    'may june july august september october november december on in and or but as at to').split(' '),
);
/** Given names that mark the next word as a surname even in Title Case headlines. */
const GIVEN_NAMES = new Set(
  ('michael george chad jordan denzel booker kendrick james john david robert mary jennifer kim brian ' +
    'sarah emily daniel matthew andrew jason justin ryan eric brad kyle scott pastor rev mr mrs ms dr').split(' '),
);

/**
 * Scans one field. `titleCase` relaxes the capitalization-based name guard (headlines capitalize every word).
 */
export function scanField(matcher: Matcher, text: string, field: Field, titleCase: boolean, out: ScanResult): void {
  START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = START.exec(text)) !== null) {
    const first = m[0];
    if (isWordCharAt(text, m.index - 1) || isWordCharAt(text, m.index + first.length)) continue;
    const node0 = matcher.root.get(foldWord(first));
    if (!node0) continue;
    const words: TextWord[] = [{ text: first, start: m.index, end: m.index + first.length }];
    const path: TrieNode[] = [node0];
    let node = node0;
    let pos = m.index + first.length;
    while (node.next.size > 0) {
      WORD.lastIndex = pos;
      const w = WORD.exec(text);
      if (!w || w.index - pos > 3) break;
      const gap = classifyGap(text.slice(pos, w.index));
      if (gap === '|') break;
      const child = node.next.get(gap + foldWord(w[0]));
      if (!child) break;
      words.push({ text: w[0], start: w.index, end: w.index + w[0].length });
      path.push(child);
      node = child;
      pos = w.index + w[0].length;
    }
    // Longest phrase first; fall back to shorter ones whose letter case fits.
    for (let n = path.length; n >= 1; n--) {
      const end = (path[n - 1] as TrieNode).end;
      if (!end || !caseFits(end.indicator, end.words, words)) continue;
      const matchEnd = (words[n - 1] as TextWord).end;
      const reason = guard(end.indicator, text, m.index, matchEnd, field, titleCase);
      if (reason) out.rejections.push({ indicator: end.indicator, reason });
      else out.hits.push({ indicator: end.indicator, field, start: m.index, end: matchEnd });
      START.lastIndex = matchEnd;
      break;
    }
  }
}

/** True when text[i] is a letter, mark or digit (any script); false outside the text. */
function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(text.charAt(i));
}

function caseFits(indicator: Indicator, pattern: PatternWord[], words: TextWord[]): boolean {
  if (indicator.case === 'any') return true;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as PatternWord;
    const t = (words[i] as TextWord).text;
    if (indicator.case === 'exact' ? t !== p.surface : indicator.capitals[i] === true && !isCapital(t)) return false;
  }
  return true;
}

interface Neighbour {
  word: string;
  /** Only spaces between it and the match. */
  adjacent: boolean;
  /** For the previous word: it starts a sentence (or the field). */
  sentenceStart: boolean;
}

function guard(ind: Indicator, text: string, start: number, end: number, field: Field, titleCase: boolean): Rejection['reason'] | null {
  const needPrev = ind.notAfter.length > 0 || ind.nameGuard || ind.capsGuard;
  const needNext = ind.notBefore.length > 0 || ind.nameGuard || ind.capsGuard;
  const prev = needPrev ? previousWord(text, start) : null;
  const next = needNext ? nextWord(text, end) : null;
  if (prev && ind.notAfter.includes(foldWord(prev.word))) return 'context';
  if (next && ind.notBefore.includes(foldWord(next.word))) return 'context';
  if (ind.capsGuard) {
    const around = [prev, next].filter((x): x is Neighbour => x !== null);
    if (around.length > 0 && around.every((x) => isAllCaps(x.word))) return 'caps';
  }
  if (ind.nameGuard) {
    const relaxed = titleCase && field === 'title';
    if (prev && prev.adjacent && isCapital(prev.word)) {
      const p = foldWord(prev.word);
      const isName = relaxed || prev.sentenceStart ? GIVEN_NAMES.has(p) : !FUNCTION_WORDS.has(p);
      if (isName) return 'name';
    }
    if (!relaxed && next && next.adjacent && isCapital(next.word) && !ALLOWED_NEXT.has(foldWord(next.word))) return 'name';
  }
  return null;
}

function previousWord(text: string, start: number): Neighbour | null {
  let i = start - 1;
  while (i >= 0 && !WORD_CHAR.test(text.charAt(i))) i--;
  if (i < 0) return null;
  const gap = text.slice(i + 1, start);
  let j = i;
  while (j > 0 && WORD_CHAR.test(text.charAt(j - 1))) j--;
  let k = j - 1;
  while (k >= 0 && (text.charAt(k) === ' ' || text.charAt(k) === '\u00a0')) k--;
  const sentenceStart = k < 0 || /[.!?:\n"“‘(\u2022]/.test(text.charAt(k));
  return { word: text.slice(j, i + 1), adjacent: /^[ \u00a0]+$/.test(gap), sentenceStart };
}

function nextWord(text: string, end: number): Neighbour | null {
  WORD.lastIndex = end;
  const w = WORD.exec(text);
  if (!w) return null;
  return { word: w[0], adjacent: /^[ \u00a0]+$/.test(text.slice(end, w.index)), sentenceStart: false };
}

/** True when most longer words of a line are capitalized (a Title Case headline). */
export function isTitleCase(text: string): boolean {
  let long = 0;
  let caps = 0;
  for (const w of text.match(WORD) ?? []) {
    if (w.length < 4) continue;
    long++;
    if (isCapital(w)) caps++;
  }
  return long >= 2 && caps / long >= 0.6;
}
