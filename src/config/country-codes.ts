/** The set of country codes feeds.yml accepts: ISO 3166-1 alpha-2 from the `world-countries` data, plus XK (Kosovo). */
import countries from 'world-countries';

const CODES = new Set<string>([...countries.map((c) => c.cca2), 'XK']);

export function isKnownCountryCode(code: string): boolean {
  return CODES.has(code.toUpperCase());
}
