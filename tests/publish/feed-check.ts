/** Helpers shared by feed tests: parse RSS/Atom back with rss-parser, validate JSON Feed 1.1 with ajv. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Parser from 'rss-parser';

export type ParsedItem = Record<string, unknown> & {
  title?: string; link?: string; guid?: string; id?: string; pubDate?: string; isoDate?: string;
  content?: string; 'content:encoded'?: string; categories?: unknown[];
};

const parser = new Parser<Record<string, unknown>, ParsedItem>({
  customFields: {
    feed: ['atom:link', 'link'] as never,
    item: [
      ['dc:creator', 'creator'], ['source', 'source'], ['media:content', 'mediaContent'], ['category', 'categoryRaw', { keepArray: true }],
      ['published', 'published'], ['updated', 'updated'], ['enclosure', 'enclosureRaw'], ['guid', 'guidRaw'],
    ] as never,
  },
});

/** Parse RSS or Atom text back (rss-parser, never fetching). */
export async function parseFeed(xml: string) {
  return parser.parseString(xml);
}

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isRfc822(s: string): boolean {
  return RFC822.test(s);
}
export function isRfc3339(s: string): boolean {
  return RFC3339.test(s);
}

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/jsonfeed-1.1.schema.json', import.meta.url)), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: under nodenext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;
addFormats(ajv);
const validate = ajv.compile(schema);
// The published JSON Schema for JSON Feed 1.1 (npm jsonfeed-schema), checked beside our stricter one.
const publishedSchema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('jsonfeed-schema/schema-v1.1.json'), 'utf8'));
const validatePublished = ajv.compile(publishedSchema);

/**
 * Validate a JSON Feed against the published JSON Feed 1.1 schema (jsonfeed-schema) and our stricter one
 * (formats, date-times, the `_prayerwire` extension); returns the error list (empty when valid).
 */
export function jsonFeedErrors(doc: unknown): string[] {
  const errors = (v: typeof validate, label: string) => (v(doc) ? [] : (v.errors ?? []).map((e) => `${label}: ${e.instancePath} ${e.message}`));
  return [...errors(validatePublished, 'jsonfeed-schema'), ...errors(validate, 'prayerwire schema')];
}

/** Every script-ish thing that must never reach output. */
export const HOSTILE = /<script|onerror|onclick|onmouseover|javascript:|<iframe|alert\(/i;
