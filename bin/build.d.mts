// Types of bin/build.mjs for the TypeScript that imports it (tests/cli/build.test.ts).
/** The package root (the directory holding package.json, src/ and dist/). */
export const ROOT: string;
/** 'missing' (no finished build), 'stale' (src/ or a tsconfig changed since) or 'fresh'. */
export function distState(root?: string): 'missing' | 'stale' | 'fresh';
/** Compiles src/ to dist/ and copies the assets; throws with tsc's output when the build fails. */
export function build(root?: string): void;
