/** Messages between the extractor pool and its workers. */
import type { ExtractResult } from './types.js';

/** Test-only hooks: a page containing a marker makes the worker misbehave, so tests can prove containment. */
export interface WorkerTestHooks {
  /** A page containing this string makes the worker spin forever (synchronously): only terminate() stops it. */
  spinMarker?: string;
  /** A page containing this string makes the worker throw an uncaught error (the thread dies). */
  crashMarker?: string;
  /** Every worker throws while starting (a broken install). */
  failStart?: boolean;
}

export interface WorkerData {
  hooks: WorkerTestHooks | null;
}

export interface JobMessage {
  id: number;
  html: string;
  url: string;
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; result: ExtractResult };
