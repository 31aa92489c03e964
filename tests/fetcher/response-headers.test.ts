import { describe, expect, it } from 'vitest';
import { flattenHeaders, parseMaxAge, parseRetryAfter } from '../../src/fetcher/response-headers.js';

const now = Date.parse('2024-06-26T09:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | undefined, number | null]>([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 26 Jun 2024 09:01:30 GMT', 90_000],
    ['Wed, 26 Jun 2024 08:00:00 GMT', 0],
    ['Wednesday, 26-Jun-24 09:00:10 GMT', 10_000],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [undefined, null],
  ])('%j -> %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('parseMaxAge', () => {
  it.each<[string | undefined, number | null]>([
    ['max-age=900', 900],
    ['public, max-age=60, must-revalidate', 60],
    ['s-maxage=30, max-age=10', 10],
    ['MAX-AGE="15"', 15],
    ['s-maxage=30', null],
    ['no-store', null],
    [undefined, null],
  ])('%j -> %j s', (value, expected) => {
    expect(parseMaxAge(value)).toBe(expected);
  });
});

describe('flattenHeaders', () => {
  it('joins repeated values and drops undefined ones', () => {
    expect(flattenHeaders({ 'set-cookie': ['a=1', 'b=2'], etag: '"x"', age: undefined })).toEqual({
      'set-cookie': 'a=1, b=2',
      etag: '"x"',
    });
  });
});
