import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, parseDuration, watchConfig } from '../../src/config/index.js';

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, 'feeds.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.line}|${p.field}|${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies defaults and normalizes country codes', () => {
    const config = parseConfig('feeds:\n  - name: A\n    url: https://a.example/rss\n    countries: [kp, KP, ru]\n', 'f.yml');
    expect(config.settings).toMatchObject({ intervalSec: 1800, concurrency: 8, perHost: 2, allowPrivateNetworks: false });
    expect(config.feeds[0]).toEqual({
      name: 'A',
      url: 'https://a.example/rss',
      kind: 'news',
      countries: ['KP', 'RU'],
      intervalSec: 1800,
      extract: 'auto',
      republish: 'excerpt',
      enabled: true,
    });
  });

  it('reads settings.hsts: off by default, true for a year, a max-age, or { maxAge, includeSubDomains }', () => {
    const hstsOf = (value: string | null) => parseConfig(value === null ? 'feeds: []\n' : `settings:\n  hsts: ${value}\nfeeds: []\n`, 'f.yml').settings.hsts;
    expect(hstsOf(null)).toBeNull();
    expect(hstsOf('false')).toBeNull();
    expect(hstsOf('true')).toEqual({ maxAgeSec: 31_536_000, includeSubDomains: false });
    expect(hstsOf('180d')).toEqual({ maxAgeSec: 180 * 86_400, includeSubDomains: false });
    expect(hstsOf('{ maxAge: 365d, includeSubDomains: true }')).toEqual({ maxAgeSec: 31_536_000, includeSubDomains: true });
    expect(problemsOf('settings:\n  hsts: sometimes\n')).toHaveLength(1);
    expect(problemsOf('settings:\n  hsts: { maxAge: 1d, preload: true }\n')).toHaveLength(1);
  });

  it('reads settings and per-feed overrides', () => {
    const config = parseConfig(
      'settings:\n  interval: 1h\n  perHost: 1\nfeeds:\n  - name: B\n    url: http://b.example/feed\n    interval: 10m\n    kind: ministry\n    extract: never\n    republish: full\n    enabled: false\n',
      'f.yml',
    );
    expect(config.settings.intervalSec).toBe(3600);
    expect(config.settings.perHost).toBe(1);
    expect(config.feeds[0]).toMatchObject({ intervalSec: 600, kind: 'ministry', extract: 'never', republish: 'full', enabled: false });
  });

  it('names the line, the field and what is allowed for each problem', () => {
    const problems = problemsOf(
      [
        'settings:',
        '  colour: red',
        'feeds:',
        '  - name: One',
        '    url: https://one.example/feed',
        '    countries: [KP, XX]',
        '  - name: Two',
        '    url: ftp://two.example/feed',
        '    kind: blog',
        '    interval: soon',
        '    enabled: "yes"',
        '    tags: [x]',
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^2\|settings\.colour\|unknown field; allowed here: userAgent, interval/),
      expect.stringMatching(/^6\|feeds\[0\]\.countries\[1\]\|must be an ISO 3166-1 alpha-2 country code.*\(got "XX"\)/),
      expect.stringMatching(/^8\|feeds\[1\]\.url\|must be an absolute http:\/\/ or https:\/\/ URL \(got "ftp:/),
      expect.stringMatching(/^9\|feeds\[1\]\.kind\|must be one of "news", "ministry" \(got "blog"\)/),
      expect.stringMatching(/^10\|feeds\[1\]\.interval\|must be a duration such as 90s, 30m/),
      expect.stringMatching(/^11\|feeds\[1\]\.enabled\|must be boolean/),
      expect.stringMatching(/^12\|feeds\[1\]\.tags\|unknown field; allowed here: name, url, kind, countries/),
    ]);
  });

  it('reports a missing required field', () => {
    expect(problemsOf('feeds:\n  - url: https://a.example/rss\n')).toEqual([expect.stringMatching(/^2\|feeds\[0\]\.name\|is required/)]);
  });

  it('refuses duplicate names (case-insensitive) and URLs, pointing at both lines', () => {
    const problems = problemsOf(
      'feeds:\n  - name: Same\n    url: https://a.example/rss\n  - name: same\n    url: https://b.example/rss\n  - name: Other\n    url: https://a.example/rss\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^4\|feeds\[1\]\.name\|duplicate name "same", already used by feeds\[0\] \(line 2\)/),
      expect.stringMatching(/^7\|feeds\[2\]\.url\|duplicate url "https:\/\/a.example\/rss", already used by feeds\[0\] \(line 3\)/),
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('feeds:\n  - name: A\n   url: x\n')[0]).toMatch(/^3\|\|YAML syntax/);
  });

  it('formats a message that names the file and line', () => {
    expect(() => parseConfig('feeds:\n  - name: A\n    url: nope\n', '/etc/feeds.yml')).toThrow(/\/etc\/feeds\.yml:3: feeds\[0\]\.url: must be/);
  });
});

describe('loadConfig', () => {
  it('says what to do when the file is missing', () => {
    expect(() => loadConfig('/nonexistent/feeds.yml')).toThrow(/\n {2}\/nonexistent\/feeds\.yml: file not found; pass --config FILE or set PRAYERWIRE_CONFIG/);
  });

  it('loads the bundled feeds.yml', () => {
    const config = loadConfig('feeds.yml');
    expect(config.feeds.length).toBeGreaterThanOrEqual(15);
    expect(config.feeds.length).toBeLessThanOrEqual(30);
    expect(config.feeds.some((f) => f.kind === 'ministry')).toBe(true);
    expect(config.feeds.some((f) => f.kind === 'news')).toBe(true);
  });
});

describe('watchConfig', () => {
  it('hands over a valid edit and reports an invalid one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-config-'));
    const file = join(dir, 'feeds.yml');
    writeFileSync(file, 'feeds:\n  - name: A\n    url: https://a.example/rss\n');
    const seen: string[] = [];
    const errors: string[] = [];
    const watcher = watchConfig(file, (c) => seen.push(c.feeds.map((f) => f.name).join(',')), (e) => errors.push(e.message), 50);
    try {
      writeFileSync(file, 'feeds:\n  - name: A\n    url: https://a.example/rss\n  - name: B\n    url: https://b.example/rss\n');
      await expect.poll(() => seen, { timeout: 5000 }).toContain('A,B');
      writeFileSync(file, 'feeds:\n  - name: A\n    url: not a url\n');
      await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/feeds\[0\]\.url/);
    } finally {
      watcher.close();
    }
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['1d', 86400],
    ['1h30m', 5400],
    ['600', 600],
    [45, 45],
  ] as const)('%s -> %d s', (input, sec) => expect(parseDuration(input)).toBe(sec));
  it.each(['', 'soon', '5 parsecs', '0', '-3m', '1x'])('rejects %j', (input) => expect(parseDuration(input)).toBeNull());
});
