/** The store-backed CuratedSource: what the public feeds and pages read. */
import { getCountry } from '../countries/index.js';
import { renderNoteHtml } from '../curate/render-note.js';
import type { Db } from '../db/index.js';
import { curatedVersion } from '../store/curation.js';
import { countPublishedByCountry, getPublishedRow, listPublishedRows, type PublishedRow } from '../store/published.js';
import type { CuratedEntry, CuratedSource } from './types.js';

const RETRACTED_WINDOW_DAYS = 30;

function toEntry(row: PublishedRow): CuratedEntry {
  const sources = JSON.parse(row.sources) as { name: string; siteUrl: string | null; feedUrl: string; republish: CuratedEntry['republish'] }[];
  const codes = JSON.parse(row.countries) as string[];
  return {
    itemId: row.id,
    guid: row.guid,
    title: row.title,
    url: row.url ?? '',
    publishedAt: row.published_at,
    updatedAt: row.corrected_at,
    status: row.status,
    retractedAt: row.retracted_at,
    retractionReason: row.retraction_reason,
    countries: codes.map((code) => ({ code, name: getCountry(code)?.name ?? code })),
    prayerNote: { points: row.points ? (JSON.parse(row.points) as string[]) : [], scripture: row.scripture, html: renderNoteHtml(row.note_text) },
    sources: sources.map(({ name, siteUrl, feedUrl }) => ({ name, siteUrl, feedUrl })),
    republish: sources[0]?.republish ?? 'excerpt',
    text: row.article_text ?? row.summary,
    html: row.article_html ?? row.content_html,
    imageUrl: row.image_url,
    author: row.byline ?? row.author,
  };
}

/**
 * Did readers ever see this row? An item retracted before its embargo passed never went out, so it must not appear
 * later as a retraction notice either (its title and reason would be news to readers).
 */
function wasPublic(row: PublishedRow): boolean {
  return row.status !== 'retracted' || (row.retracted_at !== null && row.retracted_at >= row.published_at);
}

export function createCuratedSource(db: Db, clock: () => number = Date.now): CuratedSource {
  const now = () => new Date(clock()).toISOString();
  return {
    listEntries({ country, limit }) {
      const retractedSinceIso = new Date(clock() - RETRACTED_WINDOW_DAYS * 86400_000).toISOString();
      // Ask for more when rows that never went public fill part of the page.
      for (let want = limit; ; want *= 2) {
        const rows = listPublishedRows(db, { country, limit: want, nowIso: now(), retractedSinceIso });
        const visible = rows.filter(wasPublic);
        if (visible.length >= limit || rows.length < want) return visible.slice(0, limit).map(toEntry);
      }
    },
    getEntry(itemId) {
      const row = getPublishedRow(db, itemId, now());
      return row && wasPublic(row) ? toEntry(row) : null;
    },
    listCountries() {
      return countPublishedByCountry(db, now()).map((c) => ({ ...c, name: getCountry(c.code)?.name ?? c.code }));
    },
    version() {
      return curatedVersion(db, now());
    },
  };
}
