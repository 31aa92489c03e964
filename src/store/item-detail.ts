/** One item with every field, as `prayerwire item ID --json` and `GET /api/items/:id` show it. */
import type { Db } from '../db/index.js';
import { getItemRow, listItemSources, type ExtractionStatus, type ItemSource, type ItemStatus } from './items.js';

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
}

export function getItemDetail(db: Db, id: number): ItemDetail | null {
  const row = getItemRow(db, id);
  if (!row) return null;
  const sources = listItemSources(db, id);
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
    extraction: {
      status: row.extraction_status,
      code: row.extraction_code,
      reason: row.extraction_reason,
      attempts: row.extraction_attempts,
      extractedAt: row.extracted_at,
    },
  };
}
