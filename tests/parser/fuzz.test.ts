/**
 * Fuzz-style robustness: 500 seeded random mutations of the fixture bytes. parseFeed must settle every time,
 * and only ever with a ParsedFeed or a ParseError (no TypeError, no RangeError, no hang).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed, ParseError } from '../../src/parser/index.js';
import { FIXTURES, readFixture } from './fixtures.js';
import { mulberry32 } from '../helpers/prng.js';


const TOKENS = ['<', '>', '&', '&amp;', '&#0;', '&#xD800;', '&nbsp', ']]>', '<![CDATA[', '</item>', '<item>', '<entry>', '"', "'", '<!--', '\u0000', '\uFFFD', '{', '}', '<?xml version="1.0" encoding="utf-16"?>', '<!DOCTYPE x [<!ENTITY a "&a;">]>', 'xml:base="::"', ' type="xhtml"'];

function mutate(input: Buffer, rand: () => number): Buffer {
  let bytes = Buffer.from(input);
  const rounds = 1 + Math.floor(rand() * 4);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(rand() * (bytes.length + 1));
    switch (Math.floor(rand() * 6)) {
      case 0: // flip a byte
        if (bytes.length) bytes[Math.min(at, bytes.length - 1)] = Math.floor(rand() * 256);
        break;
      case 1: // delete a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + Math.floor(rand() * 64))]);
        break;
      case 2: // duplicate a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + Math.floor(rand() * 200)), bytes.subarray(at)]);
        break;
      case 3: // insert a troublesome token
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(TOKENS[Math.floor(rand() * TOKENS.length)] ?? '<'), bytes.subarray(at)]);
        break;
      case 4: // truncate
        bytes = bytes.subarray(0, at);
        break;
      default: // random bytes
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256))), bytes.subarray(at)]);
    }
  }
  return bytes;
}

describe('parseFeed fuzz', () => {
  const files = readdirSync(FIXTURES).filter((f) => !f.endsWith('.ts') && !f.startsWith('large-'));
  const inputs = files.map((f) => readFixture(f));

  it('500 mutations settle with a ParsedFeed or a ParseError only', async () => {
    const rand = mulberry32(20240619);
    const outcomes = { parsed: 0, errors: {} as Record<string, number> };
    for (let i = 0; i < 500; i++) {
      const source = inputs[Math.floor(rand() * inputs.length)]!;
      const body = mutate(source, rand);
      const contentType = rand() < 0.2 ? 'application/json' : rand() < 0.2 ? 'text/html; charset=bogus' : null;
      try {
        const feed = await parseFeed(body, { url: 'https://feeds.example.org/feed.xml', contentType });
        outcomes.parsed++;
        for (const item of feed.items) {
          expect(typeof item.title).toBe('string');
          expect(item.key).toMatch(/^[0-9a-f]{64}$/);
        }
      } catch (err) {
        // "could not read the feed" is the catch-all for an unexpected exception inside the parser: a bug.
        if (!(err instanceof ParseError) || err.message.startsWith('could not read the feed')) {
          throw new Error(`mutation ${i} threw ${String(err)}\n${body.toString('latin1').slice(0, 300)}`);
        }
        outcomes.errors[err.code] = (outcomes.errors[err.code] ?? 0) + 1;
      }
    }
    // Most mutations of a feed are still readable; the mix proves both paths ran.
    expect(outcomes.parsed).toBeGreaterThan(250);
    expect(Object.values(outcomes.errors).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
