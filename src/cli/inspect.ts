/** `prayerwire feeds`, `prayerwire items`, `prayerwire item ID`: read-only views of the database. */
import { openStoreLenient } from '../app/index.js';
import { getCountry } from '../countries/index.js';
import { suggestionsByItem } from '../store/countries.js';
import { listFeedHealth } from '../store/feeds.js';
import { getItemDetail } from '../curate/item-detail.js';
import { ITEM_STATUSES } from '../model/item.js';
import { listItems, type ItemStatus } from '../store/items.js';
import { parseCommand, parsePositiveInt, resolvePaths, UsageError, type Env } from './args.js';
import { formatTable } from './format-table.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export const feedsUsage = `prayerwire feeds [--json] [--config FILE] [--db FILE]
  Every configured feed with its health: last success, last error and why, error streak, next poll, items.`;

export const itemsUsage = `prayerwire items [--status new|published|dismissed|retracted] [--country CC] [--feed NAME]
                 [--kind news|ministry] [--search TEXT] [--limit N] [--json]
  Items, newest first.`;

export const itemUsage = `prayerwire item ID [--json]
  One item with every field.`;

/** Read-only views still work with a broken or missing feeds.yml: they show what the database holds. */
function openDb(values: { config?: string; db?: string }, env: Env) {
  return openStoreLenient(resolvePaths(values, env));
}

export function feedsCommand(argv: string[], env: Env, io: CommandIo): number {
  const { values } = parseCommand(argv, { json: { type: 'boolean' } });
  if (values.help) return io.out(feedsUsage), 0;
  const db = openDb(values, env);
  try {
    const feeds = listFeedHealth(db);
    if (values.json) return io.out(JSON.stringify(feeds, null, 2)), 0;
    const rows = feeds.map((f) => [
      f.name,
      f.kind,
      f.enabled ? 'yes' : 'no',
      f.itemCount,
      f.lastSuccessAt?.slice(0, 16).replace('T', ' ') ?? 'never',
      f.errorCount || '',
      f.nextPollAt?.slice(0, 16).replace('T', ' ') ?? 'now',
      f.lastError ?? '',
    ]);
    io.out(formatTable(['feed', 'kind', 'enabled', 'items', 'last success', 'errors', 'next poll', 'last error'], rows, 70));
    return 0;
  } finally {
    db.close();
  }
}

export function itemsCommand(argv: string[], env: Env, io: CommandIo): number {
  const { values } = parseCommand(argv, {
    json: { type: 'boolean' },
    status: { type: 'string' },
    country: { type: 'string' },
    feed: { type: 'string' },
    kind: { type: 'string' },
    search: { type: 'string' },
    limit: { type: 'string' },
  });
  if (values.help) return io.out(itemsUsage), 0;
  if (values.status && !(ITEM_STATUSES as readonly string[]).includes(values.status)) throw new UsageError(`--status must be one of ${ITEM_STATUSES.join(', ')}`);
  if (values.kind && values.kind !== 'news' && values.kind !== 'ministry') throw new UsageError('--kind must be news or ministry');
  const db = openDb(values, env);
  try {
    const page = listItems(db, {
      status: values.status as ItemStatus | undefined,
      country: values.country,
      feed: values.feed,
      kind: values.kind as 'news' | 'ministry' | undefined,
      search: values.search,
      limit: parsePositiveInt(values.limit, 'limit') ?? 50,
    });
    if (values.json) {
      const suggestions = suggestionsByItem(db, page.items.map((i) => i.id));
      const withSuggestions = page.items.map((i) => ({
        ...i,
        suggestedCountries: (suggestions.get(i.id) ?? []).map((x) => ({ code: x.code, name: getCountry(x.code)?.name ?? x.code, score: Math.round(x.score * 100) / 100, primary: x.primary, evidence: x.evidence })),
      }));
      return io.out(JSON.stringify(withSuggestions, null, 2)), 0;
    }
    const rows = page.items.map((i) => [i.id, (i.publishedAt ?? i.firstSeenAt).slice(0, 10), i.status, i.sources.join(', '), i.title]);
    io.out(formatTable(['id', 'date', 'status', 'sources', 'title'], rows, 80));
    return 0;
  } finally {
    db.close();
  }
}

export function itemCommand(argv: string[], env: Env, io: CommandIo): number {
  const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } }, true);
  if (values.help) return io.out(itemUsage), 0;
  const id = parsePositiveInt(positionals[0], 'ID');
  if (!id) throw new UsageError(`an item id is required\n${itemUsage}`);
  const db = openDb(values, env);
  try {
    const item = getItemDetail(db, id);
    if (!item) return io.err(`no item ${id}; \`prayerwire items\` lists them`), 1;
    if (values.json) return io.out(JSON.stringify(item, null, 2)), 0;
    io.out(`#${item.id} ${item.title}\n${item.url ?? '(no link)'}\nstatus: ${item.status}   published: ${item.publishedAt ?? 'unknown'}`);
    io.out(`sources: ${item.sources.map((s) => s.feed).join(', ')}`);
    io.out(`extraction: ${item.extraction.status}${item.extraction.reason ? ` (${item.extraction.reason})` : ''}\n`);
    io.out(item.text ?? '');
    return 0;
  } finally {
    db.close();
  }
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const inspectCommands: Commands = {
  feeds: { run: feedsCommand, usage: feedsUsage },
  items: { run: itemsCommand, usage: itemsUsage },
  item: { run: itemCommand, usage: itemUsage },
};
