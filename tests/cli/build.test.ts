/**
 * The shipped command: bin/prayerwire.mjs runs the compiled dist/ (built here first when src/ changed), from any
 * working directory. Under tsx, started outside the repository, every HTML page answered 500 "React is not defined"
 * (tsx read the tsconfig of the working directory and compiled JSX for React).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distState, ROOT } from '../../bin/build.mjs';
import { freePort } from '../helpers/free-port.js';

const BIN = join(ROOT, 'bin', 'prayerwire.mjs');
/** A working directory outside the repository, with no tsconfig.json. */
const outside = mkdtempSync(join(tmpdir(), 'pw-build-'));
let server: ChildProcess | null = null;

beforeAll(() => {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'build.mjs'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(distState()).toBe('fresh');
}, 180_000);
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(outside, { recursive: true, force: true });
});


/** Starts `prayerwire serve` from `outside` and resolves its base URL once it listens. */
async function startServe(): Promise<string> {
  writeFileSync(join(outside, 'feeds.yml'), 'feeds: []\n');
  const port = await freePort();
  const args = ['serve', '--no-poll', '--host', '127.0.0.1', '--port', String(port), '--config', join(outside, 'feeds.yml'), '--db', join(outside, 'pw.db')];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: outside, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
  return `http://127.0.0.1:${port}`;
}

describe('bin/prayerwire.mjs', () => {
  it('serves the HTML pages and the static assets when started outside the repository', async () => {
    const base = await startServe();
    const login = await fetch(`${base}/login`);
    const body = await login.text();
    expect(login.status, body).toBe(200);
    expect(login.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toMatch(/^<!doctype html>/i);
    expect(body).toContain('action="/login"');
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    // Assets read beside the modules (copied into dist/ by the build).
    const css = await fetch(`${base}/static/curator.css`);
    expect(css.status).toBe(200);
    expect((await css.text()).length).toBeGreaterThan(100);
  });

  it('prints its help from any directory', () => {
    const run = spawnSync(process.execPath, [BIN, '--help'], { cwd: outside, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('prayerwire serve');
    expect(run.stderr).toBe('');
  });
});

describe('the compiled extractor pool', () => {
  it('starts its workers from dist/ without a TypeScript loader', async () => {
    const compiled = pathToFileURL(join(ROOT, 'dist', 'extractor', 'index.js')).href;
    const { createExtractorPool } = (await import(compiled)) as typeof import('../../src/extractor/index.js');
    const pool = createExtractorPool({ size: 1, timeoutMs: 20_000 });
    try {
      const words = Array.from({ length: 60 }, (_, i) => `Sentence ${i} of the article about the church in the city.`).join(' ');
      const html = `<html><head><title>A title</title></head><body><article><h1>A title</h1><p>${words}</p><p>${words}</p></article></body></html>`;
      const result = await pool.extract(html, 'https://example.org/news/1');
      expect(result).toMatchObject({ ok: true });
    } finally {
      await pool.close();
    }
  });
});

describe('distState', () => {
  const root = mkdtempSync(join(tmpdir(), 'pw-state-'));
  const at = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is missing without a finished build, stale once a source or tsconfig is newer, fresh otherwise', () => {
    mkdirSync(join(root, 'src', 'web'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src', 'web', 'page.tsx'), '');
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    expect(distState(root)).toBe('missing');
    writeFileSync(join(root, 'dist', '.build-stamp'), '');
    at('src/web/page.tsx', 1000);
    at('tsconfig.json', 1000);
    at('dist/.build-stamp', 2000);
    expect(distState(root)).toBe('fresh');
    at('src/web/page.tsx', 3000);
    expect(distState(root)).toBe('stale');
    at('src/web/page.tsx', 1000);
    at('tsconfig.json', 3000);
    expect(distState(root)).toBe('stale');
  });
});
