/** searchCountries: the type-ahead behind the curators' country box and GET /api/countries. */
import { describe, expect, it } from 'vitest';
import { searchCountries } from '../../src/countries/index.js';

const codes = (q: string, limit?: number) => searchCountries(q, limit).map((c) => c.code);

describe('searchCountries', () => {
  it('puts an exact code or alias first, then names starting with the text, then a word starting with it', () => {
    expect(codes('burma')[0]).toBe('MM');
    expect(codes('ng')[0]).toBe('NG');
    expect(codes('korea').slice(0, 2).sort()).toEqual(['KP', 'KR']);
    // Guinea is an exact name; Guinea-Bissau starts with the text; in Equatorial Guinea and Papua New Guinea a word does.
    expect(codes('guinea').slice(0, 4)).toEqual(['GN', 'GW', 'GQ', 'PG']);
  });

  it('matches the official name too, and lists everything for empty text, within the limit', () => {
    expect(codes("democratic people's republic")).toContain('KP');
    expect(searchCountries('').length).toBeGreaterThan(240);
    expect(codes('a', 5)).toHaveLength(5);
    expect(codes('zzzz')).toEqual([]);
  });
});
