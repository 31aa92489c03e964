/**
 * Reads feeds.yml into a typed, validated Config. Every problem names the file, the line, the field and what is
 * allowed, and all problems are reported at once.
 *
 * @example
 * const config = loadConfig('./feeds.yml'); // throws ConfigError listing every problem
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Config, FeedConfig, Settings } from '../model/feed.js';
import { fileSchema, type FeedsFile } from './schema.js';

export interface ConfigProblem {
  line: number | null;
  field: string;
  message: string;
}

export class ConfigError extends Error {
  readonly code = 'config';
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${file}${p.line === null ? '' : `:${p.line}`}: ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Path = (string | number)[];

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function lineOf(doc: Document, lines: LineCounter, path: Path, key?: string): number | null {
  let node = doc.getIn(path, true) as Node | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    node = (pair?.key as Node | undefined) ?? node;
  }
  for (let p = path; !node?.range && p.length; p = p.slice(0, -1)) node = doc.getIn(p.slice(0, -1), true) as Node | undefined;
  const offset = node?.range?.[0];
  return offset === undefined ? null : lines.linePos(offset).line;
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document): string {
  const path = issue.path as Path;
  const got = path.length ? doc.getIn(path) : undefined;
  const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove or fix the spelling`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${shown}`;
    case 'invalid_type':
      return got === undefined && issue.input === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}${shown}`;
    case 'custom':
      return `must be ${issue.message}${shown}`;
    default:
      return `${issue.message}${shown}`;
  }
}

function zodProblems(error: z.ZodError, doc: Document, lines: LineCounter): ConfigProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        line: lineOf(doc, lines, path, key),
        field: formatPath([...path, key]),
        message: `unknown field; allowed here: ${allowedKeys(path).join(', ')}`,
      }));
    }
    return [{ line: lineOf(doc, lines, path), field: formatPath(path), message: describeIssue(issue, doc) }];
  });
}

function allowedKeys(path: Path): string[] {
  if (path.length === 0) return Object.keys(fileSchema.shape);
  if (path[0] === 'settings' && path[1] === 'backup') return Object.keys(fileSchema.shape.settings.unwrap().shape.backup.unwrap().unwrap().shape);
  if (path[0] === 'settings') return Object.keys(fileSchema.shape.settings.unwrap().shape);
  return Object.keys(fileSchema.shape.feeds.unwrap().element.shape);
}

function duplicateProblems(data: FeedsFile, doc: Document, lines: LineCounter): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const field of ['name', 'url'] as const) {
    const seen = new Map<string, number>();
    data.feeds.forEach((feed, i) => {
      const value = field === 'name' ? feed.name.toLowerCase() : feed.url;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, i);
      else
        problems.push({
          line: lineOf(doc, lines, ['feeds', i, field]),
          field: `feeds[${i}].${field}`,
          message: `duplicate ${field} ${JSON.stringify(field === 'name' ? feed.name : feed.url)}, already used by feeds[${first}] (line ${lineOf(doc, lines, ['feeds', first, field])}); each feed needs its own`,
        });
    });
  }
  return problems;
}

/** Validates feeds.yml text; `file` is only used in messages. */
export function parseConfig(text: string, file: string): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, field: '', message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  const raw = doc.toJS() ?? {};
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const problems = zodProblems(result.error, doc, lines).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ConfigError(file, problems);
  }
  const duplicates = duplicateProblems(result.data, doc, lines);
  if (duplicates.length) throw new ConfigError(file, duplicates);
  return toConfig(result.data, file);
}

function toConfig(data: FeedsFile, file: string): Config {
  const s = data.settings;
  const settings: Settings = {
    userAgent: s.userAgent,
    intervalSec: s.interval,
    maxIntervalSec: Math.max(s.maxInterval, s.interval),
    concurrency: s.concurrency,
    perHost: s.perHost,
    allowPrivateNetworks: s.allowPrivateNetworks,
    timeoutMs: s.timeout * 1000,
    maxFeedBytes: s.maxFeedSize,
    maxPageBytes: s.maxPageSize,
    maxErrors: s.maxErrors,
    extractTimeoutMs: s.extractTimeout * 1000,
    extractWorkers: s.extractWorkers,
    websubHub: s.websubHub,
    baseUrl: s.baseUrl,
    requireCountryAndNote: s.requireCountryAndNote,
    trustProxy: s.trustProxy,
    backup: s.backup && { everySec: s.backup.every, keep: s.backup.keep, dir: s.backup.dir },
    hsts: s.hsts,
    metricsListen: s.metricsListen,
  };
  const feeds: FeedConfig[] = data.feeds.map((f) => ({
    name: f.name,
    url: f.url,
    kind: f.kind,
    countries: [...new Set(f.countries)],
    intervalSec: f.interval ?? settings.intervalSec,
    extract: f.extract,
    republish: f.republish,
    enabled: f.enabled,
  }));
  return { file, settings, feeds };
}

/** Reads and validates a feeds.yml file. */
export function loadConfig(path: string): Config {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError(file, [{ line: null, field: '', message: `${reason}; pass --config FILE or set PRAYERWIRE_CONFIG` }]);
  }
  return parseConfig(text, file);
}
