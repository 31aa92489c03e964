/** Country table lookups: list, by code, by any name or alias. */
import { getCountryData } from './data.js';
import { countryTable } from './table.js';
import { foldPhrase } from './normalize.js';
import type { Country } from './types.js';

/** All countries and territories (ISO 3166-1 alpha-2 plus XK), sorted by code. */
export function listCountries(): Country[] {
  return countryTable().countries.map((c) => ({ ...c }));
}

/** The country with this alpha-2 code (any letter case), or null. */
export function getCountry(code: string): Country | null {
  const c = countryTable().byCode.get(code.trim().toUpperCase());
  return c ? { ...c } : null;
}

/** True for a known alpha-2 code in canonical upper case ("KP", "XK"); false for "kp", "ZZ", "KOR". */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countryTable().byCode.has(code);
}

/**
 * Finds a country by alpha-2 or alpha-3 code, common or official name, or alias, ignoring case, diacritics and
 * punctuation: "kp", "PRK", "north korea", "DPRK", "Burma", "Turkiye", "Ivory Coast". Bare "Congo" gives CD,
 * bare "Korea" KR, "Georgia" GE (the same defaults as the matcher). Null when unknown.
 *
 * @example findCountry('Holy See') // -> { code: 'VA', name: 'Vatican City', ... }
 */
export function findCountry(query: string): Country | null {
  const code = getCountryData().lookup.get(foldPhrase(query));
  return code ? getCountry(code) : null;
}
