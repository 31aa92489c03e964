/** suggestCountries: mentions found by the matcher, resolved, weighted and ranked. */
import { getCountryData } from './data.js';
import { compileMatcher, isTitleCase, scanField, type Field, type Matcher, type ScanResult } from './matcher.js';
import { resolveHits } from './resolve.js';
import type { CountrySuggestion, EvidencePlace, IndicatorKind, SuggestInput } from './types.js';

/** Weight of one mention by place. */
export const FIELD_WEIGHT: Record<Field, number> = { title: 3, lead: 2, text: 1 };
/** Weight of one mention by what kind of phrase it is. */
export const KIND_WEIGHT: Record<IndicatorKind, number> = {
  name: 1,
  alias: 1,
  demonym: 0.8,
  capital: 0.8,
  seat: 0.9,
  person: 0.9,
  city: 0.6,
  state: 0.6,
  group: 0.6,
  stop: 0,
};
/** Weak phrases count at this fraction. */
export const WEAK_FACTOR = 0.5;
/** What a feed's own country list adds to a country's score. */
export const FEED_WEIGHT = 1;
/** A country is primary when named in the title, or when its score reaches this share of the top score. */
export const PRIMARY_SHARE = 0.5;

let matcher: Matcher | null = null;

/** The one compiled matcher over all indicators (built on first use). */
export function getMatcher(): Matcher {
  matcher ??= compileMatcher(getCountryData().indicators);
  return matcher;
}

interface Tally {
  score: number;
  strong: boolean;
  inTitle: boolean;
  textual: boolean;
  evidence: Map<string, { count: number; where: Set<EvidencePlace> }>;
}

const PLACE_ORDER: EvidencePlace[] = ['title', 'lead', 'text', 'feed'];

/**
 * Suggests the countries an item is about, ranked by score.
 *
 * Score: each mention adds FIELD_WEIGHT[place] x KIND_WEIGHT[kind] (x WEAK_FACTOR for weak phrases); a country in
 * the feed's list adds FEED_WEIGHT. Primary: the country has non-weak textual evidence and either appears in the
 * title or scores at least PRIMARY_SHARE of the best-scoring country. When nothing in the text is primary and the
 * feed lists exactly one country, that country is primary. A country supported only by the feed list has source
 * 'feed'.
 *
 * @example
 * suggestCountries({ title: 'Putin visits Pyongyang', text: 'Russia and North Korea signed a pact.' })
 * // -> [{ code: 'KP', primary: true, ... }, { code: 'RU', primary: true, ... }]
 */
export function suggestCountries(input: SuggestInput): CountrySuggestion[] {
  const data = getCountryData();
  const m = getMatcher();
  const scan: ScanResult = { hits: [], rejections: [] };
  const fields: [Field, string][] = [['title', input.title], ['lead', input.lead ?? ''], ['text', input.text ?? '']];
  for (const [field, value] of fields) {
    if (value) scanField(m, value, field, field === 'title' && isTitleCase(value), scan);
  }
  const resolved = resolveHits(scan.hits, scan.rejections, fields.map(([, v]) => v).join('\n\n'));

  const tallies = new Map<string, Tally>();
  const tally = (code: string): Tally => {
    let t = tallies.get(code);
    if (!t) tallies.set(code, (t = { score: 0, strong: false, inTitle: false, textual: false, evidence: new Map() }));
    return t;
  };
  for (const h of resolved) {
    const t = tally(h.code);
    t.score += FIELD_WEIGHT[h.field] * KIND_WEIGHT[h.kind] * (h.weak ? WEAK_FACTOR : 1);
    t.textual = true;
    if (!h.weak) {
      t.strong = true;
      if (h.field === 'title') t.inTitle = true;
    }
    addEvidence(t, h.phrase, h.field);
  }
  const feed = [...new Set((input.feedCountries ?? []).map((c) => c.toUpperCase()))].filter((c) => data.byCode.has(c));
  for (const code of feed) {
    const t = tally(code);
    t.score += FEED_WEIGHT;
    addEvidence(t, 'feed country', 'feed');
  }

  const top = Math.max(0, ...[...tallies.values()].filter((t) => t.strong).map((t) => t.score));
  const out: CountrySuggestion[] = [];
  for (const [code, t] of tallies) {
    const country = data.byCode.get(code);
    if (!country) continue;
    out.push({
      code,
      name: country.name,
      score: Math.round(t.score * 100) / 100,
      primary: t.strong && (t.inTitle || t.score >= PRIMARY_SHARE * top),
      evidence: [...t.evidence].map(([phrase, e]) => ({
        phrase,
        count: e.count,
        where: PLACE_ORDER.filter((p) => e.where.has(p)),
      })),
      source: t.textual ? 'suggested' : 'feed',
    });
  }
  if (!out.some((s) => s.primary) && feed.length === 1) {
    const only = out.find((s) => s.code === feed[0]);
    if (only) only.primary = true;
  }
  out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  for (const s of out) s.evidence.sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase));
  return out;
}

function addEvidence(t: Tally, phrase: string, place: EvidencePlace): void {
  const e = t.evidence.get(phrase) ?? { count: 0, where: new Set<EvidencePlace>() };
  e.count++;
  e.where.add(place);
  t.evidence.set(phrase, e);
}
