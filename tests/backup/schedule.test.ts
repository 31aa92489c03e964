/**
 * startBackupSchedule: scheduled backups while the server runs, named by time, the newest `keep` kept, the next one
 * due `every` after the newest file (so a restart takes no extra one), failures logged and retried.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, listScheduledBackups, startBackupSchedule } from '../../src/backup/index.js';
import type { BackupSettings } from '../../src/model/feed.js';
import { countItems, seededDb, tempDir } from './helpers.js';
import { openDatabase } from '../../src/db/index.js';

const T0 = Date.UTC(2025, 2, 1, 2, 0, 0);
const HOUR = 3600_000;

function memoryLog() {
  const lines: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, msg: msg ?? String(obj), obj: typeof obj === 'object' ? (obj as Record<string, unknown>) : {} });
  return { lines, info: at('info'), error: at('error') } as unknown as { lines: typeof lines; info: () => void; error: () => void };
}

async function until(condition: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const backup = (over: Partial<BackupSettings> = {}): { backup: BackupSettings } => ({ backup: { everySec: 86400, keep: 3, dir: null, ...over } });

describe('startBackupSchedule', () => {
  it('does nothing when settings.backup is not set', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 2);
    const schedule = startBackupSchedule({ db, settings: { backup: null }, log: memoryLog() });
    expect(schedule.dir).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    await schedule.stop();
    expect(readdirSync(dir).filter((f) => f !== 'prayerwire.db' && !f.startsWith('prayerwire.db-'))).toEqual([]);
    db.close();
  });

  it('writes a backup when one is due, names it by time and keeps the newest `keep`, leaving other files alone', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 9);
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    const old = [5, 4, 3, 2].map((days) => backupFileName(T0 - days * 86400_000));
    for (const name of [...old, 'notes.txt', 'prayerwire-manual.db']) writeFileSync(join(backups, name), 'old');
    const log = memoryLog();
    const schedule = startBackupSchedule({ db, settings: backup(), log, clock: () => T0 });
    expect(schedule.dir).toBe(backups);
    await until(() => existsSync(join(backups, 'prayerwire-20250301T020000Z.db')));
    await schedule.stop();
    expect(readdirSync(backups).sort()).toEqual(['notes.txt', backupFileName(T0 - 3 * 86400_000), backupFileName(T0 - 2 * 86400_000), 'prayerwire-20250301T020000Z.db', 'prayerwire-manual.db'].sort());
    const copy = openDatabase(join(backups, 'prayerwire-20250301T020000Z.db'), { fileMustExist: true });
    expect(countItems(copy)).toBe(9);
    copy.close();
    const line = (log as any).lines.find((l: any) => l.level === 'info');
    expect(line.msg).toMatch(/^backup written to .*prayerwire-20250301T020000Z\.db: 9 items \(0 published\), 1 feeds, 0 prayer notes, 0 users; schema 0005_items_finished; removed 2 older$/);
    expect(line.obj.pruned).toEqual([backupFileName(T0 - 4 * 86400_000), backupFileName(T0 - 5 * 86400_000)]);
    db.close();
  });

  it('waits until `every` after the newest backup, so a restart takes no extra one, then goes on every `every`', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 3);
    const backups = join(tempDir(), 'elsewhere');
    mkdirSync(backups);
    writeFileSync(join(backups, backupFileName(T0 - HOUR)), 'recent');
    const clock = { now: T0 };
    const schedule = startBackupSchedule({ db, settings: backup({ everySec: 1, keep: 10, dir: backups }), log: memoryLog(), clock: () => clock.now });
    // Not due for 23 hours of the (fake) clock: the timer keeps looking, and writes nothing.
    clock.now = T0 - HOUR + 500;
    await new Promise((r) => setTimeout(r, 1300));
    expect(listScheduledBackups(backups)).toHaveLength(1);
    clock.now = T0;
    await until(() => listScheduledBackups(backups).length === 2);
    clock.now = T0 + 1000;
    await until(() => listScheduledBackups(backups).length === 3);
    await schedule.stop();
    expect(listScheduledBackups(backups).map((b) => b.at)).toEqual([T0 + 1000, T0, T0 - HOUR]);
    db.close();
  });

  it('logs a failed backup and tries again, without throwing', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 2);
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, 'a file where the directory should be');
    const log = memoryLog();
    const schedule = startBackupSchedule({ db, settings: backup({ dir: blocked }), log, clock: () => T0 });
    await until(() => (log as any).lines.length > 0);
    await schedule.stop();
    expect((log as any).lines[0]).toMatchObject({ level: 'error', msg: expect.stringMatching(/^scheduled backup failed \(.*\); trying again in 3600 s$/) });
    db.close();
  });

  it('stop() waits for a backup in progress, and no backup starts after it', async () => {
    const dir = tempDir();
    const db = seededDb(dir, 300);
    const backups = join(dir, 'backups');
    const schedule = startBackupSchedule({ db, settings: backup({ everySec: 1 }), log: memoryLog(), clock: () => T0 });
    await until(() => existsSync(backups) && readdirSync(backups).length > 0);
    await schedule.stop();
    expect(listScheduledBackups(backups)).toHaveLength(1);
    expect(readdirSync(backups).some((f) => f.includes('.partial-'))).toBe(false);
    db.close();
  });
});
