/**
 * A prayerwire context over the demo's sample sources (real HTTP on 127.0.0.1, a real SQLite file): polled once,
 * articles extracted, stories grouped. For tests of curation, the API and publishing on realistic data.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoConfig } from '../../src/cli/demo.js';
import { startSampleSources, type SampleServer } from '../../src/demo/sample-sources.js';
import { extractItems } from '../../src/ingest/extract-items.js';
import { silentLogger } from '../../src/log/create-logger.js';
import { openApp, type App } from '../../src/app/index.js';
import { pollOnce } from '../../src/poller/index.js';
import { listItems } from '../../src/store/items.js';

export interface SampleApp {
  ctx: App;
  samples: SampleServer;
  dir: string;
  /** Item id by a distinctive word of its title. */
  itemId(titleWord: string): number;
  /** Polls every feed again (and extracts / groups what is new). */
  repoll(): Promise<void>;
  close(): Promise<void>;
}

export async function startSampleApp(): Promise<SampleApp> {
  const samples = await startSampleSources();
  const dir = mkdtempSync(join(tmpdir(), 'pw-sample-'));
  const config = writeDemoConfig(dir, samples.feedUrls);
  const ctx = openApp({ config, db: join(dir, 'prayerwire.db') }, { log: silentLogger() });
  const repoll = async () => {
    const outcomes = await pollOnce(ctx.ingest);
    const ids = outcomes.flatMap((o) => o.newItemIds);
    await extractItems(ctx.extraction, { itemIds: ids });
    ctx.finishNewItems(ids);
  };
  await repoll();
  return {
    ctx,
    samples,
    dir,
    itemId(word) {
      const item = listItems(ctx.db, { limit: 200 }).items.find((i) => i.title.includes(word));
      if (!item) throw new Error(`no sample item with "${word}" in its title`);
      return item.id;
    },
    repoll,
    async close() {
      await ctx.close();
      await samples.close();
    },
  };
}
