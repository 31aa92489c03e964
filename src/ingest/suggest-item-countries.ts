/** Recomputes an item's country suggestions from its title, feed summary, article text and feeds' countries. */
import { suggestCountries } from '../countries/index.js';
import type { Db } from '../db/index.js';
import { feedCountriesOfItem, saveSuggestions } from '../store/countries.js';
import { getItemRow } from '../store/items.js';

export function refreshCountrySuggestions(db: Db, itemId: number): void {
  const row = getItemRow(db, itemId);
  if (!row) return;
  const suggestions = suggestCountries({
    title: row.title,
    lead: row.summary,
    text: row.article_text ?? '',
    feedCountries: feedCountriesOfItem(db, itemId),
  });
  saveSuggestions(db, itemId, suggestions);
}
