/** The pure parts of story grouping: salient terms, cosine similarity, the time window and the threshold. */
import { describe, expect, it } from 'vitest';
import {
  cosine,
  isSameStory,
  storyTerms,
  STORY_THRESHOLD,
  STORY_WINDOW_DAYS,
  type StoryCandidate,
  type StoryText,
  type TermVector,
} from '../../src/stories/similarity.js';

const FLOOD_A: StoryText = {
  title: 'Flooding in Maiduguri displaces thousands',
  text: 'Heavy flooding after the Alau dam collapsed in Maiduguri, Borno State, displaced thousands of families on Tuesday. Churches in Maiduguri opened their halls to displaced families.',
};
const FLOOD_B: StoryText = {
  title: 'Alau dam collapse floods Maiduguri, thousands displaced',
  text: 'Thousands of residents of Maiduguri in Borno State fled their homes after the Alau dam collapsed and flooding swept through the city.',
};
const ELECTION: StoryText = {
  title: 'Kenyan opposition disputes election count',
  text: 'Opposition leaders in Nairobi rejected the electoral commission tally and called for protests across Kenya.',
};

const at = (story: StoryText, when: string, primaryCountries: string[] = []): StoryCandidate => ({ ...story, at: when, primaryCountries });
const vector = (entries: [string, number][]): TermVector => new Map(entries);

describe('storyTerms', () => {
  it('weighs title words three times and counts repeats', () => {
    expect(storyTerms({ title: 'Maiduguri floods', text: 'Maiduguri' })).toEqual(vector([['maiduguri', 4], ['floods', 3]]));
  });

  it('drops stop words, words under three letters and bare numbers', () => {
    expect([...storyTerms({ title: 'The 12 new ones of 2024 in it and an ox', text: '' }).keys()]).toEqual(['ones']);
  });

  it('strips a possessive, straight or curly', () => {
    expect([...storyTerms({ title: "Pastor's church", text: 'Nigeria’s' }).keys()]).toEqual(['pastor', 'church', 'nigeria']);
  });

  it('keeps hyphenated names as one term', () => {
    expect([...storyTerms({ title: 'al-Shabaab attack', text: '' }).keys()]).toEqual(['al-shabaab', 'attack']);
  });

  it('takes from the text only capitalized words and words of seven letters or more', () => {
    const terms = storyTerms({ title: '', text: 'small words here Uppercase Words and extraordinary lengthy ones' });
    expect(terms).toEqual(vector([['uppercase', 1], ['words', 1], ['extraordinary', 1], ['lengthy', 1]]));
  });

  it('reads letters of any script', () => {
    expect([...storyTerms({ title: 'Überschwemmung in Maiduguri', text: '' }).keys()]).toEqual(['überschwemmung', 'maiduguri']);
  });

  it('reads only the first 200 words of the text', () => {
    const filler = Array.from({ length: 200 }, () => 'x').join(' ');
    expect(storyTerms({ title: '', text: `${filler} Maiduguri` }).size).toBe(0);
    expect(storyTerms({ title: '', text: `${filler.slice(2)} Maiduguri` }).get('maiduguri')).toBe(1);
  });

  it('gives an empty vector for empty text', () => {
    expect(storyTerms({ title: '', text: '' }).size).toBe(0);
  });
});

describe('cosine', () => {
  it('is 1 for a vector with itself and for a scaled copy', () => {
    const a = vector([['a', 1], ['b', 2]]);
    expect(cosine(a, a)).toBeCloseTo(1, 12);
    expect(cosine(a, vector([['a', 3], ['b', 6]]))).toBeCloseTo(1, 12);
  });

  it('is 0 for vectors with no term in common, and for an empty vector', () => {
    expect(cosine(vector([['a', 1]]), vector([['b', 1]]))).toBe(0);
    expect(cosine(vector([['a', 1]]), new Map())).toBe(0);
    expect(cosine(new Map(), new Map())).toBe(0);
  });

  it('computes dot / (|a| |b|) and is symmetric', () => {
    const a = vector([['x', 1], ['y', 1]]);
    const b = vector([['x', 1], ['z', 1]]);
    expect(cosine(a, b)).toBeCloseTo(0.5, 12);
    expect(cosine(b, a)).toBeCloseTo(0.5, 12);
    const c = vector([['x', 3], ['y', 4]]);
    const d = vector([['x', 4], ['y', 3]]);
    expect(cosine(c, d)).toBeCloseTo(24 / 25, 12);
  });

  it('scores two reports of one event above the threshold and unrelated ones below', () => {
    const same = cosine(storyTerms(FLOOD_A), storyTerms(FLOOD_B));
    expect(same).toBeGreaterThanOrEqual(STORY_THRESHOLD);
    expect(cosine(storyTerms(FLOOD_A), storyTerms(ELECTION))).toBeLessThan(STORY_THRESHOLD);
  });
});

