/**
 * A small metrics registry that writes the Prometheus text exposition format (version 0.0.4): counters, gauges
 * (set, or read from a callback at scrape time) and histograms with fixed buckets, each with optional labels.
 *
 * Written here rather than taken from prom-client: the app needs these three types and nothing of its cluster,
 * summary or push machinery, and the format is small and stable (escaping, `le` buckets, `+Inf`).
 *
 * A metric keeps at most `maxSeries` label combinations; later new ones are dropped (and counted in
 * `prayerwire_metrics_series_dropped_total`), so a label fed from input by mistake cannot grow memory without bound.
 *
 * @example
 * const registry = createRegistry();
 * const polls = registry.counter({ name: 'polls_total', help: 'Feed polls', labelNames: ['status'] });
 * polls.inc({ status: 'ok' });
 * registry.render(); // '# HELP polls_total Feed polls\n# TYPE polls_total counter\npolls_total{status="ok"} 1\n…'
 */

export type Labels = Readonly<Record<string, string | number>>;

interface MetricOptions<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface Counter<L extends string = never> {
  inc(labels?: Partial<Record<L, string | number>>, by?: number): void;
}

export interface Gauge<L extends string = never> {
  set(labels: Partial<Record<L, string | number>>, value: number): void;
}

export interface Histogram<L extends string = never> {
  observe(labels: Partial<Record<L, string | number>>, value: number): void;
}

/** One sample a gauge's callback reports. */
export interface GaugeSample {
  labels?: Labels;
  value: number;
}

export interface Registry {
  /** `collect`, when given, reads a total kept elsewhere (CPU time) at each scrape. */
  counter<L extends string = never>(options: MetricOptions<L> & { collect?: () => number }): Counter<L>;
  /** `collect`, when given, is called at each scrape and replaces the set values. */
  gauge<L extends string = never>(options: MetricOptions<L> & { collect?: () => number | GaugeSample[] }): Gauge<L>;
  histogram<L extends string = never>(options: MetricOptions<L> & { buckets: readonly number[] }): Histogram<L>;
  /** Every metric, in the order defined, in the text exposition format. */
  render(): string;
}

/** The Content-Type of `render()`'s output. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value inside double quotes: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value: integers and decimals as JavaScript writes them, infinities and NaN as Prometheus spells them. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(String(v))}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

interface Series<T> {
  labels: Labels;
  value: T;
}

/** Label combinations of one metric, keyed by their values in labelNames order. */
class SeriesMap<T> {
  private readonly series = new Map<string, Series<T>>();
  constructor(
    private readonly labelNames: readonly string[],
    private readonly maxSeries: number,
    private readonly onDrop: () => void,
  ) {}

  /** The series for these labels, created with `init` when new; null when the cap is reached. */
  get(labels: Readonly<Record<string, string | number | undefined>> | undefined, init: () => T): Series<T> | null {
    const values = this.labelNames.map((n) => String(labels?.[n] ?? ''));
    const key = values.join('\u0000');
    let found = this.series.get(key);
    if (!found) {
      if (this.series.size >= this.maxSeries) {
        this.onDrop();
        return null;
      }
      found = { labels: Object.fromEntries(this.labelNames.map((n, i) => [n, values[i]!])), value: init() };
      this.series.set(key, found);
    }
    return found;
  }

  values(): IterableIterator<Series<T>> {
    return this.series.values();
  }
}

interface Rendered {
  render(lines: string[]): void;
}

export interface RegistryOptions {
  /** Label combinations kept per metric (default 1000). */
  maxSeries?: number;
}

