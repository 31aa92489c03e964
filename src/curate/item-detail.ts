/** One item with every field and its countries named, for the curators' item page, the JSON API and `prayerwire item`. */
import { getCountry } from '../countries/index.js';
import type { Db } from '../db/index.js';
import { getItemDetail as readItemDetail, type ItemDetail } from '../store/item-detail.js';

export type { ItemDetail };

/** A country's common name, or the code when the country table does not know it. */
const countryName = (code: string): string => getCountry(code)?.name ?? code;

/**
 * The item with this id, or null.
 *
 * @example getItemDetail(db, 42)?.countryTags // [{ code: 'KP', name: 'North Korea', source: 'curator', ... }]
 */
export function getItemDetail(db: Db, id: number): ItemDetail | null {
  return readItemDetail(db, id, countryName);
}
