/** `settings.backup` in feeds.yml: durations like the other settings, defaults, and errors that say what to write. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/index.js';

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, 'feeds.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.line}|${p.field}|${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('settings.backup', () => {
  it('is off unless set', () => {
    expect(parseConfig('feeds: []\n', 'f.yml').settings.backup).toBeNull();
  });

  it('reads every (a duration), keep and dir', () => {
    const config = parseConfig('settings:\n  backup:\n    every: 12h\n    keep: 30\n    dir: ./data/backups\n', 'f.yml');
    expect(config.settings.backup).toEqual({ everySec: 43200, keep: 30, dir: './data/backups' });
  });

  it('defaults to daily, 14 kept, beside the database', () => {
    expect(parseConfig('settings:\n  backup: {}\n', 'f.yml').settings.backup).toEqual({ everySec: 86400, keep: 14, dir: null });
  });

  it('says what is wrong, where', () => {
    expect(problemsOf('settings:\n  backup:\n    every: soon\n    keep: 0\n    colour: red\n')).toEqual([
      '3|settings.backup.every|must be a duration such as 90s, 30m, 2h or 1d (got "soon")',
      '4|settings.backup.keep|Too small: expected number to be >=1 (got 0)',
      '5|settings.backup.colour|unknown field; allowed here: every, keep, dir',
    ]);
    expect(problemsOf('settings:\n  backup: daily\n')).toEqual(['2|settings.backup|must be object (got "daily")']);
  });
});
