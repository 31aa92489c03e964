import { describe, expect, it } from 'vitest';
import { suggestCountries } from '../../src/countries/index.js';
import { evaluateCountries, loadLabelled } from '../../scripts/eval-countries.js';

describe('labelled set', () => {
  const items = loadLabelled();

  it('has at least 60 well-formed items, mentioned including primary', () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(i.title.length + i.text.length).toBeGreaterThan(0);
      for (const p of i.primary) expect(i.mentioned).toContain(p);
    }
  });

  it('meets the quality floor: primary precision >= 0.9, recall >= 0.85', () => {
    const e = evaluateCountries(items);
    expect(e.primary.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.primary.recall).toBeGreaterThanOrEqual(0.85);
    expect(e.mentioned.precision).toBeGreaterThanOrEqual(0.85);
    expect(e.mentioned.recall).toBeGreaterThanOrEqual(0.85);
  });

  it.each([
    ['seed-000', ['KP', 'RU']],
    ['seed-001', ['KP', 'RU']],
    ['seed-002', ['KP', 'RU']],
  ])('%s: primary %j', (id, primary) => {
    const item = items.find((i) => i.id === id);
    if (!item) throw new Error(`missing ${id}`);
    const s = suggestCountries({ title: item.title, text: item.text });
    expect(s.filter((x) => x.primary).map((x) => x.code).sort()).toEqual(primary);
    if (id === 'seed-002') {
      expect(s.map((x) => x.code).sort()).toEqual(['CN', 'JP', 'KP', 'KR', 'RU', 'UA', 'US', 'VN']);
    }
  });
});
