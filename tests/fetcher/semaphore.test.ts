import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/fetcher/semaphore.js';

describe('Semaphore', () => {
  it('grants up to the limit, then serves waiters in arrival order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const waiting = [3, 4, 5].map((n) => semaphore.acquire().then((release) => (order.push(n), release)));
    expect(semaphore.active).toBe(2);
    expect(semaphore.waiting).toBe(3);
    a();
    b();
    const [r3, r4] = await Promise.all(waiting.slice(0, 2));
    expect(order).toEqual([3, 4]);
    r3?.();
    const r5 = await waiting[2];
    expect(order).toEqual([3, 4, 5]);
    r4?.();
    r5?.();
    expect(semaphore.active).toBe(0);
  });

  it('ignores a second release of the same slot', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.active).toBe(0);
    await semaphore.acquire();
    expect(semaphore.active).toBe(1);
  });

  it('drops a waiter whose signal aborts, rejecting with the reason', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const cancelled = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort(new Error('stop'));
    await expect(cancelled).rejects.toThrow('stop');
    expect(semaphore.waiting).toBe(1);
    release();
    await next;
    expect(semaphore.active).toBe(1);
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
