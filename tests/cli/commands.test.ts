/** The prayerwire commands run in-process against the sample sources and a temp database. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoConfig } from '../../src/cli/demo.js';
import { main } from '../../src/cli/index.js';
import type { CommandIo } from '../../src/cli/io.js';
import { startSampleSources, type SampleServer } from '../../src/demo/sample-sources.js';

let samples: SampleServer;
let args: string[];
let dir: string;

function capture(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, {}, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

beforeAll(async () => {
  samples = await startSampleSources();
  dir = mkdtempSync(join(tmpdir(), 'pw-cli-'));
  args = ['--config', writeDemoConfig(dir, samples.feedUrls), '--db', join(dir, 'cli.db')];
});
afterAll(async () => samples?.close());

describe('prayerwire poll', () => {
  it('polls every feed, waits for extraction and prints a summary', async () => {
    const { code, out, err } = await run('poll', ...args);
    expect(code).toBe(0);
    expect(out).toMatch(/feed\s+status\s+new\s+updated\s+error/);
    expect(out).toMatch(/5 feeds polled, 8 new items, 0 feeds failed/);
    expect(out).toMatch(/8 articles extracted, 0 failed/);
    expect(err).toMatch(/\[5\/5\]/);
  }, 60_000);

  it('exits 1 with the file, line and field on a configuration error', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'feeds:\n  - name: X\n    url: https://x.example/feed\n    kind: blog\n');
    const { code, err } = await run('poll', '--config', bad, '--db', join(dir, 'other.db'));
    expect(code).toBe(1);
    expect(err).toContain(`${bad}:4: feeds[0].kind: must be one of "news", "ministry" (got "blog")`);
  });

  it('names an unknown feed', async () => {
    const { code, err } = await run('poll', ...args, '--feed', 'Nope');
    expect(code).toBe(1);
    expect(err).toMatch(/no feed named "Nope"/);
  });
});

describe('prayerwire items, item, feeds', () => {
  it('lists items as JSON with the documented fields', async () => {
    const { code, out } = await run('items', ...args, '--json', '--limit', '3');
    expect(code).toBe(0);
    const items = JSON.parse(out) as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    for (const key of ['id', 'title', 'url', 'feed', 'sources', 'publishedAt', 'status', 'countries', 'suggestedCountries']) expect(items[0]).toHaveProperty(key);
    const all = JSON.parse((await run('items', ...args, '--json', '--search', 'Pyongyang')).out) as { suggestedCountries: { code: string; primary: boolean; score: number }[] }[];
    for (const item of all) {
      expect(item.suggestedCountries.filter((s) => s.primary).map((s) => s.code).sort()).toEqual(['KP', 'RU']);
      const scores = item.suggestedCountries.map((s) => s.score);
      expect(scores.slice(0, 2).every((s) => s >= Math.max(...scores.slice(2), 0))).toBe(true);
    }
  });

  it('filters by search and feed', async () => {
    const { out } = await run('items', ...args, '--json', '--search', 'Eritrea');
    expect((JSON.parse(out) as { title: string }[]).map((i) => i.title)).toEqual(['Eritrea’s Christian prisoners remembered on the anniversary of mass arrests']);
  });

  it('shows one item with every field', async () => {
    const [first] = JSON.parse((await run('items', ...args, '--json', '--search', 'Vostochny')).out) as { id: number }[];
    const item = JSON.parse((await run('item', String(first!.id), ...args, '--json')).out);
    for (const key of ['text', 'html', 'byline', 'siteName', 'image', 'lang', 'wordCount', 'prayerPoints', 'extraction', 'countries', 'suggestedCountries']) {
      expect(item).toHaveProperty(key);
    }
    expect(item.prayerPoints).toHaveLength(3);
    expect(item.extraction).toMatchObject({ status: 'done', reason: null });
    expect(item.suggestedCountries[0]).toMatchObject({ code: expect.stringMatching(/^(KP|RU)$/), primary: true, evidence: expect.any(Array) });
    expect((await run('item', '99999', ...args)).code).toBe(1);
  });

  it('lists feeds with their health', async () => {
    const feeds = JSON.parse((await run('feeds', ...args, '--json')).out) as { name: string; itemCount: number; errorCount: number }[];
    expect(feeds).toHaveLength(5);
    expect(feeds.every((f) => f.errorCount === 0 && f.itemCount > 0)).toBe(true);
    expect((await run('feeds', ...args)).out).toMatch(/last success/);
  });

  it('answers usage errors with exit 2 and the usage', async () => {
    expect(await run('nope')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command "nope"/) });
    expect(await run('items', '--limit', 'lots', ...args)).toMatchObject({ code: 2, err: expect.stringMatching(/--limit must be a positive whole number/) });
    expect(await run('items', '--colour', 'red')).toMatchObject({ code: 2 });
  });
});

describe('prayerwire extract and export', () => {
  it('extracts one item again on request and reports the outcome', async () => {
    const [first] = JSON.parse((await run('items', ...args, '--json', '--search', 'Chengdu')).out) as { id: number }[];
    const { code, out } = await run('extract', ...args, '--item', String(first!.id));
    expect(code).toBe(0);
    expect(out).toMatch(/1 articles extracted, 0 failed/);
    expect((await run('extract', ...args, '--item', '99999')).code).toBe(1);
    expect((await run('extract', ...args)).out).toMatch(/0 articles extracted, 0 failed/);
  });

  it('exports the public pages and feeds, and asks for the public address', async () => {
    const out = join(dir, 'site');
    expect(await run('export', ...args, '--out', out)).toMatchObject({ code: 2, err: expect.stringMatching(/--base-url/) });
    const { code, out: printed } = await run('export', ...args, '--out', out, '--base-url', 'https://prayer.example.org');
    expect(code).toBe(0);
    expect(printed).toMatch(/\d+ files \(\d+ KB\) written to/);
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toContain('<rss');
  });
});
