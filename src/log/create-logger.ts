/** The one logger (pino): JSON lines in production, or quiet for CLI commands that print their own output. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: 1 | 2 } = {}): Logger {
  return pino({ level: options.level ?? 'info', base: undefined }, pino.destination({ fd: options.destination ?? 1, sync: true }));
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
