/**
 * A read worker thread: its own read-only connection to the WAL database, running the store's reads (READS) by name
 * one at a time. Started by `createReadPool`: compiled, directly; from the TypeScript sources through
 * `worker-bootstrap.mjs`, which registers tsx first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Db } from '../../db/index.js';
import type { ReadJob, ReadWorkerData, ReadWorkerMessage } from './protocol.js';
import { READS } from './reads.js';

const port = parentPort;
if (!port) throw new Error('read-pool/worker.ts must run in a worker thread');
const { file } = workerData as ReadWorkerData;
const db = openDatabase(file, { readonly: true, fileMustExist: true, migrate: false });

port.on('message', (job: ReadJob) => {
  let reply: ReadWorkerMessage;
  try {
    const value = (READS[job.name] as (db: Db, ...a: unknown[]) => unknown)(db, ...job.args);
    reply = { type: 'done', id: job.id, ok: true, value };
  } catch (err) {
    reply = { type: 'done', id: job.id, ok: false, message: (err as Error).message };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies ReadWorkerMessage);
