import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/util/map-concurrent.js';

describe('mapConcurrent', () => {
  it('keeps the input order while never running more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 5, 20, 1, 10, 2];
    const results = await mapConcurrent(delays, 2, async (ms) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((done) => setTimeout(done, ms));
      running -= 1;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20, 4]);
    expect(most).toBe(2);
  });

  it('returns at once for no items', async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});
