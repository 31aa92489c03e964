/**
 * Synchronous line I/O for JSON Lines files, a buffer at a time: export and import run inside one SQLite
 * transaction (a consistent snapshot, an all-or-nothing import), so they must not wait on the event loop, and
 * they must not hold a whole file in memory either.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const CHUNK = 256 * 1024;

/** Lines of a UTF-8 file without their line endings; a final line without one counts too. */
export function* readLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let pending: Buffer[] = [];
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      let start = 0;
      // Split on the newline byte before decoding, so a character cut across two reads is joined first.
      for (let nl = buffer.indexOf(10, start); nl !== -1 && nl < n; nl = buffer.indexOf(10, start)) {
        pending.push(buffer.subarray(start, nl));
        yield Buffer.concat(pending).toString('utf8').replace(/\r$/, '');
        pending = [];
        start = nl + 1;
      }
      if (start < n) pending.push(Buffer.from(buffer.subarray(start, n)));
    }
    if (pending.length) yield Buffer.concat(pending).toString('utf8').replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

/** Writes lines to a file (created or truncated) through a buffer. */
export function createLineWriter(file: string): { write(line: string): void; close(): void } {
  const fd = openSync(file, 'w');
  let parts: string[] = [];
  let size = 0;
  let closed = false;
  const flush = () => {
    const bytes = Buffer.from(parts.join(''), 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    parts = [];
    size = 0;
  };
  return {
    write(line) {
      parts.push(line, '\n');
      size += line.length + 1;
      if (size >= CHUNK) flush();
    },
    /** Flushes and closes; closing again does nothing. */
    close() {
      if (closed) return;
      closed = true;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}
