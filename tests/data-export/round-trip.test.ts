/**
 * export-data / import-data on the sample sources after real curation: importing the file into a fresh database
 * gives back every curated feed byte for byte (whole and per country, RSS, Atom and JSON, rendered by the same
 * functions the server uses), the same public pages, and the same rows in every table export-data covers.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser, verifyPassword } from '../../src/accounts/index.js';
import { createCurator } from '../../src/curate/index.js';
import { DATA_TABLES, DataError, exportData, importData, NO_PASSWORD, SKIPPED_TABLES } from '../../src/data-export/index.js';
import { openDatabase, type Db } from '../../src/db/index.js';
import { buildCuratedFeed } from '../../src/publish/build-curated-feed.js';
import { createCuratedSource } from '../../src/publish/curated-source.js';
import { feedUrl } from '../../src/publish/feed-urls.js';
import type { FeedFormat } from '../../src/publish/types.js';
import { countRows, listTables } from '../../src/store/data-export.js';
import { listItems } from '../../src/store/items.js';
import { siteInfo } from '../../src/app/publisher.js';
import { exportStatic } from '../../src/web/public/export-static.js';
import { FAST_SCRYPT } from '../accounts/helpers.js';
import { startSampleApp, type SampleApp } from '../helpers/sample-app.js';
import { runMain } from '../helpers/run-main.js';

const DAY = 86400_000;
const BASE = 'https://prayer.example.org';
const site = siteInfo(BASE, null);
const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];
const start = Date.now();
let app: SampleApp;
let dir: string;
let exported: string;

const tempDir = () => mkdtempSync(join(tmpdir(), 'pw-data-'));
const freshDb = (path = join(tempDir(), 'imported.db')) => openDatabase(path);

beforeAll(async () => {
  app = await startSampleApp();
  dir = tempDir();
  const db = app.ctx.db;
  const clock = { now: start };
  const anna = createCurator({ db, settings: () => ({ requireCountryAndNote: true }), idHost: 'prayer.example.org', clock: () => clock.now }).as('anna');
  const ben = createCurator({ db, settings: () => ({ requireCountryAndNote: true }), idHost: 'prayer.example.org', clock: () => clock.now }).as('ben');
  const plan: [string, string[], string[], string | null][] = [
    ['Vostochny', ['KP', 'RU'], ['For the opening of doors in North Korea', 'For believers in Russia’s Far East'], 'Hebrews 13:3'],
    ['Plateau', ['NG'], ['Pray for comfort for the families in Bokkos'], null],
    ['Chengdu', ['CN'], ['For the detained elders'], 'Acts 12:5'],
  ];
  for (const [word, countries, points, scripture] of plan) {
    const id = app.itemId(word);
    anna.setCountries(id, countries);
    anna.setNote(id, { points, scripture, text: 'Remember those in **prison**, as though in prison with them.' });
    clock.now += 60_000;
    anna.publish(id);
  }
  // A correction, a retraction, an embargoed item, a dismissed one and one tagged but not yet published.
  clock.now += 60_000;
  ben.setNote(app.itemId('Vostochny'), { points: ['For the opening of doors in North Korea', 'Corrected: for the church in Vladivostok'] });
  ben.retract(app.itemId('Chengdu'), 'The report could not be confirmed.');
  const others = listItems(db, { limit: 200 }).items.filter((i) => i.status === 'new').map((i) => i.id);
  expect(others.length).toBeGreaterThanOrEqual(3);
  ben.setCountries(others[0]!, ['PK']);
  ben.setNote(others[0]!, { points: ['For Asia Bibi’s neighbours'] });
  ben.publish(others[0]!, { publishAt: new Date(start + DAY).toISOString() });
  ben.dismiss(others[1]!);
  ben.tag(others[2]!, 'BF');
  const admin = await createUser(db, { name: 'anna', role: 'admin', password: 'correct horse battery' }, { scrypt: FAST_SCRYPT });
  await createUser(db, { name: 'ben', role: 'curator', password: 'another long passphrase' }, { scrypt: FAST_SCRYPT });
  createApiToken(db, admin.id, 'newsletter');
  exported = join(dir, 'curation.jsonl');
  exportData(db, exported, { clock: () => start });
}, 90_000);
afterAll(async () => app?.close());

/** Every curated feed as the server renders it at `now`: whole and per country, each format. */
function renderFeeds(db: Db, now: number): Map<string, string> {
  const source = createCuratedSource(db, () => now);
  const docs = new Map<string, string>();
  for (const format of FORMATS) {
    docs.set(`/${format}`, buildCuratedFeed(source.listEntries({ limit: 200 }), { format, site, selfUrl: feedUrl(site, format) }));
    for (const country of source.listCountries()) {
      const entries = source.listEntries({ country: country.code, limit: 200 });
      docs.set(`/${country.code}/${format}`, buildCuratedFeed(entries, { format, site, country, selfUrl: feedUrl(site, format, country.code) }));
    }
  }
  return docs;
}

