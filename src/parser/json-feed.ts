/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read directly. */
import type { ItemDraft } from './normalize-item.js';
import type { FeedHead } from './xml-feed.js';

export interface JsonFeedDoc {
  version: '1.0' | '1.1' | null;
  head: FeedHead;
  items: unknown[];
}

/** The body is JSON but not a JSON Feed. */
export class NotJsonFeedError extends Error {}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Read the top level of a parsed JSON document as a JSON Feed, or throw NotJsonFeedError. */
export function readJsonFeed(doc: unknown, warnings: string[]): JsonFeedDoc {
  const feed = record(doc);
  const versionUrl = str(feed.version);
  const version = versionUrl?.match(/jsonfeed\.org\/version\/(1(?:\.1)?)\/?$/)?.[1];
  if (!Array.isArray(feed.items)) throw new NotJsonFeedError('JSON without an "items" array is not a JSON Feed');
  if (!version) {
    if (!versionUrl?.includes('jsonfeed.org') && !('title' in feed)) throw new NotJsonFeedError('JSON without a JSON Feed "version"');
    warnings.push(`unrecognized JSON Feed version ${JSON.stringify(feed.version ?? null)}: read as 1.1`);
  }
  return {
    version: version === '1' ? '1.0' : version === '1.1' ? '1.1' : null,
    head: {
      title: str(feed.title),
      siteUrl: str(feed.home_page_url),
      description: str(feed.description),
      language: str(feed.language),
      ttl: null,
      updatePeriod: null,
      updateFrequency: null,
    },
    items: feed.items,
  };
}

function authorName(item: Record<string, unknown>): string | null {
  const authors = Array.isArray(item.authors) ? item.authors : [item.author];
  for (const a of authors) {
    const name = str(record(a).name);
    if (name) return name;
  }
  return null;
}

/** One JSON Feed item as a draft; null for an entry that is not an object. */
export function jsonItemDraft(value: unknown, base: string): ItemDraft | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const item = value as Record<string, unknown>;
  const contentHtml = str(item.content_html);
  const contentText = str(item.content_text);
  const summary = str(item.summary);
  const images = [str(item.image), str(item.banner_image)].filter((u): u is string => !!u);
  if (Array.isArray(item.attachments)) {
    for (const a of item.attachments) {
      const att = record(a);
      const url = str(att.url);
      if (url && str(att.mime_type)?.startsWith('image/')) images.push(url);
    }
  }
  return {
    guid: str(item.id),
    link: str(item.url) ?? str(item.external_url),
    base,
    title: str(item.title),
    summary: summary ?? contentText ?? contentHtml,
    summaryKind: summary || contentText ? 'text' : 'html',
    content: contentHtml ?? contentText,
    contentKind: contentHtml ? 'html' : 'text',
    author: authorName(item),
    published: str(item.date_published),
    updated: str(item.date_modified),
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((t): t is string => !!t) : [],
    images,
  };
}
