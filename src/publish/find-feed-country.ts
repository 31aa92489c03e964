/**
 * Which country a URL's `:code` means. A country with published entries is known by the store; any other real
 * ISO 3166-1 alpha-2 code is still a valid (empty) feed, so a subscription survives its last entry being retracted.
 */
import { getCountry } from '../countries/index.js';

/** The country for a feed URL's code (any case) among the store's `countries`, else from ISO 3166-1; null when it is no country. */
export function findFeedCountry(
  countries: { code: string; name: string; count: number }[],
  code: string,
): { code: string; name: string; count: number } | null {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return null;
  const known = countries.find((c) => c.code.toUpperCase() === upper);
  if (known) return { code: upper, name: known.name, count: known.count };
  const name = getCountry(upper)?.name;
  return name ? { code: upper, name, count: 0 } : null;
}
