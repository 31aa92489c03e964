/**
 * The item list's query parameters (`GET /api/items` and the inbox page): validated into the store's ItemFilter.
 * One parser, so the API and the page accept the same filters with the same messages.
 */
import { z } from 'zod';
import { ITEM_STATUSES } from '../model/item.js';
import type { ItemFilter } from '../ports/index.js';

export { ITEM_STATUSES };

const listQuery = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code').optional(),
  feed: z.string().min(1).optional(),
  kind: z.enum(['news', 'ministry']).optional(),
  q: z.string().max(200).optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  until: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).refine(isCursor, 'not a cursor from this API (use nextCursor as given)').optional(),
});

/**
 * Is this the shape of a `nextCursor` (base64url of "sortAt|id", see store/items)? A damaged cursor is refused rather
 * than silently ignored, which would restart a client's paging at the first page (and loop forever).
 */
function isCursor(value: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return false;
  return /^[^|]+\|\d{1,15}$/.test(Buffer.from(value, 'base64url').toString('utf8'));
}

function toIso(value: string | undefined): string | undefined {
  return value ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString() : undefined;
}

/** An item list query (`status`, `country`, `feed`, `kind`, `q`, `since`, `until`, `limit`, `cursor`) -> store filter. */
export function parseItemFilter(query: Record<string, string>): { ok: true; filter: ItemFilter } | { ok: false; error: z.ZodError } {
  const parsed = listQuery.safeParse(query);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const q = parsed.data;
  return {
    ok: true,
    filter: { status: q.status, country: q.country, feed: q.feed, kind: q.kind, search: q.q, since: toIso(q.since), until: toIso(q.until), limit: q.limit ?? 50, cursor: q.cursor },
  };
}
