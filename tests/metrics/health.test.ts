/** The health check's parts on their own: the write probe on a real SQLite file, and the poller's judgement. */
import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseSizeBytes, openDatabase, probeWritable, type Db } from '../../src/db/index.js';
import { createHealthCheck, judgePoller, type PollerStatus } from '../../src/metrics/index.js';

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function fresh(): { db: Db; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'pw-health-')), 'h.db');
  const db = openDatabase(file);
  open.push(db);
  return { db, file };
}

describe('probeWritable', () => {
  it('writes nothing lasting: the file and its WAL do not grow over a thousand probes, each well under 1 ms', () => {
    const { db, file } = fresh();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const version = db.pragma('user_version', { simple: true });
    const started = performance.now();
    for (let i = 0; i < 1000; i++) expect(probeWritable(db)).toEqual({ ok: true, busy: false });
    expect((performance.now() - started) / 1000).toBeLessThan(1);
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(databaseSizeBytes(db)).toBe(statSync(file).size);
  });

  it('fails on a connection that may not write, and leaves the busy timeout as it was', () => {
    const { db } = fresh();
    db.pragma('query_only = ON');
    expect(probeWritable(db)).toMatchObject({ ok: false, code: 'read_only' });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.pragma('query_only = OFF');
    expect(probeWritable(db)).toEqual({ ok: true, busy: false });
  });

  it('says busy, quickly, while another process holds the write lock', () => {
    const { db, file } = fresh();
    const other = new Database(file);
    open.push(other);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      expect(probeWritable(db, 50)).toEqual({ ok: true, busy: true });
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      other.exec('ROLLBACK');
    }
  });
});

describe('judgePoller', () => {
  const MIN = 60_000;
  const limits = { tickStallMs: 3 * MIN, passStallMs: 15 * MIN };
  const at = (over: Partial<PollerStatus>): PollerStatus => ({ startedAt: 0, lastTickAt: null, lastPollDoneAt: null, nextDueAt: null, polling: 0, ...over });

  it('passes a poller that looks at its schedule and gets through due feeds', () => {
    expect(judgePoller(at({ lastTickAt: 59 * MIN, lastPollDoneAt: 50 * MIN, nextDueAt: 55 * MIN }), 60 * MIN, limits)).toEqual({ ok: true, lastTickAgeSec: 60, lastPollAgeSec: 600, polling: 0 });
    // Just started, not looked yet.
    expect(judgePoller(at({ startedAt: 60 * MIN }), 61 * MIN, limits)).toMatchObject({ ok: true, lastTickAgeSec: null });
    // Nothing due: a long quiet spell is fine.
    expect(judgePoller(at({ lastTickAt: 600 * MIN, lastPollDoneAt: 0, nextDueAt: 700 * MIN }), 601 * MIN, limits).ok).toBe(true);
  });

  it('fails a poller that stopped looking at its schedule', () => {
    expect(judgePoller(at({ lastTickAt: 50 * MIN }), 54 * MIN, limits)).toMatchObject({ ok: false, code: 'stalled', lastTickAgeSec: 240 });
    expect(judgePoller(at({ startedAt: 0 }), 4 * MIN, limits)).toMatchObject({ ok: false, code: 'stalled' });
  });

  it('fails a poller that looks but finishes no poll while feeds are long overdue', () => {
    const status = at({ lastTickAt: 100 * MIN, lastPollDoneAt: 80 * MIN, nextDueAt: 70 * MIN, polling: 8 });
    expect(judgePoller(status, 100 * MIN, limits)).toMatchObject({ ok: false, code: 'no_progress', polling: 8 });
    expect(judgePoller({ ...status, lastPollDoneAt: 95 * MIN }, 100 * MIN, limits).ok).toBe(true);
  });
});

describe('createHealthCheck', () => {
  it('names every failing check, and reports a throwing probe as a failure rather than throwing', async () => {
    const check = createHealthCheck({
      probeDatabase: () => {
        throw new Error('boom');
      },
      poller: () => ({ startedAt: 0, lastTickAt: 0, lastPollDoneAt: null, nextDueAt: null, polling: 0 }),
      dataDir: tmpdir(),
      clock: () => 60 * 60_000,
    });
    expect(await check()).toMatchObject({ status: 'fail', failing: ['database', 'poller'], checks: { database: { ok: false, code: 'error' }, disk: { ok: true } } });
  });

  it('fails the disk check with the error code when the directory is gone', async () => {
    const check = createHealthCheck({ probeDatabase: () => ({ ok: true, busy: false }), poller: null, dataDir: join(tmpdir(), 'pw-no-such-dir-x9') });
    expect(await check()).toMatchObject({ failing: ['disk'], checks: { disk: { ok: false, code: 'enoent' }, poller: { ok: true, running: false } } });
  });
});
