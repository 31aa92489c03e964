import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestCountries, type CountrySuggestion } from '../../src/countries/index.js';
import { buildCountryData, getCountryData } from '../../src/countries/data.js';
import { CountryDataError, parseIndicators } from '../../src/countries/load-indicators.js';
import { getMatcher } from '../../src/countries/suggest.js';

const byCode = (s: CountrySuggestion[], code: string): CountrySuggestion | undefined => s.find((x) => x.code === code);

describe('suggestCountries: shape, scoring, primary', () => {
  it('returns nothing for text without countries', () => {
    expect(suggestCountries({ title: 'A quiet week', text: 'Nothing happened.' })).toEqual([]);
    expect(suggestCountries({ title: '' })).toEqual([]);
  });

  it('reports evidence per phrase with counts and places', () => {
    const s = suggestCountries({
      title: 'North Korea fires missiles',
      lead: 'Pyongyang launched two missiles.',
      text: 'North Korea said the test succeeded. North Korean media agreed.',
    });
    expect(s).toHaveLength(1);
    const kp = s[0] as CountrySuggestion;
    expect(kp).toMatchObject({ code: 'KP', name: 'North Korea', primary: true, source: 'suggested' });
    expect(kp.evidence).toEqual([
      { phrase: 'North Korea', count: 2, where: ['title', 'text'] },
      { phrase: 'North Korean', count: 1, where: ['text'] },
      { phrase: 'Pyongyang', count: 1, where: ['lead'] },
    ]);
    // title 3 x 1 + text 1 x 1 + demonym 0.8 + capital in lead 2 x 0.8
    expect(kp.score).toBeCloseTo(3 + 1 + 0.8 + 1.6, 5);
  });

  it('weights title over lead over text', () => {
    const t = suggestCountries({ title: 'Kenya' })[0];
    const l = suggestCountries({ title: '', lead: 'Kenya' })[0];
    const x = suggestCountries({ title: '', text: 'Kenya' })[0];
    expect(t?.score).toBeGreaterThan(l?.score ?? 0);
    expect(l?.score).toBeGreaterThan(x?.score ?? 0);
  });

  it('ranks by score and marks minor mentions as not primary', () => {
    const s = suggestCountries({
      title: 'Church growth report',
      text: 'Believers in Nigeria grow. Nigeria has many churches. Nigerian pastors train leaders in Lagos. A team also visited Ghana.',
    });
    expect(s.map((x) => x.code)).toEqual(['NG', 'GH']);
    expect(byCode(s, 'NG')?.primary).toBe(true);
    expect(byCode(s, 'GH')?.primary).toBe(false);
  });

  it('a country named in the title is primary even with fewer mentions', () => {
    const s = suggestCountries({
      title: 'Kenya sends police to Haiti',
      text: 'Haiti gangs control the capital. Haiti needs help. Haitian churches pray. Port-au-Prince is tense.',
    });
    expect(byCode(s, 'KE')?.primary).toBe(true);
    expect(byCode(s, 'HT')?.primary).toBe(true);
  });

  it('weak-only evidence is never primary', () => {
    const s = suggestCountries({ title: 'Taliban statement', text: 'The Taliban said nothing new.' });
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ code: 'AF', primary: false });
  });
});

describe('suggestCountries: feed countries', () => {
  it('a feed country with no textual support has source feed', () => {
    const s = suggestCountries({ title: 'Russia expands', text: 'Moscow said so.', feedCountries: ['KP'] });
    expect(byCode(s, 'KP')).toMatchObject({
      source: 'feed',
      primary: false,
      evidence: [{ phrase: 'feed country', count: 1, where: ['feed'] }],
    });
    expect(byCode(s, 'RU')).toMatchObject({ source: 'suggested', primary: true });
  });

  it('a feed country supported by the text is suggested, scores more, and lists feed as a place', () => {
    const plain = suggestCountries({ title: 'Update', text: 'Nigeria and Ghana signed a deal.' });
    const fed = suggestCountries({ title: 'Update', text: 'Nigeria and Ghana signed a deal.', feedCountries: ['ng'] });
    const ng = byCode(fed, 'NG');
    expect(ng?.source).toBe('suggested');
    expect(ng?.score).toBeGreaterThan(byCode(plain, 'NG')?.score ?? 0);
    expect(ng?.evidence.some((e) => e.where.includes('feed'))).toBe(true);
    expect(fed[0]?.code).toBe('NG');
  });

  it('the only feed country is primary when the text names none', () => {
    const s = suggestCountries({ title: 'Prayer points', text: 'Pray for the persecuted.', feedCountries: ['KP'] });
    expect(s).toEqual([
      { code: 'KP', name: 'North Korea', score: 1, primary: true, source: 'feed', evidence: [{ phrase: 'feed country', count: 1, where: ['feed'] }] },
    ]);
  });

  it('ignores unknown feed codes', () => {
    expect(suggestCountries({ title: 'x', feedCountries: ['ZZ', 'UK'] })).toEqual([]);
  });
});

describe('matcher and data', () => {
  it('compiles one matcher over all indicators, once', () => {
    const m = getMatcher();
    expect(getMatcher()).toBe(m);
    expect(m.size).toBe(getCountryData().indicators.length);
    expect(m.size).toBeGreaterThan(1500);
  });

  it('indicators.yml carries its review header and date', () => {
    const text = readFileSync(new URL('../../src/countries/indicators.yml', import.meta.url), 'utf8');
    expect(text).toMatch(/Reviewed by:/);
    expect(text).toMatch(/Sources to check:/);
    expect(text).toMatch(/Date last reviewed: 2026-11/);
    expect(getCountryData().reviewed).toBe('2026-11');
  });

  it('rejects an invalid indicators file with a coded error', () => {
    expect(() => parseIndicators('reviewed: 2026-11\nexclude: []\nstops: []\ncountries:\n  kp: {}\n')).toThrow(CountryDataError);
    try {
      parseIndicators('reviewed: x\nexclude: []\nstops: []\ncountries: { KP: { cities: [{ txt: 1 }] } }\n');
    } catch (err) {
      expect((err as CountryDataError).code).toBe('invalid_indicators');
    }
  });

  it('rejects an unknown code and a phrase claimed by two countries', () => {
    const base = 'reviewed: 2026-11\nexclude: []\nstops: []\n';
    expect(() => buildCountryData(parseIndicators(`${base}countries: { ZZ: { cities: [Foo] } }\n`))).toThrow(/unknown country code ZZ/);
    expect(() => buildCountryData(parseIndicators(`${base}countries: { KP: { cities: [Foo] }, KR: { cities: [Foo] } }\n`))).toThrow(/listed under KP and KR/);
  });

  it('title case headlines do not turn every country into a person name', () => {
    expect(suggestCountries({ title: 'Refugees Flee To Chad As Fighting Spreads' }).map((s) => s.code)).toEqual(['TD']);
    expect(suggestCountries({ title: 'Michael Jordan Opens Clinic' })).toEqual([]);
  });

  it('handles long input without choking on punctuation', () => {
    const text = `${'— … «» ,,, ;; '.repeat(2000)} Russia ${'a '.repeat(5000)}`;
    expect(suggestCountries({ title: '', text }).map((s) => s.code)).toEqual(['RU']);
  });
});
