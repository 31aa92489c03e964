// Entry point of an extractor worker thread. A worker thread does not inherit the parent's TypeScript loader, so
// when only worker.ts exists (tsx in development, vitest in tests, bin/*.mjs in production) tsx is registered here
// first; a compiled worker.js next to this file is used as it is.
import { existsSync } from 'node:fs';

const compiled = new URL('./worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./worker.ts', import.meta.url).href);
}
