/** The store's heavy reads, in this thread or in a pool of worker threads with read-only connections. */
export { READS, inProcessReads, type ReadArgs, type ReadName, type ReadResult, type Reads } from './reads.js';
export { createReadPool, ReadPoolError, type ReadPool, type ReadPoolOptions } from './pool.js';
