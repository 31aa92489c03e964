/**
 * The one logger (pino). JSON lines when the output is a file or a pipe (log collectors), readable colored lines
 * on a terminal (pino-pretty), so `npm start` speaks to a person.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export function createLogger(options: { level?: string; destination?: 1 | 2 } = {}): Logger {
  const fd = options.destination ?? 1;
  const tty = (fd === 1 ? process.stdout : process.stderr).isTTY;
  const stream = tty
    ? pretty({ destination: fd, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
    : pino.destination({ fd, sync: true });
  return pino({ level: options.level ?? 'info', base: undefined }, stream);
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
