/**
 * The interfaces the web layer works against (no code): implemented by the composition root (src/app/), so the web
 * never imports the database, the store or the app's wiring. The read-model types come along with them.
 */
export type { AccountsPort } from './accounts.js';
export type { StorageStatus } from '../db/index.js';
export type { FeedsPort, ItemsPort, ListFilter, Workspace } from './workspace.js';
export type { AuditEntry, PrayerNote } from '../store/curation.js';
export type { FeedHealth, StoredFeed } from '../store/feeds.js';
export { MARK_END, MARK_START, type AdjacentItems, type ItemHighlight, type StatusCounts, type StoryPeer } from '../store/inbox.js';
export type { ItemDetail } from '../store/item-detail.js';
export type { ItemFilter, ItemPage, ItemStatus, ItemSummary } from '../store/items.js';
export type { StoryMember } from '../store/stories.js';
export type { OperationsPort, HealthReport } from './operations.js';
