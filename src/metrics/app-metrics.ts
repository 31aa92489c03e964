/**
 * prayerwire's metrics, served on /metrics: what the poller, the extraction stage and the web server report
 * (counters and histograms, recorded as things happen) and what is read at scrape time (queue lengths, requests in
 * flight, database size). The pipeline gets the recording methods through its deps; the composition root wires the
 * readings with `readFrom`. Every label value comes from a small fixed set (statuses, failure codes, route patterns).
 *
 * @example
 * const metrics = createAppMetrics();
 * metrics.readFrom({ extractionQueue: () => queue.pending() });
 * metrics.feedPolled(outcome, 0.42);
 * res.end(metrics.render());
 */
import { createRegistry, type GaugeSample } from './registry.js';

/** What a feed poll reports (a RefreshOutcome fits). */
export interface PolledFeed {
  status: string;
  error: { code: string } | null;
  newItemIds: readonly number[];
}

/** What an item's extraction reports (an ExtractionOutcome fits). */
export interface ExtractedItem {
  status: string;
  code?: string;
}

/** Readings taken at each scrape; each one absent is left out of the output. */
export interface MetricReadings {
  /** Items waiting for extraction in the queue of this process. */
  extractionQueue: () => number;
  /** Enabled feeds whose next poll time has come. */
  dueFeeds: () => number;
  /** Feed polls running now. */
  pollsRunning: () => number;
  /** The shared HTTP client: requests on the wire and waiting for a slot. */
  httpClient: () => { active: number; queued: number };
  /** Size of the database file in bytes. */
  databaseBytes: () => number;
}

/** The recording side, as the pipeline and the web server see it. */
export interface PipelineMetrics {
  feedPolled(outcome: PolledFeed, seconds: number): void;
  extractionFinished(outcome: ExtractedItem, seconds: number): void;
}

export interface RequestMetrics {
  /** One answered HTTP request: `route` is the matched route pattern (`/api/items/:id`), never the raw path. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
}

export interface AppMetrics extends PipelineMetrics, RequestMetrics {
  /** Adds (or replaces) scrape-time readings. */
  readFrom(readings: Partial<MetricReadings>): void;
  /** Every metric in the Prometheus text format. */
  render(): string;
}

const POLL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const EXTRACTION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface AppMetricsOptions {
  /** Time the process started, ms (process_start_time_seconds). */
  startedAt?: number;
}

export function createAppMetrics(options: AppMetricsOptions = {}): AppMetrics {
  const registry = createRegistry();
  const readings: Partial<MetricReadings> = {};
  const read = (f: (() => number) | undefined): GaugeSample[] => (f ? [{ value: f() }] : []);

  const polls = registry.counter({ name: 'prayerwire_feed_polls_total', help: 'Feed polls, by outcome (ok, not_modified, error, deferred).', labelNames: ['status'] });
  const pollFailures = registry.counter({ name: 'prayerwire_feed_poll_failures_total', help: 'Failed feed polls, by failure code.', labelNames: ['code'] });
  const pollSeconds = registry.histogram({ name: 'prayerwire_feed_poll_duration_seconds', help: 'Time one feed poll took, fetch to store.', buckets: POLL_BUCKETS });
  const ingested = registry.counter({ name: 'prayerwire_items_ingested_total', help: 'New items stored from feeds.' });
  const extractions = registry.counter({ name: 'prayerwire_extractions_total', help: 'Article extractions, by outcome and failure code.', labelNames: ['status', 'code'] });
  const extractionSeconds = registry.histogram({ name: 'prayerwire_extraction_duration_seconds', help: 'Time one article extraction took, page fetch included.', labelNames: ['status'], buckets: EXTRACTION_BUCKETS });
  const requests = registry.counter({ name: 'prayerwire_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status.', labelNames: ['method', 'route', 'status'] });
  const requestSeconds = registry.histogram({ name: 'prayerwire_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route pattern.', labelNames: ['method', 'route'], buckets: HTTP_BUCKETS });

  registry.gauge({ name: 'prayerwire_extraction_queue_length', help: 'Items waiting for extraction.', collect: () => read(readings.extractionQueue) });
  registry.gauge({ name: 'prayerwire_feeds_due', help: 'Enabled feeds whose poll is due.', collect: () => read(readings.dueFeeds) });
  registry.gauge({ name: 'prayerwire_feed_polls_in_flight', help: 'Feed polls running now.', collect: () => read(readings.pollsRunning) });
  registry.gauge({
    name: 'prayerwire_fetches_in_flight',
    help: 'Requests of the shared HTTP client: on the wire (active) or waiting for a slot (queued).',
    labelNames: ['state'],
    collect: () => {
      if (!readings.httpClient) return [];
      const { active, queued } = readings.httpClient();
      return [{ labels: { state: 'active' }, value: active }, { labels: { state: 'queued' }, value: queued }];
    },
  });
  registry.gauge({ name: 'prayerwire_database_size_bytes', help: 'Size of the SQLite database (pages times page size, WAL not included).', collect: () => read(readings.databaseBytes) });

  const startedAt = options.startedAt ?? Date.now() - process.uptime() * 1000;
  registry.gauge({ name: 'process_start_time_seconds', help: 'Start time of the process since the Unix epoch, in seconds.', collect: () => Math.round(startedAt / 1000) });
  registry.gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', collect: () => process.memoryUsage.rss() });
  registry.gauge({ name: 'nodejs_heap_used_bytes', help: 'V8 heap in use, in bytes.', collect: () => process.memoryUsage().heapUsed });
  registry.counter({ name: 'process_cpu_seconds_total', help: 'User and system CPU time spent, in seconds.', collect: cpuSeconds });

  return {
    feedPolled(outcome, seconds) {
      polls.inc({ status: outcome.status });
      if (outcome.error) pollFailures.inc({ code: outcome.error.code });
      if (outcome.newItemIds.length) ingested.inc({}, outcome.newItemIds.length);
      pollSeconds.observe({}, seconds);
    },
    extractionFinished(outcome, seconds) {
      extractions.inc({ status: outcome.status, code: outcome.code ?? '' });
      extractionSeconds.observe({ status: outcome.status }, seconds);
    },
    httpRequest(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : 'other';
      requests.inc({ method: m, route, status });
      requestSeconds.observe({ method: m, route }, seconds);
    },
    readFrom(next) {
      Object.assign(readings, next);
    },
    render: () => registry.render(),
  };
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