export function createRegistry(options: RegistryOptions = {}): Registry {
  const maxSeries = options.maxSeries ?? 1000;
  const metrics: Rendered[] = [];
  const names = new Set<string>();
  let dropped = 0;
  const onDrop = () => void (dropped += 1);

  const define = (name: string, help: string, type: string, labelNames: readonly string[]) => {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name "${name}"`);
    if (names.has(name)) throw new Error(`metric "${name}" is defined twice`);
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__') || label === 'le') throw new Error(`invalid label name "${label}" on ${name}`);
    }
    names.add(name);
    return (lines: string[]) => lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
  };

  const registry: Registry = {
    counter<L extends string = never>({ name, help, labelNames = [], collect }: MetricOptions<L> & { collect?: () => number }): Counter<L> {
      const header = define(name, help, 'counter', labelNames);
      const series = new SeriesMap<number>(labelNames, maxSeries, onDrop);
      // A counter without labels shows 0 from the start, so a rate over its first increase is not lost.
      if (!labelNames.length) series.get(undefined, () => 0);
      metrics.push({
        render(lines) {
          header(lines);
          if (collect) return void lines.push(`${name} ${formatValue(collect())}`);
          for (const s of series.values()) lines.push(`${name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
        },
      });
      return {
        inc(labels, by = 1) {
          if (!(by >= 0)) throw new Error(`counter ${name} can only go up (got ${by})`);
          const s = series.get(labels, () => 0);
          if (s) s.value += by;
        },
      };
    },

    gauge<L extends string = never>({ name, help, labelNames = [], collect }: MetricOptions<L> & { collect?: () => number | GaugeSample[] }): Gauge<L> {
      const header = define(name, help, 'gauge', labelNames);
      const series = new SeriesMap<number>(labelNames, maxSeries, onDrop);
      metrics.push({
        render(lines) {
          header(lines);
          if (collect) {
            const got = collect();
            const samples = typeof got === 'number' ? [{ value: got }] : got;
            for (const s of samples) lines.push(`${name}${formatLabels(s.labels ?? {})} ${formatValue(s.value)}`);
            return;
          }
          for (const s of series.values()) lines.push(`${name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
        },
      });
      return {
        set(labels, value) {
          const s = series.get(labels, () => 0);
          if (s) s.value = value;
        },
      };
    },

    histogram<L extends string = never>({ name, help, labelNames = [], buckets }: MetricOptions<L> & { buckets: readonly number[] }): Histogram<L> {
      const header = define(name, help, 'histogram', labelNames);
      const bounds = [...buckets].sort((a, b) => a - b).filter((b) => b !== Infinity);
      if (new Set(bounds).size !== bounds.length) throw new Error(`histogram ${name} has a bucket twice`);
      const series = new SeriesMap<{ counts: number[]; sum: number; count: number }>(labelNames, maxSeries, onDrop);
      metrics.push({
        render(lines) {
          header(lines);
          for (const { labels, value } of series.values()) {
            let cumulative = 0;
            bounds.forEach((le, i) => {
              cumulative += value.counts[i]!;
              lines.push(`${name}_bucket${formatLabels({ ...labels, le: formatValue(le) })} ${cumulative}`);
            });
            lines.push(`${name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${value.count}`);
            lines.push(`${name}_sum${formatLabels(labels)} ${formatValue(value.sum)}`);
            lines.push(`${name}_count${formatLabels(labels)} ${value.count}`);
          }
        },
      });
      return {
        observe(labels, v) {
          const s = series.get(labels, () => ({ counts: bounds.map(() => 0), sum: 0, count: 0 }));
          if (!s) return;
          const i = bounds.findIndex((le) => v <= le);
          if (i >= 0) s.value.counts[i]! += 1;
          s.value.sum += v;
          s.value.count += 1;
        },
      };
    },

    render() {
      const lines: string[] = [];
      for (const m of metrics) m.render(lines);
      lines.push(
        '# HELP prayerwire_metrics_series_dropped_total New label combinations not recorded because a metric had too many.',
        '# TYPE prayerwire_metrics_series_dropped_total counter',
        `prayerwire_metrics_series_dropped_total ${dropped}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
  return registry;
}
