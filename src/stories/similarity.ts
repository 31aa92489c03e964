/**
 * Whether two items report the same event: cosine similarity of their salient terms (title words, and the
 * capitalized names and long words of the opening text), compared only within a few days of each other.
 * Pure: value in, value out.
 */
const STOP = new Set(
  'the a an and or but of in on at to for from by with about as is are was were be been has have had this that these those it its into over after before than then there their they them he she his her we our you your not no will would can could may might also more most such what when where which who whom why how all any some very just only new says said'.split(' '),
);

export interface StoryText {
  title: string;
  text: string;
}

export type TermVector = Map<string, number>;

/** Title words count three times; of the text, its first ~200 words. */
export function storyTerms(story: StoryText): TermVector {
  const terms: TermVector = new Map();
  const add = (word: string, weight: number) => {
    const w = word.toLowerCase().replace(/[’']s$/, '');
    if (w.length < 3 || STOP.has(w) || /^\d+$/.test(w)) return;
    terms.set(w, (terms.get(w) ?? 0) + weight);
  };
  for (const w of story.title.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? []) add(w, 3);
  const words = story.text.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? [];
  for (const w of words.slice(0, 200)) if (/^\p{Lu}/u.test(w) || w.length >= 7) add(w, 1);
  return terms;
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, v] of a) {
    na += v * v;
    const o = b.get(t);
    if (o) dot += v * o;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Two items within this many days of each other may be one story. */
export const STORY_WINDOW_DAYS = 4;
/**
 * Similarity at or above which two items are one story. Tuned on the seed articles (same event: 0.44-0.54) and the
 * 99-item labelled country set (different events: at most 0.37, and those pairs share no primary country).
 */
export const STORY_THRESHOLD = 0.35;

export interface StoryCandidate extends StoryText {
  /** When it was published (or first seen). */
  at: string;
  /** Primary suggested countries; two stories about different countries are never one. */
  primaryCountries: string[];
}

export function isSameStory(a: StoryCandidate, b: StoryCandidate, terms = new WeakMap<StoryCandidate, TermVector>()): boolean {
  const days = Math.abs(Date.parse(a.at) - Date.parse(b.at)) / 86400_000;
  if (days > STORY_WINDOW_DAYS) return false;
  if (a.primaryCountries.length && b.primaryCountries.length && !a.primaryCountries.some((c) => b.primaryCountries.includes(c))) return false;
  const ta = terms.get(a) ?? storyTerms(a);
  const tb = terms.get(b) ?? storyTerms(b);
  terms.set(a, ta);
  terms.set(b, tb);
  return cosine(ta, tb) >= STORY_THRESHOLD;
}
