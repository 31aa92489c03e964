#!/usr/bin/env node
// Entry point of the `prayerwire` command: runs the compiled JavaScript in dist/. `npm install` builds it once;
// `npm start` and `npm run demo` rebuild it when src/ changed; otherwise `npm run build`.
import { existsSync } from 'node:fs';
import { distState } from './build.mjs';

const state = distState();
if (state === 'missing' || !existsSync(new URL('../dist/cli/index.js', import.meta.url))) {
  console.error('prayerwire: dist/ is not built. Run `npm run build` (or `npm install`) in the prayerwire directory first.');
  process.exit(1);
}
if (state === 'stale') console.error('prayerwire: src/ changed since the last build; running the old dist/ (`npm run build` to update).');
const { main } = await import('../dist/cli/index.js');
process.exitCode = await main(process.argv.slice(2));
