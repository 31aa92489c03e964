/** The text exposition writer: what Prometheus reads back, escaping, cumulative buckets, bounded label sets. */
import { describe, expect, it } from 'vitest';
import { createRegistry, escapeLabelValue, formatValue } from '../../src/metrics/index.js';
import { parseExposition } from './exposition.js';

describe('createRegistry', () => {
  it('writes counters, gauges and histograms that a strict reader accepts', () => {
    const r = createRegistry();
    const polls = r.counter({ name: 'polls_total', help: 'Feed polls.', labelNames: ['status'] });
    r.counter({ name: 'plain_total', help: 'No labels.' });
    const depth = r.gauge({ name: 'depth', help: 'Queue depth.' });
    r.gauge({ name: 'read_at_scrape', help: 'Read from a callback.', labelNames: ['state'], collect: () => [{ labels: { state: 'a' }, value: 3 }] });
    const took = r.histogram({ name: 'took_seconds', help: 'Durations.', labelNames: ['route'], buckets: [1, 0.1, 10] });
    polls.inc({ status: 'ok' });
    polls.inc({ status: 'ok' }, 2);
    polls.inc({ status: 'error' });
    depth.set({}, 7);
    for (const v of [0.05, 0.1, 0.5, 5, 50]) took.observe({ route: '/a' }, v);

    const text = r.render();
    const m = parseExposition(text);
    expect(m.types.get('polls_total')).toBe('counter');
    expect(m.types.get('took_seconds')).toBe('histogram');
    expect(m.value('polls_total', { status: 'ok' })).toBe(3);
    expect(m.value('polls_total', { status: 'error' })).toBe(1);
    expect(m.value('plain_total')).toBe(0);
    expect(m.value('depth')).toBe(7);
    expect(m.value('read_at_scrape', { state: 'a' })).toBe(3);
    // Buckets sorted and cumulative (0.1 holds 0.05 and 0.1: le is "less or equal"), then +Inf, _sum and _count.
    const buckets = m.samples.filter((s) => s.name === 'took_seconds_bucket').map((s) => [s.labels.le, s.value]);
    expect(buckets).toEqual([['0.1', 2], ['1', 3], ['10', 4], ['+Inf', 5]]);
    expect(m.value('took_seconds_sum', { route: '/a' })).toBeCloseTo(55.65);
    expect(m.value('took_seconds_count', { route: '/a' })).toBe(5);
    expect(text).toContain('# HELP polls_total Feed polls.\n# TYPE polls_total counter\n');
  });

  it('escapes label values and help text, so any value reads back unchanged', () => {
    const r = createRegistry();
    const c = r.counter({ name: 'odd_total', help: 'Back\\slash and\nnew line.', labelNames: ['v'] });
    const nasty = 'a "quoted" \\ back\nslash } , x="y"';
    c.inc({ v: nasty });
    const text = r.render();
    expect(text).toContain('# HELP odd_total Back\\\\slash and\\nnew line.\n');
    expect(parseExposition(text).value('odd_total', { v: nasty })).toBe(1);
    expect(escapeLabelValue('"\\\n')).toBe('\\"\\\\\\n');
  });

  it('spells infinities and NaN as Prometheus does', () => {
    expect([formatValue(Infinity), formatValue(-Infinity), formatValue(NaN), formatValue(0.25), formatValue(12)]).toEqual(['+Inf', '-Inf', 'NaN', '0.25', '12']);
  });

  it('refuses invalid names, a name defined twice, the reserved le label and a counter going down', () => {
    const r = createRegistry();
    expect(() => r.counter({ name: 'bad-name', help: '' })).toThrow(/invalid metric name/);
    expect(() => r.counter({ name: 'x_total', help: '', labelNames: ['bad label'] })).toThrow(/invalid label name/);
    expect(() => r.histogram({ name: 'h', help: '', labelNames: ['le'], buckets: [1] })).toThrow(/invalid label name/);
    r.counter({ name: 'once_total', help: '' });
    expect(() => r.gauge({ name: 'once_total', help: '' })).toThrow(/twice/);
    const c = r.counter({ name: 'up_total', help: '' });
    expect(() => c.inc({}, -1)).toThrow(/only go up/);
  });

  it('keeps at most maxSeries label combinations per metric and counts the ones it drops', () => {
    const r = createRegistry({ maxSeries: 3 });
    const c = r.counter({ name: 'paths_total', help: '', labelNames: ['path'] });
    for (let i = 0; i < 10; i++) c.inc({ path: `/p${i}` });
    c.inc({ path: '/p0' });
    const m = parseExposition(r.render());
    expect(m.samples.filter((s) => s.name === 'paths_total')).toHaveLength(3);
    expect(m.value('paths_total', { path: '/p0' })).toBe(2);
    expect(m.value('prayerwire_metrics_series_dropped_total')).toBe(7);
  });
});
