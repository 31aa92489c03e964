#!/usr/bin/env node
// Builds dist/ from src/: tsc with tsconfig.build.json (incremental; its .tsbuildinfo lives in dist/ so deleting
// dist/ rebuilds everything), then the files tsc does not emit (static css/js, indicators.yml) copied to the same
// place under dist/, then a stamp whose time says when the build finished.
//   node bin/build.mjs              build (what `npm run build` runs)
//   node bin/build.mjs --if-stale   only when dist/ is missing or older than src/ (`npm install`'s prepare,
//                                   npm start, npm run demo); without TypeScript (an `npm ci --omit=dev` install)
//                                   it says so and succeeds, so such an install does not fail
// migrations/ and demo/ are read from the package root (two levels up from src/x/ and dist/x/ alike): not copied.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp';
/** Inputs of the build besides src/. */
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));

/** Files tsc does not emit; .mjs files in src/ are development loaders (the tsx worker bootstrap), not shipped. */
const isAsset = (file) => !/\.(ts|tsx|mjs)$/.test(file);

/**
 * 'missing' (no finished build), 'stale' (a file under src/ or a tsconfig changed since) or 'fresh'. Without src/
 * (an installed copy that ships only dist/) a finished build is always fresh.
 */
export function distState(root = ROOT) {
  let built;
  try {
    built = statSync(join(root, 'dist', STAMP)).mtimeMs;
  } catch {
    return 'missing';
  }
  const src = join(root, 'src');
  if (!existsSync(src)) return 'fresh';
  const inputs = [...filesUnder(src), ...CONFIGS.map((f) => join(root, f)).filter((f) => existsSync(f))];
  return inputs.some((f) => statSync(f).mtimeMs > built) ? 'stale' : 'fresh';
}

/** Compiles src/ to dist/ and copies the assets; throws with tsc's output when the build fails. */
export function build(root = ROOT) {
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${run.stdout}${run.stderr}`);
  const src = join(root, 'src');
  for (const file of filesUnder(src).filter(isAsset)) {
    const target = join(root, 'dist', relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(join(root, 'dist', STAMP), `${new Date().toISOString()}\n`);
}

function hasTypeScript(root) {
  try {
    createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flags = new Set(process.argv.slice(2));
  const state = flags.has('--if-stale') ? distState() : 'forced';
  if (state === 'fresh') process.exit(0);
  if (state !== 'forced' && !hasTypeScript(ROOT)) {
    console.error(`prayerwire: dist/ is ${state} but TypeScript is not installed (an --omit=dev install?); building needs the dev dependencies.`);
    process.exit(0);
  }
  const started = performance.now();
  try {
    build();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`prayerwire: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s${state === 'forced' ? '' : ` (${state})`}`);
}
