/** A fresh database file with the real migrations, and builders for the rows store tests start from. */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/index.js';
import type { FeedConfig } from '../../src/model/feed.js';
import type { ExtractionStatus, ParsedItem } from '../../src/model/item.js';
import { listFeeds, syncFeeds } from '../../src/store/feeds.js';
import { applyFeedItems } from '../../src/store/items.js';

export function freshDb(): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'pw-store-')), 'test.db'));
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A parsed entry with the parser's key and content hash rules (guid, else url, else title+summary). */
export function item(over: Partial<ParsedItem> & { guid?: string | null; url?: string | null }): ParsedItem {
  const base = { guid: null, url: null, title: 'Title', summary: 'Summary', contentHtml: null, author: null, publishedAt: null, updatedAt: null, categories: [], imageUrl: null, ...over };
  return {
    ...base,
    key: sha(base.guid ? `guid:${base.guid}` : base.url ? `url:${base.url}` : `text:${base.title}${base.summary}`),
    contentHash: sha(`${base.title}\n${base.summary}\n${base.contentHtml ?? ''}`),
  };
}

export const feedConfig = (name: string, over: Partial<FeedConfig> = {}): FeedConfig => ({
  name, url: `https://${name.toLowerCase().replace(/\s+/g, '-')}.example/feed`, kind: 'ministry', countries: [], intervalSec: 1800, extract: 'auto', republish: 'excerpt', enabled: true, ...over,
});

/** Syncs these feeds and returns their ids in the order given. */
export function seedFeeds(db: Db, configs: FeedConfig[]): number[] {
  syncFeeds(db, configs);
  const byName = new Map(listFeeds(db, { includeRemoved: true }).map((f) => [f.name, f.id]));
  return configs.map((c) => byName.get(c.name)!);
}

/** A fresh database with two feeds, Alpha and Beta: the common start of the store's tests. */
export function freshDbWithTwoFeeds(): { db: Db; feedA: number; feedB: number } {
  const db = freshDb();
  const [feedA, feedB] = seedFeeds(db, [feedConfig('Alpha'), feedConfig('Beta')]) as [number, number];
  return { db, feedA, feedB };
}

/** Stores one entry of a feed as a new item and returns the item's id. */
export function addItem(db: Db, feedId: number, over: Parameters<typeof item>[0], seenAt = '2026-11-25T10:00:00.000Z', extraction: ExtractionStatus = 'pending'): number {
  const r = applyFeedItems(db, feedId, [item(over)], seenAt, () => extraction);
  const id = r.newItems[0]?.id;
  if (id === undefined) throw new Error(`entry ${over.guid ?? over.url ?? over.title} was not new`);
  return id;
}
