/**
 * The inbox's query string: what the filter form sends (empty fields included), the API's filter parser behind it,
 * and the list context an item page carries along so j/k and "Back to the inbox" stay in the same list.
 */
import type { ItemFilter, ItemStatus } from '../../ports/index.js';
import { ITEM_STATUSES, parseItemFilter } from '../inbox-query.js';

/** Query keys that describe the list (not the page within it). */
export const LIST_KEYS = ['status', 'country', 'feed', 'kind', 'q', 'since', 'until'] as const;
export type ListKey = (typeof LIST_KEYS)[number];
export type ListParams = Partial<Record<ListKey, string>>;

/** The inbox's tabs: one per review state, then every item. */
export const STATUS_TABS: (ItemStatus | 'all')[] = [...ITEM_STATUSES, 'all'];

export interface InboxQuery {
  /** The list's parameters as given (trimmed, empty ones dropped); status defaults to 'new'. */
  params: ListParams;
  status: ItemStatus | 'all';
  cursor: string | null;
  filter: ItemFilter;
  /** A message when the query was not understood (the filter then falls back to the status alone). */
  error: string | null;
}

/** Reads the inbox's query: empty fields dropped, status 'all' meaning no status filter, the default tab 'new'. */
export function readInboxQuery(query: Record<string, string>, pageSize = 50): InboxQuery {
  const params: ListParams = {};
  for (const key of LIST_KEYS) {
    const value = query[key]?.trim();
    if (value) params[key] = value;
  }
  if (params.country) params.country = params.country.toUpperCase();
  const status = (STATUS_TABS as string[]).includes(params.status ?? '') ? (params.status as ItemStatus | 'all') : 'new';
  params.status = status;
  const cursor = query.cursor?.trim() || null;
  const forApi: Record<string, string> = { ...(params as Record<string, string>), limit: String(pageSize) };
  if (status === 'all') delete forApi.status;
  // A date picked as "to" means through the end of that day; the store's `until` is exclusive.
  if (params.until && /^\d{4}-\d{2}-\d{2}$/.test(params.until)) {
    const next = new Date(Date.parse(`${params.until}T00:00:00Z`) + 86400_000);
    if (!Number.isNaN(next.getTime())) forApi.until = next.toISOString().slice(0, 10);
  }
  if (cursor) forApi.cursor = cursor;
  const parsed = parseItemFilter(forApi);
  if (parsed.ok) return { params, status, cursor, filter: parsed.filter, error: null };
  const error = parsed.error.issues.map((i) => `${i.path.join('.') === 'q' ? 'search' : i.path.join('.')}: ${i.message}`).join('; ');
  return { params: { status }, status, cursor: null, filter: { status: status === 'all' ? undefined : status, limit: pageSize }, error };
}

/** `?a=1&b=2` for the given parameters (empty ones left out), or '' when none. */
export function toQueryString(params: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The list parameters out of any query (used by item pages and form posts to keep the list context). */
export function listContext(query: Record<string, string>): ListParams {
  const params: ListParams = {};
  for (const key of LIST_KEYS) {
    const value = query[key]?.trim();
    if (value && value.length <= 200) params[key] = value;
  }
  return params;
}
