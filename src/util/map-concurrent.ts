/** Small helpers with no domain knowledge, shared by several stages (the poller and the extraction stage). */

/**
 * Runs `fn` over `items` with at most `limit` in flight; results in input order.
 *
 * @example
 * const pages = await mapConcurrent(urls, 4, (url) => http.fetch(url));
 */
export async function mapConcurrent<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
