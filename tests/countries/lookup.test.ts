import { describe, expect, it } from 'vitest';
import { findCountry, getCountry, isCountryCode, listCountries } from '../../src/countries/index.js';

describe('listCountries', () => {
  it('has every ISO 3166-1 alpha-2 code from world-countries plus XK, sorted, with names', () => {
    const list = listCountries();
    expect(list).toHaveLength(250);
    expect(list.map((c) => c.code)).toEqual([...list.map((c) => c.code)].sort());
    expect(new Set(list.map((c) => c.code)).size).toBe(250);
    for (const c of list) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.officialName.length).toBeGreaterThan(0);
      expect(Object.keys(c).sort()).toEqual(['code', 'name', 'officialName']);
    }
    expect(list.find((c) => c.code === 'XK')?.name).toBe('Kosovo');
  });

  it('returns copies (callers cannot corrupt the table)', () => {
    const first = listCountries()[0];
    if (first) first.name = 'changed';
    expect(listCountries()[0]?.name).not.toBe('changed');
  });
});

describe('getCountry / isCountryCode', () => {
  it.each([
    ['KP', 'North Korea'],
    ['kp', 'North Korea'],
    [' ru ', 'Russia'],
    ['XK', 'Kosovo'],
    ['PS', 'Palestine'],
    ['TW', 'Taiwan'],
  ])('getCountry(%j) -> %s', (code, name) => {
    expect(getCountry(code)?.name).toBe(name);
  });

  it.each(['ZZ', 'XX', 'UK', 'EU', '', 'KOR', 'K'])('getCountry(%j) is null for unknown codes', (code) => {
    expect(getCountry(code)).toBeNull();
  });

  it.each([
    ['KP', true],
    ['XK', true],
    ['GB', true],
    ['kp', false],
    ['UK', false],
    ['ZZ', false],
    ['PRK', false],
    ['', false],
  ])('isCountryCode(%j) -> %s', (code, expected) => {
    expect(isCountryCode(code)).toBe(expected);
  });
});

describe('findCountry', () => {
  it.each([
    ['KP', 'KP'],
    ['kp', 'KP'],
    ['PRK', 'KP'],
    ['north korea', 'KP'],
    ['NORTH KOREA', 'KP'],
    ['DPRK', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['Democratic People’s Republic of Korea', 'KP'],
    ['South Korea', 'KR'],
    ['Republic of Korea', 'KR'],
    ['Burma', 'MM'],
    ['Türkiye', 'TR'],
    ['turkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Holy See', 'VA'],
    ['Vatican', 'VA'],
    ['Ivory Coast', 'CI'],
    ["cote d'ivoire", 'CI'],
    ['Eswatini', 'SZ'],
    ['Swaziland', 'SZ'],
    ['Czechia', 'CZ'],
    ['Czech Republic', 'CZ'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['United States of America', 'US'],
    ['Congo', 'CD'],
    ['DRC', 'CD'],
    ['Congo-Brazzaville', 'CG'],
    ['Republic of the Congo', 'CG'],
    ['Korea', 'KR'],
    ['Georgia', 'GE'],
    ['Kosovo', 'XK'],
    ['Palestine', 'PS'],
    ['  east   timor ', 'TL'],
  ])('findCountry(%j) -> %s', (query, code) => {
    expect(findCountry(query)?.code).toBe(code);
  });

  it.each(['', 'Atlantis', 'Island', 'Africa', 'Europe', 'ZZ', 'Niger Delta', 'Kremlin'])('findCountry(%j) is null', (query) => {
    expect(findCountry(query)).toBeNull();
  });
});
