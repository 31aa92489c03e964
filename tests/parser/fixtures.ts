/** Helpers for the parser tests: read a fixture, parse it with a fixed clock. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed, type ParsedFeed } from '../../src/parser/index.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'feeds');
export const FEED_URL = 'https://feeds.example.org/feed.xml';
/** Fixed clock: the "future date" rule is relative to it. */
export const NOW = Date.UTC(2025, 0, 1);

export function readFixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function parseFixture(name: string, contentType: string | null = null): Promise<ParsedFeed> {
  return parseFeed(readFixture(name), { url: FEED_URL, contentType, now: NOW });
}
