/**
 * The country table: ISO 3166-1 alpha-2 codes plus XK (Kosovo) with English names, from the `world-countries`
 * package. The one place that reads the package; the matcher's data (data.ts), the lookups, feeds.yml validation
 * and the public feeds all take it from here.
 */
import worldCountries, { type Countries } from 'world-countries';
import type { Country } from './types.js';

// The package's types describe an ES default export, but under nodenext the CommonJS array is the module itself.
/** The package's records as they are (names, altSpellings, demonyms, capitals), for building the matcher's data. */
export const WORLD_COUNTRIES = worldCountries as unknown as Countries;

export interface CountryTable {
  /** Sorted by code. */
  countries: Country[];
  byCode: Map<string, Country>;
}

let cached: CountryTable | null = null;

/** The table, built on first use from the package alone (no indicators.yml). */
export function countryTable(): CountryTable {
  if (!cached) {
    const countries: Country[] = WORLD_COUNTRIES.map((c) => ({ code: c.cca2, name: c.name.common, officialName: c.name.official }));
    countries.sort((a, b) => a.code.localeCompare(b.code));
    cached = { countries, byCode: new Map(countries.map((c) => [c.code, c])) };
  }
  return cached;
}
