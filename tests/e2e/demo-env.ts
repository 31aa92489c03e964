/**
 * A whole prayerwire on 127.0.0.1 for browser tests: the demo's sample sources, a feeds.yml pointing at them, the real
 * server (startServer), and one poll + extraction + story grouping done up front so the seeds' articles are there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoConfig } from '../../src/cli/demo.js';
import { startServer, type RunningServer } from '../../src/cli/serve.js';
import { startSampleSources, type SampleServer } from '../../src/demo/sample-sources.js';
import { extractItems } from '../../src/ingest/extract-items.js';
import { pollOnce } from '../../src/poller/poller.js';

export interface DemoEnv {
  base: string;
  server: RunningServer;
  samples: SampleServer;
  stop(): Promise<void>;
}

/** Starts samples and server, polls once and extracts every page, groups stories. `poll: false` keeps the poller off. */
export async function startDemoEnv(options: { poll?: boolean; port?: number } = {}): Promise<DemoEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-e2e-'));
  const samples = await startSampleSources();
  const config = writeDemoConfig(dir, samples.feedUrls);
  const server = await startServer({ paths: { config, db: join(dir, 'prayerwire.db') }, port: options.port ?? 0, host: '127.0.0.1', poll: options.poll ?? false, logLevel: 'silent', announce: () => {} });
  const outcomes = await pollOnce(server.app.ingest);
  const itemIds = outcomes.flatMap((o) => o.newItemIds);
  await extractItems(server.app.extraction, { itemIds });
  server.app.finishNewItems(itemIds);
  return {
    base: `http://127.0.0.1:${server.port}`,
    server,
    samples,
    async stop() {
      await server.stop();
      await samples.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
