/** Messages between the read pool and its workers. */
import type { ReadName } from './reads.js';

export interface ReadWorkerData {
  /** The database file; each worker opens it read-only. */
  file: string;
}

export interface ReadJob {
  id: number;
  name: ReadName;
  args: unknown[];
}

export type ReadWorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; ok: true; value: unknown }
  | { type: 'done'; id: number; ok: false; message: string };
