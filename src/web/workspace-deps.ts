/** What the curators' workspace (pages and JSON API) needs from the domain. Built once in src/web/app.ts. */
import type { Curator } from '../curate/index.js';
import type { Db } from '../db/index.js';
import type { Settings } from '../model/feed.js';
import type { SiteInfo } from '../publish/types.js';

export interface WorkspaceDeps {
  db: Db;
  curator: { as(actor: string): Curator };
  settings: () => Settings;
  site: SiteInfo;
  /** "Poll now" for a feed; resolves when the poll is done (null when no poller runs). */
  pollNow(feedId: number): Promise<unknown> | null;
}
