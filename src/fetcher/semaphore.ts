/** A FIFO counting semaphore: at most `limit` holders, waiters served in arrival order. */
export class Semaphore {
  private holders = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`Semaphore limit must be at least 1, got ${limit}`);
  }

  /** Holders right now. */
  get active(): number {
    return this.holders;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.holders < this.limit) {
      this.holders += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.holders += 1;
        resolve(this.releaser());
      };
      const onAbort = (): void => {
        this.waiters.splice(this.waiters.indexOf(grant), 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders -= 1;
      this.waiters.shift()?.();
    };
  }
}
