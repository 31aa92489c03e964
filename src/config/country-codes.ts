/** The set of country codes feeds.yml accepts: ISO 3166-1 alpha-2 from the `world-countries` data, plus XK (Kosovo). */
import worldCountries, { type Countries } from 'world-countries';

// The package's types describe an ES default export, but under nodenext the CommonJS array is the module itself.
const countries = worldCountries as unknown as Countries;
const CODES = new Set<string>([...countries.map((c) => c.cca2), 'XK']);

export function isKnownCountryCode(code: string): boolean {
  return CODES.has(code.toUpperCase());
}
