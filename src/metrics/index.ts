/** Health and metrics: the /healthz check and the /metrics registry (Prometheus text format). */
export { createRegistry, escapeLabelValue, formatValue, EXPOSITION_CONTENT_TYPE, type Registry, type Counter, type Gauge, type Histogram, type GaugeSample, type Labels } from './registry.js';
export { createAppMetrics, type AppMetrics, type AppMetricsOptions, type MetricReadings, type PipelineMetrics, type RequestMetrics, type PolledFeed, type ExtractedItem } from './app-metrics.js';
export { createHealthCheck, judgePoller, DEFAULT_HEALTH_LIMITS, type HealthCheck, type HealthLimits, type HealthReport, type HealthSources, type PollerStatus, type DatabaseProbe } from './health.js';
