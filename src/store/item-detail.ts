/**
 * One item with every field, as `prayerwire item ID --json` and `GET /api/items/:id` show it. Country names come from
 * the caller (`curate/item-detail.ts` passes the country table's), so the store needs no country data.
 */
import type { Db } from '../db/index.js';
import type { ExtractionStatus, ItemStatus } from '../model/item.js';
import { listItemCountries, listSuggestions, type ItemCountryTag } from './countries.js';
import { getPrayerNote, getPublication, type Publication, type StoredPrayerNote } from './curation.js';
import { getItemRow, listItemSources, type ItemSource } from './items.js';

export interface ItemDetail {
  id: number;
  title: string;
  url: string | null;
  feed: string;
  sources: ItemSource[];
  status: ItemStatus;
  publishedAt: string | null;
  sourceUpdatedAt: string | null;
  firstSeenAt: string;
  summary: string;
  contentHtml: string | null;
  author: string | null;
  categories: string[];
  text: string | null;
  html: string | null;
  byline: string | null;
  siteName: string | null;
  image: string | null;
  lang: string | null;
  wordCount: number | null;
  readingMinutes: number | null;
  articlePublishedAt: string | null;
  finalUrl: string | null;
  canonicalUrl: string | null;
  prayerPoints: string[];
  extraction: { status: ExtractionStatus; code: string | null; reason: string | null; attempts: number; extractedAt: string | null };
  /** Accepted country codes. */
  countries: string[];
  /** Accepted tags with their source, who and when. */
  countryTags: (ItemCountryTag & { name: string })[];
  /** Ranked suggestions with their evidence. */
  suggestedCountries: { code: string; name: string; score: number; primary: boolean; source: 'suggested' | 'feed'; evidence: { phrase: string; count: number; where: string[] }[] }[];
  prayerNote: StoredPrayerNote | null;
  publication: Publication | null;
  storyId: number | null;
}

/** The item with this id, or null; `countryName` names a country code (the code itself when unknown). */
export function getItemDetail(db: Db, id: number, countryName: (code: string) => string): ItemDetail | null {
  const row = getItemRow(db, id);
  if (!row) return null;
  const sources = listItemSources(db, id);
  const tags = listItemCountries(db, id);
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    feed: sources[0]?.feed ?? '',
    sources,
    status: row.status,
    publishedAt: row.published_at,
    sourceUpdatedAt: row.source_updated_at,
    firstSeenAt: row.first_seen_at,
    summary: row.summary,
    contentHtml: row.content_html,
    author: row.author,
    categories: JSON.parse(row.categories) as string[],
    text: row.article_text ?? (row.summary || null),
    html: row.article_html ?? row.content_html,
    byline: row.byline ?? row.author,
    siteName: row.site_name,
    image: row.image_url,
    lang: row.lang,
    wordCount: row.word_count,
    readingMinutes: row.reading_minutes,
    articlePublishedAt: row.article_published_at,
    finalUrl: row.final_url,
    canonicalUrl: row.canonical_url,
    prayerPoints: JSON.parse(row.prayer_points) as string[],
    countries: tags.map((t) => t.code),
    countryTags: tags.map((t) => ({ ...t, name: countryName(t.code) })),
    suggestedCountries: listSuggestions(db, id).map((x) => ({
      code: x.code,
      name: countryName(x.code),
      score: Math.round(x.score * 100) / 100,
      primary: x.primary,
      source: x.source,
      evidence: x.evidence,
    })),
    prayerNote: getPrayerNote(db, id),
    publication: getPublication(db, id),
    storyId: row.story_id,
    extraction: {
      status: row.extraction_status,
      code: row.extraction_code,
      reason: row.extraction_reason,
      attempts: row.extraction_attempts,
      extractedAt: row.extracted_at,
    },
  };
}
