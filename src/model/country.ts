/** Plain types of country suggestions as the matcher makes them and the store keeps them. No I/O here. */

/** Where a phrase was seen: the item's title, lead, body text, or the feed's own country list. */
export type EvidencePlace = 'title' | 'lead' | 'text' | 'feed';

export interface CountryEvidence {
  /** The matched phrase in its canonical spelling ("North Korea", "Pyongyang", "Kim Jong Un"). */
  phrase: string;
  /** How many times it was seen, all places together. */
  count: number;
  /** The places it was seen in, in the order title, lead, text, feed. */
  where: EvidencePlace[];
}

/** A suggested country of an item, as stored (the matcher's `CountrySuggestion` without the name). */
export interface StoredSuggestion {
  code: string;
  /** Weighted mention score; only comparable within one item. */
  score: number;
  /** The story is about this country. */
  primary: boolean;
  /** 'feed' when only the feed's country list supports it, else 'suggested'. */
  source: 'suggested' | 'feed';
  evidence: CountryEvidence[];
}
