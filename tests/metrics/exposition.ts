/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line is a HELP, a TYPE or a
 * sample of a declared family, label values unescaped; anything else throws.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
  help: Map<string, string>;
  /** The value of the one sample with this name and these labels (all of them given), or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** The sum over samples of this name whose labels include these. */
  sum(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const n = Number(text);
  if (text === '' || Number.isNaN(n)) throw new Error(`not a sample value: ${text}`);
  return n;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const m = LABEL.exec(text);
    if (!m || m.index !== start) throw new Error(`bad labels: {${text}}`);
    if (m[1]! in labels) throw new Error(`label ${m[1]} twice in {${text}}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** The family a sample belongs to: its own name, or the histogram it is a _bucket, _sum or _count of. */
function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' ? base : undefined;
}

export function parseExposition(text: string): Exposition {
  if (!text.endsWith('\n')) throw new Error('the text must end with a line feed');
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      const map = kind === 'HELP' ? help : types;
      if (map.has(name)) throw new Error(`${kind} of ${name} twice`);
      if (kind === 'TYPE' && !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`bad type ${rest}`);
      map.set(name, rest);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a valid line: ${JSON.stringify(line)}`);
    const name = m[1]!;
    if (!familyOf(name, types)) throw new Error(`sample ${name} before (or without) its TYPE`);
    samples.push({ name, labels: m[3] ? parseLabels(m[3]) : {}, value: parseValue(m[4]!) });
  }
  const matches = (s: Sample, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => s.labels[k] === v);
  return {
    samples,
    types,
    help,
    value(name, labels = {}) {
      const found = samples.filter((s) => s.name === name && matches(s, labels) && Object.keys(s.labels).length === Object.keys(labels).length);
      if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
      return found[0]?.value;
    },
    sum(name, labels = {}) {
      return samples.filter((s) => s.name === name && matches(s, labels)).reduce((a, s) => a + s.value, 0);
    },
  };
}
