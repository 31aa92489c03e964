// Serves N generated RSS feeds of M items each on several loopback addresses (a child process of bench/ingest.ts,
// so serving costs nothing in the measured process). Prints {"ports":…} when ready. ETag per feed -> 304s.
import { createServer } from 'node:http';

const [feeds = '500', items = '50', hosts = '20'] = process.argv.slice(2);
const FEEDS = Number(feeds);
const ITEMS = Number(items);
const HOSTS = Number(hosts);
const para =
  'Russian President Vladimir Putin visited North Korea on 18-19 June 2024, his first visit since July 2000, and signed a mutual defense pact with Kim Jong Un. Churches around the world are asked to pray for North Korean believers.';

const bodies = new Map();
function feedXml(f) {
  const out = [`<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench feed ${f}</title><link>https://bench${f}.example/</link><description>generated</description>`];
  for (let i = 0; i < ITEMS; i++) {
    const d = new Date(Date.UTC(2026, 10, 1) + (f * ITEMS + i) * 60000).toUTCString();
    out.push(`<item><title>Report ${f}-${i}: prayer for Pyongyang &amp; Moscow</title><link>https://bench${f}.example/news/${i}?utm_source=rss</link><guid isPermaLink="false">bench-${f}-${i}</guid><pubDate>${d}</pubDate><description>&lt;p&gt;${para} Item ${i} of feed ${f}.&lt;/p&gt;</description></item>`);
  }
  out.push('</channel></rss>');
  return Buffer.from(out.join(''));
}

const handler = (req, res) => {
  const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const f = m ? Number(m[1]) : -1;
  if (f < 0 || f >= FEEDS) return res.writeHead(404).end();
  const etag = `"bench-${f}"`;
  if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
  let body = bodies.get(f);
  if (!body) bodies.set(f, (body = feedXml(f)));
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': body.length });
  res.end(body);
};

const ports = [];
for (let h = 1; h <= HOSTS; h++) {
  const server = createServer({ keepAlive: true }, handler);
  await new Promise((r) => server.listen(0, `127.0.0.${h}`, r));
  ports.push(server.address().port);
}
process.stdout.write(`${JSON.stringify({ ports })}\n`);
