export { loadConfig, parseConfig, ConfigError, type ConfigProblem } from './load-config.js';
export { watchConfig, type ConfigWatcher } from './watch-config.js';
export { parseDuration, formatDuration } from './duration.js';