describe('isSameStory', () => {
  const monday = '2024-09-09T08:00:00.000Z';
  const plusDays = (days: number) => new Date(Date.parse(monday) + days * 86_400_000).toISOString();

  it('groups two reports of one event a few days apart, in either order', () => {
    expect(isSameStory(at(FLOOD_A, monday), at(FLOOD_B, plusDays(2)))).toBe(true);
    expect(isSameStory(at(FLOOD_B, plusDays(2)), at(FLOOD_A, monday))).toBe(true);
  });

  it('compares only within the window: exactly its edge is in, a minute more is out', () => {
    expect(STORY_WINDOW_DAYS).toBe(4);
    expect(isSameStory(at(FLOOD_A, monday), at(FLOOD_B, plusDays(STORY_WINDOW_DAYS)))).toBe(true);
    expect(isSameStory(at(FLOOD_A, monday), at(FLOOD_B, plusDays(STORY_WINDOW_DAYS + 1 / 1440)))).toBe(false);
  });

  it('never groups the same words years apart', () => {
    expect(isSameStory(at(FLOOD_A, monday), at(FLOOD_A, '2021-09-09T08:00:00.000Z'))).toBe(false);
  });

  it('keeps unrelated events apart on the same day', () => {
    expect(isSameStory(at(FLOOD_A, monday), at(ELECTION, monday))).toBe(false);
  });

  it('keeps apart stories whose primary countries differ, and groups them when one is shared or one side has none', () => {
    expect(isSameStory(at(FLOOD_A, monday, ['CM']), at(FLOOD_B, monday, ['NG']))).toBe(false);
    expect(isSameStory(at(FLOOD_A, monday, ['CM', 'NG']), at(FLOOD_B, monday, ['NG']))).toBe(true);
    expect(isSameStory(at(FLOOD_A, monday, []), at(FLOOD_B, monday, ['NG']))).toBe(true);
  });

  it('uses the threshold inclusively', () => {
    // Titles only, every word weighing 3, 'alpha' shared: cosine = 9 / (sqrt(18) * sqrt(9n)) = 1 / sqrt(2n) for n words.
    const one = at({ title: 'Alpha Beta', text: '' }, monday);
    const shared = (n: number) => at({ title: ['Alpha', ...['Gamma', 'Delta', 'Epsilon', 'Zeta', 'Theta', 'Kappa'].slice(0, n - 1)].join(' '), text: '' }, monday);
    // n = 4: 1 / sqrt(8) = 0.354 >= 0.35; n = 5: 1 / sqrt(10) = 0.316 < 0.35.
    expect(STORY_THRESHOLD).toBe(0.35);
    expect(isSameStory(one, shared(4))).toBe(true);
    expect(isSameStory(one, shared(5))).toBe(false);
  });

  it('caches each candidate\'s terms in the map it is given', () => {
    const terms = new WeakMap<StoryCandidate, TermVector>();
    const a = at(FLOOD_A, monday);
    const b = at(FLOOD_B, monday);
    isSameStory(a, b, terms);
    expect(terms.get(a)).toEqual(storyTerms(FLOOD_A));
    // A cached vector is used as given: a cached empty vector makes the pair dissimilar.
    terms.set(b, new Map());
    expect(isSameStory(a, b, terms)).toBe(false);
  });
});
