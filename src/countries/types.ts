/** Plain types of the country matcher. No I/O here. */
import type { CountryEvidence } from '../model/country.js';

/** One country or territory: ISO 3166-1 alpha-2 code (plus XK for Kosovo) and its English names. */
export interface Country {
  /** ISO 3166-1 alpha-2, upper case ("KP"); "XK" for Kosovo. */
  code: string;
  /** English common name ("North Korea"). */
  name: string;
  /** English official name ("Democratic People's Republic of Korea"). */
  officialName: string;
}

export type { CountryEvidence, EvidencePlace } from '../model/country.js';

export interface CountrySuggestion {
  code: string;
  name: string;
  /** Weighted mention score (place x kind x count); only comparable within one item. */
  score: number;
  /** The story is about this country (see `suggestCountries` for the rule). */
  primary: boolean;
  evidence: CountryEvidence[];
  /** 'feed' when only the feed's country list supports it, else 'suggested'. */
  source: 'suggested' | 'feed';
}

export interface SuggestInput {
  title: string;
  lead?: string;
  text?: string;
  /** The countries configured on the feed the item came from (ISO alpha-2). */
  feedCountries?: string[];
}

/** What kind of phrase an indicator is; sets its weight. */
export type IndicatorKind =
  | 'name'
  | 'alias'
  | 'demonym'
  | 'capital'
  | 'seat'
  | 'person'
  | 'city'
  | 'state'
  | 'group'
  | 'stop';

/**
 * How letter case must agree: 'exact' (every letter), 'capitalized' (each capitalized word of the pattern
 * must start with a capital in the text; the default) or 'any'.
 */
export type CaseMode = 'exact' | 'capitalized' | 'any';

/** Document-level ambiguity groups resolved after the scan (see resolve.ts). */
export type AmbiguityGroup = 'korea' | 'congo' | 'georgia' | 'turkey';

/** One phrase the matcher looks for, after merging package data and indicators.yml. */
export interface Indicator {
  id: number;
  /** Canonical spelling, used as evidence phrase. */
  phrase: string;
  /** Country code, or null for a stop phrase that only consumes text ("Guinea pig", "Indian Ocean"). */
  code: string | null;
  kind: IndicatorKind;
  case: CaseMode;
  /** Weak: counts at half weight and cannot make a country primary on its own. */
  weak: boolean;
  /** Also a person's given name or surname ("Jordan", "Chad"): reject next to another capitalized name. */
  nameGuard: boolean;
  /** An all-capitals word that is also an English word ("US"): rejected inside ALL-CAPS text. */
  capsGuard: boolean;
  /** Rejected when the previous word (lower-cased) is one of these. */
  notAfter: string[];
  /** Rejected when the next word (lower-cased) is one of these. */
  notBefore: string[];
  group: AmbiguityGroup | null;
  /** Per word: must start with a capital in 'capitalized' mode (false when any listed spelling has it lower case). */
  capitals: boolean[];
}
