/** Text normalization shared by the matcher and lookups: diacritics folded, lower case, one apostrophe. */

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;

/** Folds one word for lookup: "Türkiye" -> "turkiye", "Côte" -> "cote". */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(/ß/g, 'ss').replace(/ı/g, 'i');
}

/** Folds a whole phrase for whole-string lookups (findCountry): words joined by single spaces. */
export function foldPhrase(text: string): string {
  const words = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return words.map(foldWord).join(' ');
}

/** Gap between two words: whitespace or hyphen (' '), apostrophe ("'"), dot ('.'), comma (','), or anything else ('|'). */
export type GapClass = ' ' | "'" | '.' | ',' | '|';

/** Classifies the characters between two words; a blank line or other punctuation breaks a phrase. */
export function classifyGap(gap: string): GapClass {
  if (gap.length === 1) {
    const c = gap;
    if (c === ' ' || c === '-' || c === '\u00a0' || c === '\n' || c === '\u2010' || c === '\u2011' || c === '\u2013')
      return ' ';
    if (c === "'" || c === '\u2019') return "'";
    if (c === '.') return '.';
    return '|';
  }
  if (/^[ \t\u00a0]*\n?[ \t\u00a0]*$/.test(gap)) return ' ';
  if (/^[ \t\u00a0]*[-\u2010\u2011\u2013\u2014][ \t\u00a0]*$/.test(gap)) return ' ';
  if (/^\.[ \t\u00a0]?$/.test(gap)) return '.';
  if (/^,[ \t\u00a0]+$/.test(gap)) return ',';
  return '|';
}

/** A word of a pattern: folded key, whether it starts with a capital, and the gap class before the next word. */
export interface PatternWord {
  key: string;
  surface: string;
  capital: boolean;
  gapAfter: GapClass;
}

const WORD_G = /[\p{L}\p{M}\p{N}]+/gu;

/** Splits a pattern phrase into words with the gaps between them. */
export function splitPattern(phrase: string): PatternWord[] {
  const out: PatternWord[] = [];
  let prevEnd = -1;
  for (const m of phrase.matchAll(WORD_G)) {
    const start = m.index;
    if (prevEnd >= 0) {
      const last = out[out.length - 1];
      if (last) last.gapAfter = classifyGap(phrase.slice(prevEnd, start));
    }
    out.push({ key: foldWord(m[0]), surface: m[0], capital: isCapital(m[0]), gapAfter: '|' });
    prevEnd = start + m[0].length;
  }
  return out;
}

/** True when the word starts with an upper-case letter. */
export function isCapital(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** True when the word has at least two letters, all upper case ("US", "DPRK"). */
export function isAllCaps(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}