function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

const tableCounts = (db: Db) => Object.fromEntries(listTables(db).map((t) => [t, countRows(db, t)]));

describe('export-data then import-data into a fresh database', () => {
  let imported: Db;
  beforeAll(() => {
    imported = freshDb();
    importData(imported, exported);
  });
  afterAll(() => imported?.close());

  it('renders every curated feed byte for byte the same, now and after the embargo passes', () => {
    for (const now of [start + 3600_000, start + 2 * DAY]) {
      const before = renderFeeds(app.ctx.db, now);
      const after = renderFeeds(imported, now);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      // The whole feed and KP, RU, NG; PK once its embargo has passed.
      for (const key of ['/rss', '/KP/atom', '/RU/json', '/NG/rss']) expect(before.has(key), key).toBe(true);
      expect(before.has('/PK/rss')).toBe(now > start + DAY);
      for (const [key, doc] of before) expect(after.get(key), key).toBe(doc);
    }
    const feed = renderFeeds(imported, start + 2 * DAY).get('/rss')!;
    expect(feed).toContain('Corrected: for the church in Vladivostok');
    expect(feed).toContain('The report could not be confirmed.');
    expect(feed).toContain('For Asia Bibi’s neighbours');
  });

  it('gives the same public pages and feed files, as the static export writes them', async () => {
    const a = tempDir();
    const b = tempDir();
    await exportStatic(createCuratedSource(app.ctx.db, () => start + 2 * DAY), site, a);
    await exportStatic(createCuratedSource(imported, () => start + 2 * DAY), site, b);
    const before = filesUnder(a);
    const after = filesUnder(b);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
  });

  it('has the same rows in every table it covers, and none in the ones it skips', () => {
    const before = tableCounts(app.ctx.db);
    const after = tableCounts(imported);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const secret = DATA_TABLES.filter((t) => t.secret).map((t) => t.table);
    for (const table of Object.keys(before)) {
      if (table in SKIPPED_TABLES || secret.includes(table)) {
        if (table !== 'schema_migrations') expect(after[table], table).toBe(0);
      } else {
        expect(after[table], table).toBe(before[table]);
      }
    }
    expect(before.items).toBeGreaterThan(5);
    expect(before.audit_log).toBeGreaterThan(10);
    expect(before.api_tokens).toBe(1);
    // Story groups, statuses, full-text search and the published-content version came along.
    const q = (db: Db, sql: string) => db.prepare(sql).all();
    for (const sql of [
      'SELECT id, status, story_id, finished_at FROM items ORDER BY id',
      'SELECT * FROM audit_log ORDER BY id',
      'SELECT version FROM curated_version',
      "SELECT rowid FROM items_fts WHERE items_fts MATCH 'Putin' ORDER BY rowid",
    ]) {
      expect(q(imported, sql), sql).toEqual(q(app.ctx.db, sql));
    }
    expect(q(imported, "SELECT id FROM items WHERE story_id IS NOT NULL").length).toBeGreaterThan(1);
  });

  it('brings users without their password hashes: nobody can log in until a password is set', async () => {
    const rows = imported.prepare('SELECT name, role, password_hash FROM users ORDER BY id').all();
    expect(rows).toEqual([
      { name: 'anna', role: 'admin', password_hash: NO_PASSWORD },
      { name: 'ben', role: 'curator', password_hash: NO_PASSWORD },
    ]);
    expect(await verifyPassword(imported, 'anna', 'correct horse battery', { scrypt: FAST_SCRYPT })).toMatchObject({ ok: false });
    expect(readFileSync(exported, 'utf8')).not.toContain('scrypt$');
  });
});

describe('export-data --with-secrets', () => {
  it('keeps password and API token hashes, so logins and tokens go on working', async () => {
    const file = join(tempDir(), 'secrets.jsonl');
    exportData(app.ctx.db, file, { withSecrets: true });
    const db = freshDb();
    importData(db, file);
    expect(await verifyPassword(db, 'anna', 'correct horse battery', { scrypt: FAST_SCRYPT })).toMatchObject({ ok: true });
    expect(db.prepare('SELECT token_hash FROM api_tokens').all()).toEqual(app.ctx.db.prepare('SELECT token_hash FROM api_tokens').all());
    db.close();
  });
});

