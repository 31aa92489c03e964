/**
 * Precision and recall of suggestCountries on tests/fixtures/countries/labelled.json (micro-averaged),
 * for primary countries and for all mentions, with the misses listed.
 * Run: npx tsx scripts/eval-countries.ts   (or: node bin/run-ts.mjs scripts/eval-countries.ts)
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { suggestCountries } from '../src/countries/index.js';

/** One labelled item of the fixture. */
export interface LabelledItem {
  id: string;
  title: string;
  lead?: string;
  text: string;
  primary: string[];
  mentioned: string[];
  feedCountries?: string[];
  note?: string;
}

export interface Score {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface ItemMiss {
  id: string;
  level: 'primary' | 'mentioned';
  /** Suggested but not labelled. */
  extra: string[];
  /** Labelled but not suggested. */
  missing: string[];
}

export interface CountryEvaluation {
  items: number;
  primary: Score;
  mentioned: Score;
  misses: ItemMiss[];
}

const FIXTURE = new URL('../tests/fixtures/countries/labelled.json', import.meta.url);

/** Reads the labelled fixture. */
export function loadLabelled(): LabelledItem[] {
  return (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { items: LabelledItem[] }).items;
}

/** Runs suggestCountries over every labelled item and scores it. */
export function evaluateCountries(items: LabelledItem[] = loadLabelled()): CountryEvaluation {
  const primary = { tp: 0, fp: 0, fn: 0 };
  const mentioned = { tp: 0, fp: 0, fn: 0 };
  const misses: ItemMiss[] = [];
  for (const item of items) {
    const suggestions = suggestCountries({
      title: item.title,
      ...(item.lead !== undefined ? { lead: item.lead } : {}),
      text: item.text,
      ...(item.feedCountries ? { feedCountries: item.feedCountries } : {}),
    });
    compare(item.id, 'primary', suggestions.filter((s) => s.primary).map((s) => s.code), item.primary, primary, misses);
    compare(item.id, 'mentioned', suggestions.map((s) => s.code), item.mentioned, mentioned, misses);
  }
  return { items: items.length, primary: toScore(primary), mentioned: toScore(mentioned), misses };
}

function compare(
  id: string,
  level: ItemMiss['level'],
  got: string[],
  want: string[],
  acc: { tp: number; fp: number; fn: number },
  misses: ItemMiss[],
): void {
  const g = new Set(got);
  const w = new Set(want);
  const extra = [...g].filter((c) => !w.has(c));
  const missing = [...w].filter((c) => !g.has(c));
  acc.tp += g.size - extra.length;
  acc.fp += extra.length;
  acc.fn += missing.length;
  if (extra.length || missing.length) misses.push({ id, level, extra, missing });
}

function toScore(a: { tp: number; fp: number; fn: number }): Score {
  return {
    precision: a.tp + a.fp === 0 ? 1 : a.tp / (a.tp + a.fp),
    recall: a.tp + a.fn === 0 ? 1 : a.tp / (a.tp + a.fn),
    truePositives: a.tp,
    falsePositives: a.fp,
    falseNegatives: a.fn,
  };
}

function printEvaluation(e: CountryEvaluation): void {
  const fmt = (s: Score): string =>
    `precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;
  console.log(`${e.items} labelled items`);
  console.log(`primary:   ${fmt(e.primary)}`);
  console.log(`mentioned: ${fmt(e.mentioned)}`);
  if (e.misses.length === 0) console.log('no misses');
  for (const m of e.misses) {
    const parts = [m.extra.length ? `extra ${m.extra.join(',')}` : '', m.missing.length ? `missing ${m.missing.join(',')}` : ''];
    console.log(`  ${m.level.padEnd(9)} ${m.id}: ${parts.filter(Boolean).join('; ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printEvaluation(evaluateCountries());
}
