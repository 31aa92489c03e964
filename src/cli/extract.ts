/** `prayerwire extract`: extracts the articles of pending items (or one item, or failed ones again). */
import { extractItems } from '../ingest/extract-items.js';
import { createLogger } from '../log/create-logger.js';
import { openApp } from '../app/index.js';
import { markExtractionPending } from '../store/extraction.js';
import { parseCommand, parsePositiveInt, resolvePaths, type Env } from './args.js';
import type { CommandIo } from './io.js';
import { summarizeExtraction } from './poll.js';
import type { Commands } from './command.js';

export const extractUsage = `prayerwire extract [--item ID] [--retry-failed] [--feed NAME] [--config FILE] [--db FILE]
  Fetches and extracts the article of every pending item (or one item, or only one feed's; --retry-failed
  tries failed ones again).`;

export async function extractCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { item: { type: 'string' }, 'retry-failed': { type: 'boolean' }, feed: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } });
  if (values.help) return io.out(extractUsage), 0;
  const itemId = parsePositiveInt(values.item, 'item');
  const app = openApp(resolvePaths(values, env), { log: createLogger({ level: values.verbose ? 'debug' : 'warn', destination: 2, format: env.PRAYERWIRE_LOG_FORMAT }) });
  try {
    if (itemId && !markExtractionPending(app.db, itemId)) return io.err(`no item ${itemId} with a link to extract; \`prayerwire items\` lists them`), 1;
    const outcomes = await extractItems(app.extraction, { itemIds: itemId ? [itemId] : undefined, feed: values.feed, retryFailed: values['retry-failed'] });
    app.finishNewItems(outcomes.flatMap((o) => (o.status === 'done' ? [o.mergedInto ?? o.itemId] : [])));
    io.out(summarizeExtraction(outcomes));
    return 0;
  } finally {
    await app.close();
  }
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const extractCommands: Commands = { extract: { run: extractCommand, usage: extractUsage } };
