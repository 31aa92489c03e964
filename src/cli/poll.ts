/** `prayerwire poll`: one pass over every enabled feed (or the named ones), then a summary table. */
import cliProgress from 'cli-progress';
import type { RefreshOutcome } from '../ingest/refresh-feed.js';
import { extractItems, type ExtractionOutcome } from '../ingest/extract-items.js';
import { createLogger } from '../log/create-logger.js';
import { openApp } from '../app/index.js';
import { pollOnce } from '../poller/index.js';
import { countPendingExtraction } from '../store/extraction.js';
import { parseCommand, resolvePaths, type Env } from './args.js';
import { formatTable } from './format-table.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export const pollUsage = `prayerwire poll [--config FILE] [--db FILE] [--feed NAME]... [--verbose]
  One pass over every enabled feed (or the named ones), waits for the extraction of the new items' articles
  (at most 10,000; the summary says how many were left pending), then exits with a summary table.
  Exit 0 when the pass ran, even if some feeds failed; 1 on a configuration error.`;

export async function pollCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { feed: { type: 'string', multiple: true }, verbose: { type: 'boolean', short: 'v' } });
  if (values.help) return io.out(pollUsage), 0;
  const log = createLogger({ level: values.verbose ? 'debug' : 'warn', destination: 2, format: env.PRAYERWIRE_LOG_FORMAT });
  const app = openApp(resolvePaths(values, env), { log });
  try {
    const outcomes = await runPass(app.ingest, values.feed, io);
    io.out(summarize(outcomes));
    const found = outcomes.flatMap((o) => o.newItemIds);
    if (found.length) {
      io.err(`extracting articles for ${found.length} new items...`);
      io.out(summarizeExtraction(await extractItems(app.extraction, { itemIds: found })));
      // One pass extracts at most 10,000 pages; a bigger first pass leaves the rest for `prayerwire extract`.
      const left = countPendingExtraction(app.db, found);
      if (left) io.out(`${left} articles left pending extraction; \`prayerwire extract\` continues with them`);
      const grouped = app.finishNewItems(found);
      if (grouped) io.out(`${grouped} items joined a story reported by another source`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

async function runPass(deps: Parameters<typeof pollOnce>[0], feedNames: string[] | undefined, io: CommandIo): Promise<RefreshOutcome[]> {
  let newItems = 0;
  const bar = io.isTTY
    ? new cliProgress.SingleBar({ format: 'polling {bar} {value}/{total} feeds | {newItems} new items | {feed}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  try {
    return await pollOnce(deps, {
      feedNames,
      onFeedDone(outcome, done, total) {
        newItems += outcome.newItemIds.length;
        if (bar) {
          if (!started) {
            bar.start(total, 0, { newItems: 0, feed: '' });
            started = true;
          }
          bar.update(done, { newItems, feed: outcome.feed });
        } else {
          io.err(`[${done}/${total}] ${outcome.feed}: ${outcome.status}${outcome.error ? ` (${outcome.error.code})` : ''}, ${outcome.newItemIds.length} new`);
        }
      },
    });
  } finally {
    bar?.stop();
  }
}

export function summarize(outcomes: RefreshOutcome[]): string {
  const rows = outcomes.map((o) => [o.feed, o.status, o.newItemIds.length, o.updated + o.merged, o.error ? o.error.message : '']);
  const totals = outcomes.reduce(
    (t, o) => ({ new: t.new + o.newItemIds.length, failed: t.failed + (o.status === 'error' ? 1 : 0) }),
    { new: 0, failed: 0 },
  );
  return `${formatTable(['feed', 'status', 'new', 'updated', 'error'], rows, 100)}\n\n${outcomes.length} feeds polled, ${totals.new} new items, ${totals.failed} feeds failed`;
}

export function summarizeExtraction(outcomes: ExtractionOutcome[]): string {
  const failed = outcomes.filter((o): o is Extract<ExtractionOutcome, { status: 'failed' }> => o.status === 'failed');
  const lines = failed.map((f) => `  item ${f.itemId}: ${f.code}: ${f.reason}`);
  const done = outcomes.filter((o) => o.status === 'done').length;
  const pending = outcomes.length - done - failed.length;
  const later = pending ? `; ${pending} left pending (cancelled, or the site asked us to wait)` : '';
  return [`${done} articles extracted, ${failed.length} failed (the feed's own text is kept)${later}`, ...lines].join('\n');
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const pollCommands: Commands = { poll: { run: pollCommand, usage: pollUsage } };