describe('the file', () => {
  const lines = () => readFileSync(exported, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('is one JSON object per line with a type: header first, end with the counts last', () => {
    const all = lines();
    expect(all[0]).toMatchObject({ type: 'header', format: 'prayerwire-data', version: 1, withSecrets: false, exportedAt: new Date(start).toISOString() });
    expect((all[0]!.schema as string[]).at(-1)).toBe('0005_items_finished');
    const end = all.at(-1)!;
    expect(end.type).toBe('end');
    const types = new Set(all.map((l) => l.type));
    for (const t of ['feed', 'item', 'item_source', 'item_country', 'prayer_note', 'publication', 'audit', 'user', 'curated_version']) expect(types, t).toContain(t);
    expect(types).not.toContain('api_token');
    expect((end.counts as Record<string, number>).item).toBe(all.filter((l) => l.type === 'item').length);
  });

  it('is refused by a database that already holds data, and nothing is written', () => {
    expect(() => importData(app.ctx.db, exported)).toThrow(DataError);
    expect(() => importData(app.ctx.db, exported)).toThrow(/already holds data \(\d+ feeds, \d+ items/);
  });

  it('is refused when cut off, and nothing is imported', () => {
    const text = readFileSync(exported, 'utf8').split('\n');
    const cut = join(tempDir(), 'cut.jsonl');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)).join('\n'));
    const db = freshDb();
    expect(() => importData(db, cut)).toThrow(/without its "end" line: the file is cut off/);
    expect(countRows(db, 'items')).toBe(0);
    expect(countRows(db, 'feeds')).toBe(0);
    db.close();
  });

  it('names the line of a bad row: an unknown column, an unknown type, a newer schema', () => {
    const text = readFileSync(exported, 'utf8').split('\n');
    const variant = (edit: (lines: string[]) => void) => {
      const copy = [...text];
      edit(copy);
      const file = join(tempDir(), 'variant.jsonl');
      writeFileSync(file, copy.join('\n'));
      const db = freshDb();
      try {
        importData(db, file);
        return 'imported';
      } catch (err) {
        expect(countRows(db, 'feeds')).toBe(0);
        return (err as Error).message;
      } finally {
        db.close();
      }
    };
    expect(variant((l) => (l[1] = JSON.stringify({ ...JSON.parse(l[1]!), colour: 'red' })))).toBe('line 2: feeds has no column "colour"');
    expect(variant((l) => (l[2] = JSON.stringify({ type: 'widget', id: 1 })))).toMatch(/^line 3: unknown type "widget"; known: feed, item/);
    expect(variant((l) => (l[0] = JSON.stringify({ ...JSON.parse(l[0]!), schema: [...JSON.parse(l[0]!).schema, '0099_future'] })))).toMatch(
      /newer prayerwire \(schema 0099_future.*upgrade prayerwire/,
    );
    expect(variant((l) => l.splice(l.findIndex((x) => x.includes('"type":"item_country"')), 1))).toMatch(
      /the file says it holds \d+ item_country, but \d+ were read/,
    );
    expect(variant((l) => l.splice(l.findIndex((x) => x.includes('"type":"feed"')), 1))).toMatch(/^line \d+: item_source: FOREIGN KEY constraint failed$/);
  });
});

describe('the commands', () => {
  const run = runMain;

  it('export-data and import-data report what they did, and refuse to overwrite or to fill a non-empty database', async () => {
    const d = tempDir();
    const file = join(d, 'cli.jsonl');
    const source = join(app.dir, 'prayerwire.db');
    const first = await run('export-data', '--out', file, '--db', source);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Wrote .*cli\.jsonl \(\d+ KB\): \d+ feed, \d+ item, /);
    expect((await run('export-data', '--out', file, '--db', source)).err).toMatch(/already exists; choose another name or pass --force/);
    expect((await run('export-data', '--out', file, '--force', '--db', source)).code).toBe(0);
    const target = join(d, 'new.db');
    const imported = await run('import-data', file, '--db', target);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/Imported .* \d+ feed, \d+ item/);
    expect(imported.out).toContain('No passwords came with the users (anna, ben): set them with `prayerwire user passwd NAME`');
    const again = await run('import-data', file, '--db', target);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds data/);
    expect((await run('export-data', '--db', source)).code).toBe(2);
  });
});
