/**
 * The web's Workspace port over the database: closures calling the store and the curator. The inbox's heavier reads
 * go through `reads` (a pool of read-only worker connections in the server, the main connection elsewhere); the
 * rest (one item by id, writes) run on the main connection.
 */
import type { Curator } from '../curate/index.js';
import type { Db, StorageStatus } from '../db/index.js';
import type { Settings } from '../model/feed.js';
import type { Workspace } from '../ports/index.js';
import type { SiteInfo } from '../publish/types.js';
import { listAudit } from '../store/curation.js';
import { getFeed, listFeedHealth, listFeeds, markFeedDue, setFeedEnabled } from '../store/feeds.js';
import { getItemDetail } from '../curate/item-detail.js';
import { countItems } from '../store/items.js';
import { listStoryMembers } from '../store/stories.js';
import { inProcessReads, type Reads } from './read-pool/index.js';

export interface WorkspaceParts {
  db: Db;
  curator: { as(actor: string): Curator };
  settings: () => Settings;
  site: SiteInfo;
  /** Where the inbox's heavier reads run (default: on `db`, in this thread). */
  reads?: Reads;
  /** "Poll now" through the running poller; null (or absent) when none runs in this process. */
  pollNow?: (feedId: number) => Promise<unknown> | null;
  /** Whether the database takes writes (the health check). */
  storage?: () => StorageStatus;
}

export function createWorkspace(parts: WorkspaceParts): Workspace {
  const { db, pollNow } = parts;
  const reads = parts.reads ?? inProcessReads(db);
  return {
    items: {
      list: (filter) => reads.run('listItems', filter),
      count: () => countItems(db),
      detail: (id) => getItemDetail(db, id),
      audit: (id) => listAudit(db, id),
      storyMembers: (storyId, exceptId) => listStoryMembers(db, storyId, exceptId),
      adjacent: (id, filter) => reads.run('adjacentItems', id, filter),
      countByStatus: (filter) => reads.run('countItemsByStatus', filter),
      highlight: (ids, search) => reads.run('highlightItems', ids, search),
      storyPeers: (storyIds) => reads.run('listStoryPeers', storyIds),
      taggedCountries: () => reads.run('listTaggedCountries'),
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
