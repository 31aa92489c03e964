// Entry point of a read worker thread when prayerwire runs from its TypeScript sources (vitest, tsx): a worker
// thread does not inherit the parent's TypeScript loader, so tsx is registered here before worker.ts loads.
// The compiled build (dist/) starts worker.js directly and does not ship this file (see createReadPool).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
