/**
 * The matcher's data: the country table (table.ts) and the flat list of indicators, merged once from the
 * `world-countries` package (English names, altSpellings, demonyms, capitals) and the reviewed indicators.yml.
 */
import { CountryDataError, LIST_KINDS, loadIndicators, type IndicatorFile, type IndicatorItem } from './load-indicators.js';
import { foldPhrase, foldWord, splitPattern } from './normalize.js';
import { countryTable, WORLD_COUNTRIES as PACKAGE } from './table.js';
import type { Country, Indicator, IndicatorKind } from './types.js';

/** Everything built from the data files; built once, lazily. */
export interface CountryData {
  countries: Country[];
  byCode: Map<string, Country>;
  /** foldPhrase(name or alias or code) -> code, for findCountry. */
  lookup: Map<string, string>;
  indicators: Indicator[];
  reviewed: string;
}

let cached: CountryData | null = null;

/** The merged data (built on first use). */
export function getCountryData(): CountryData {
  cached ??= buildCountryData(loadIndicators());
  return cached;
}

const LATIN_TEXT = /^[\p{Script=Latin}\p{M}\p{N}\s'’.-]+$/u;

/** Builds the country table and indicators from parsed indicators.yml. Exported for tests. */
export function buildCountryData(file: IndicatorFile): CountryData {
  const { countries, byCode } = countryTable();
  for (const code of Object.keys(file.countries)) {
    if (!byCode.has(code)) throw new CountryDataError(`indicators.yml: unknown country code ${code}`);
  }
  const excluded = new Set(file.exclude.map(foldPhrase));
  const independent = new Map(PACKAGE.map((c) => [c.cca2, c.independent === true]));

  // 1. Package phrases, grouped by pattern key so collisions between countries can be settled.
  const fromPackage = new Map<string, Draft[]>();
  const addPackage = (code: string, text: string, kind: IndicatorKind): void => {
    const t = text.trim();
    if (t.length < 3 || t.includes(',') || t.includes('(') || !LATIN_TEXT.test(t)) return;
    if (excluded.has(foldPhrase(t))) return;
    const draft = toDraft(code, { text: t, ...(t.length <= 5 && t === t.toUpperCase() ? { case: 'exact' as const } : {}) }, kind);
    if (!draft) return;
    const list = fromPackage.get(draft.key) ?? [];
    if (!list.some((d) => d.code === code)) list.push(draft);
    fromPackage.set(draft.key, list);
  };
  for (const c of PACKAGE) {
    addPackage(c.cca2, c.name.common, 'name');
    addPackage(c.cca2, c.name.official, 'name');
    for (const alt of c.altSpellings) addPackage(c.cca2, alt, 'alias');
    for (const demonym of packageDemonyms(c.demonyms['eng'], c.name.common)) addPackage(c.cca2, demonym, 'demonym');
    for (const capital of c.capital) addPackage(c.cca2, capital, 'capital');
  }

  // 2. indicators.yml entries override package phrases with the same key.
  const drafts = new Map<string, Draft>();
  for (const [key, list] of fromPackage) {
    const chosen = list.length === 1 ? list[0] : pickIndependent(list, independent);
    if (chosen) drafts.set(key, chosen);
  }
  const fromFile = new Map<string, Draft>();
  const addFile = (code: string | null, item: IndicatorItem, kind: IndicatorKind): void => {
    const draft = toDraft(code, item, kind);
    if (!draft) throw new CountryDataError(`indicators.yml: no words in ${JSON.stringify(item)}`);
    const prior = fromFile.get(draft.key);
    if (prior && prior.code !== draft.code) {
      throw new CountryDataError(`indicators.yml: "${draft.phrase}" listed under ${prior.code ?? 'stops'} and ${code ?? 'stops'}`);
    }
    if (!prior) fromFile.set(draft.key, draft); // the first spelling listed is the canonical one
    else prior.indicator.capitals = prior.indicator.capitals.map((c, i) => c && draft.indicator.capitals[i] === true);
  };
  for (const [code, lists] of Object.entries(file.countries)) {
    for (const [list, kind] of Object.entries(LIST_KINDS)) {
      for (const item of lists[list as keyof typeof LIST_KINDS] ?? []) addFile(code, item, kind);
    }
  }
  for (const item of file.stops) addFile(null, item, 'stop');
  for (const [key, draft] of fromFile) drafts.set(key, draft);

  const indicators: Indicator[] = [...drafts.values()].map((d, id) => ({ ...d.indicator, id }));
  return { countries, byCode, lookup: buildLookup(file, excluded), indicators, reviewed: String(file.reviewed) };
}

interface Draft {
  key: string;
  code: string | null;
  phrase: string;
  indicator: Omit<Indicator, 'id'>;
}

function toDraft(code: string | null, item: IndicatorItem, kind: IndicatorKind): Draft | null {
  const o = typeof item === 'string' ? { text: item } : item;
  const words = splitPattern(o.text);
  if (words.length === 0) return null;
  const key = words.map((w) => w.key + w.gapAfter).join('');
  return {
    key,
    code,
    phrase: o.text,
    indicator: {
      phrase: o.text,
      code,
      kind,
      case: o.case ?? (kind === 'stop' ? 'any' : 'capitalized'),
      weak: o.weak ?? false,
      nameGuard: o.nameGuard ?? false,
      capsGuard: o.capsGuard ?? false,
      notAfter: (o.notAfter ?? []).map(foldWord),
      notBefore: (o.notBefore ?? []).map(foldWord),
      group: o.group ?? null,
      capitals: words.map((w) => w.capital),
    },
  };
}

/** A phrase claimed by several package countries goes to the one independent country, else to none. */
function pickIndependent(list: Draft[], independent: Map<string, boolean>): Draft | undefined {
  const ind = list.filter((d) => d.code !== null && independent.get(d.code));
  return ind.length === 1 ? ind[0] : undefined;
}

const NO_PLURAL = /(ese|sh|ch|ss|z|x|y|i-kiribati|ni-vanuatu|motswana|mosotho|malagasy|lao)$/i;

/** English demonyms ("Antiguan, Barbudan" split) plus a plural ("Russians", "Iraqis"). */
function packageDemonyms(d: { m: string; f: string } | undefined, name: string): string[] {
  if (!d) return [];
  const out = new Set<string>();
  for (const raw of [d.m, d.f]) {
    for (const part of raw.split(/,| or /)) {
      const t = part.trim();
      if (!t || t === name) continue;
      out.add(t);
      if (!NO_PLURAL.test(t)) out.add(`${t}s`);
    }
  }
  return [...out];
}

/** findCountry's table: codes, common and official names, altSpellings and indicators.yml aliases. */
function buildLookup(file: IndicatorFile, excluded: Set<string>): Map<string, string> {
  const lookup = new Map<string, string>();
  const put = (text: string, code: string): void => {
    const key = foldPhrase(text);
    if (key && !lookup.has(key)) lookup.set(key, code);
  };
  for (const c of PACKAGE) put(c.cca2, c.cca2);
  for (const c of PACKAGE) if (c.cca3) put(c.cca3, c.cca2);
  for (const c of PACKAGE) put(c.name.common, c.cca2);
  for (const c of PACKAGE) put(c.name.official, c.cca2);
  for (const [code, lists] of Object.entries(file.countries)) {
    for (const item of lists.aliases ?? []) put(typeof item === 'string' ? item : item.text, code);
  }
  for (const c of PACKAGE) {
    for (const alt of c.altSpellings) if (!excluded.has(foldPhrase(alt))) put(alt, c.cca2);
  }
  return lookup;
}
