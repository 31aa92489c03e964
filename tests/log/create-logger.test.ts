/** The log format: forced by PRAYERWIRE_LOG_FORMAT, else pretty on a terminal and JSON lines otherwise. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat } from '../../src/log/create-logger.js';

describe('chooseLogFormat', () => {
  it('writes pretty lines to a terminal and JSON to a file or a pipe unless told otherwise', () => {
    expect(chooseLogFormat(undefined, true)).toEqual({ format: 'pretty', valid: true });
    expect(chooseLogFormat(undefined, false)).toEqual({ format: 'json', valid: true });
    expect(chooseLogFormat('auto', true)).toEqual({ format: 'pretty', valid: true });
    expect(chooseLogFormat('', false)).toEqual({ format: 'json', valid: true });
  });

  it('obeys json or pretty whatever the output, in any case', () => {
    expect(chooseLogFormat('json', true)).toEqual({ format: 'json', valid: true });
    expect(chooseLogFormat(' PRETTY ', false)).toEqual({ format: 'pretty', valid: true });
  });

  it('falls back to the terminal rule for anything else, and says it was not understood', () => {
    expect(chooseLogFormat('yaml', true)).toEqual({ format: 'pretty', valid: false });
    expect(chooseLogFormat('yaml', false)).toEqual({ format: 'json', valid: false });
  });
});

describe('createLogger', () => {
  /** Logs one line in a child process whose stdout is a pipe, with PRAYERWIRE_LOG_FORMAT as given. */
  const logThroughPipe = (format: string) => {
    const script = `import { createLogger } from './src/log/create-logger.ts';
      createLogger({ format: process.argv[1] || undefined }).info({ feedId: 7, itemId: 42 }, 'extraction failed');`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, format], { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return run.stdout;
  };

  it('writes one JSON object per line, with the ids as fields, to a pipe', () => {
    const lines = logThroughPipe('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'extraction failed', feedId: 7, itemId: 42 });
  });

  it('writes readable, uncolored lines to a pipe when pretty is forced', () => {
    const out = logThroughPipe('pretty');
    expect(out).toMatch(/INFO.*extraction failed/);
    expect(out).toMatch(/feedId: 7/);
    expect(out).not.toContain('\u001b[');
    expect(() => JSON.parse(out)).toThrow();
  });
});
