/** Type-ahead over the country table (the curators' country box and `GET /api/countries`). */
import { findCountry, listCountries } from './lookup.js';

/** How well a country matches lower-cased `q`: 0 code, 2 name prefix, 3 word prefix, 4 substring, 9 no match. */
function matchRank(x: { code: string; name: string; officialName: string }, q: string): number {
  const name = x.name.toLowerCase();
  if (x.code.toLowerCase() === q) return 0;
  if (name.startsWith(q)) return 2;
  if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) return 3;
  if (name.includes(q) || x.officialName.toLowerCase().includes(q)) return 4;
  return 9;
}

/**
 * Countries matching typed text, best first: exact code or alias ("Burma", "DPRK") first, then names starting with
 * the text, then names with a word starting with it, then names containing it; ties by name. Empty text lists all.
 *
 * @example searchCountries('burma') // [{ code: 'MM', name: 'Myanmar' }]
 */
export function searchCountries(query: string, limit = 20): { code: string; name: string }[] {
  const q = query.trim().toLowerCase();
  const all = listCountries();
  if (!q) return all.map(({ code, name }) => ({ code, name }));
  const exact = findCountry(q);
  const ranked = all
    .map((x) => ({ x, r: exact?.code === x.code ? Math.min(matchRank(x, q), 1) : matchRank(x, q) }))
    .filter((e) => e.r < 9)
    .sort((a, b) => a.r - b.r || a.x.name.localeCompare(b.x.name));
  return ranked.slice(0, limit).map(({ x }) => ({ code: x.code, name: x.name }));
}
