/**
 * A generated RSS 2.0 feed of `count` items, for the tests of passes bigger than one SQL statement may carry. Items
 * are a day apart, so story grouping (which compares items within a few days) stays cheap.
 */
export function largeRssFeed(count: number, linkBase: string): string {
  const start = Date.UTC(2025, 0, 1);
  const items: string[] = [];
  for (let n = 0; n < count; n++) {
    const date = new Date(start - n * 86_400_000).toUTCString();
    items.push(
      `<item><title>Report ${n}</title><link>${linkBase}/${n}</link><guid isPermaLink="false">report-${n}</guid><pubDate>${date}</pubDate><description>Teaser ${n}.</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Many</title><link>${linkBase}</link><description>Many items</description>${items.join('')}</channel></rss>`;
}
