/** stopOnSignals in-process (signals emitted, exit injected): the deadline and the second signal end the process. */
import { afterEach, describe, expect, it } from 'vitest';
import { stopOnSignals } from '../../src/app/server.js';

const lines: string[] = [];
const log = { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) } as never;
afterEach(() => {
  lines.length = 0;
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
});

describe('stopOnSignals', () => {
  it('exits with 1 and says so when the orderly stop passes its deadline', async () => {
    const exits: number[] = [];
    void stopOnSignals({ stop: () => new Promise<void>(() => {}) }, { log, deadlineMs: 100, exit: (code) => void exits.push(code) });
    process.emit('SIGTERM', 'SIGTERM');
    await expect.poll(() => exits, { timeout: 2000 }).toEqual([1]);
    expect(lines).toEqual([expect.stringMatching(/^SIGTERM received: stopping/), 'did not stop within 0.1 s; exiting anyway (unfinished work resumes at the next start)']);
  });

  it('exits at once with 130 on a second SIGINT', () => {
    const exits: number[] = [];
    void stopOnSignals({ stop: () => new Promise<void>(() => {}) }, { log, deadlineMs: 60_000, exit: (code) => void exits.push(code) });
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
  });

  it('resolves after the stop, with one line when stopping and one when stopped, and lets go of the signals', async () => {
    await Promise.all([stopOnSignals({ stop: () => Promise.resolve() }, { log, exit: () => expect.fail('no exit') }), Promise.resolve().then(() => process.emit('SIGTERM', 'SIGTERM'))]);
    expect(lines).toEqual([expect.stringMatching(/^SIGTERM received: stopping/), expect.stringMatching(/^stopped in [\d.]+ s$/)]);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
