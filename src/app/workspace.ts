/** The web's Workspace port over the database: closures calling the store and the curator. */
import type { Curator } from '../curate/index.js';
import type { Db, StorageStatus } from '../db/index.js';
import type { Settings } from '../model/feed.js';
import type { Workspace } from '../ports/index.js';
import type { SiteInfo } from '../publish/types.js';
import { listAudit } from '../store/curation.js';
import { getFeed, listFeedHealth, listFeeds, markFeedDue, setFeedEnabled } from '../store/feeds.js';
import { adjacentItems, countItemsByStatus, highlightItems, listStoryPeers, listTaggedCountries } from '../store/inbox.js';
import { getItemDetail } from '../curate/item-detail.js';
import { countItems, listItems } from '../store/items.js';
import { listStoryMembers } from '../store/stories.js';

export interface WorkspaceParts {
  db: Db;
  curator: { as(actor: string): Curator };
  settings: () => Settings;
  site: SiteInfo;
  /** "Poll now" through the running poller; null (or absent) when none runs in this process. */
  pollNow?: (feedId: number) => Promise<unknown> | null;
  /** Whether the database takes writes (the health check). */
  storage?: () => StorageStatus;
}

export function createWorkspace(parts: WorkspaceParts): Workspace {
  const { db, pollNow } = parts;
  return {
    items: {
      list: (filter) => listItems(db, filter),
      count: () => countItems(db),
      detail: (id) => getItemDetail(db, id),
      audit: (id) => listAudit(db, id),
      storyMembers: (storyId, exceptId) => listStoryMembers(db, storyId, exceptId),
      adjacent: (id, filter) => adjacentItems(db, id, filter),
      countByStatus: (filter) => countItemsByStatus(db, filter),
      highlight: (ids, search) => highlightItems(db, ids, search),
      storyPeers: (storyIds) => listStoryPeers(db, storyIds),
      taggedCountries: () => listTaggedCountries(db),
    },
    feeds: {
      list: () => listFeeds(db),
      health: () => listFeedHealth(db),
      get: (id) => getFeed(db, id),
      setEnabled: (id, enabled) => setFeedEnabled(db, id, enabled),
      markDue: (id) => markFeedDue(db, id),
      pollNow: (id) => pollNow?.(id) ?? null,
    },
    curator: parts.curator,
    settings: parts.settings,
    site: parts.site,
    storage: parts.storage,
  };
}
