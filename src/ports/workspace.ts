/**
 * What the curators' workspace (pages and JSON API) needs from the domain: items and their curation history,
 * feeds and their health, the curator actions, the settings in force and the public site. Implemented by the
 * composition root (src/app/workspace.ts) with closures over the database; the web never sees `db` or SQL.
 * The inbox's heavier reads are asynchronous: the server runs them in worker threads with their own read-only
 * connections, so a slow search never holds the thread that parses requests and runs writes.
 */
import type { Curator } from '../curate/index.js';
import type { StorageStatus } from '../db/index.js';
import type { Settings } from '../model/feed.js';
import type { SiteInfo } from '../publish/types.js';
import type { AuditEntry } from '../store/curation.js';
import type { FeedHealth, StoredFeed } from '../store/feeds.js';
import type { AdjacentItems, ItemHighlight, StatusCounts, StoryPeer } from '../store/inbox.js';
import type { ItemDetail } from '../store/item-detail.js';
import type { ItemFilter, ItemPage } from '../store/items.js';
import type { StoryMember } from '../store/stories.js';

/** A list filter without paging (what tabs count and what j/k walk). */
export type ListFilter = Omit<ItemFilter, 'cursor' | 'limit'>;

export interface ItemsPort {
  /** One page of the inbox list, newest first, with its `nextCursor`. */
  list(filter: ItemFilter): Promise<ItemPage>;
  /** How many items are stored (the health check). */
  count(): number;
  detail(itemId: number): ItemDetail | null;
  /** The item's audit log, newest first. */
  audit(itemId: number): AuditEntry[];
  /** The other items of a story. */
  storyMembers(storyId: number, exceptItemId: number): StoryMember[];
  /** The items before and after this one in a list (j/k on the item page). */
  adjacent(itemId: number, filter: ListFilter): Promise<AdjacentItems>;
  /** Items per status under the other filters (the tabs). */
  countByStatus(filter: Omit<ItemFilter, 'status' | 'cursor' | 'limit'>): Promise<StatusCounts>;
  /** Search matches in titles and text, marked with MARK_START / MARK_END. */
  highlight(itemIds: number[], search: string): Promise<Map<number, ItemHighlight>>;
  /** Members of these stories, by story id. */
  storyPeers(storyIds: number[]): Promise<Map<number, StoryPeer[]>>;
  /** Countries tagged on items, with how many items each. */
  taggedCountries(): Promise<{ code: string; count: number }[]>;
}

export interface FeedsPort {
  /** Every configured feed (the source filter). */
  list(): StoredFeed[];
  /** Every feed with its health figures (the sources page, the health check). */
  health(): FeedHealth[];
  get(feedId: number): StoredFeed | null;
  setEnabled(feedId: number, enabled: boolean): void;
  /** Makes the feed due, for the poller's next look (when no poller runs in this process). */
  markDue(feedId: number): void;
  /** "Poll now": resolves when the poll is done; null when no poller runs in this process. */
  pollNow(feedId: number): Promise<unknown> | null;
}

export interface Workspace {
  items: ItemsPort;
  feeds: FeedsPort;
  /** Curator actions bound to a user; changes to what readers see are announced to the publisher. */
  curator: { as(actor: string): Curator };
  /** The settings in force (a feeds.yml reload replaces them). */
  settings(): Settings;
  site: SiteInfo;
  /** Whether the database takes writes (the health check); absent: assumed fine. */
  storage?(): StorageStatus;
}
