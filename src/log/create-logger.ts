/**
 * The one logger (pino). JSON lines when the output is a file or a pipe (log collectors, journald, docker logs),
 * readable colored lines on a terminal (pino-pretty), so `npm start` speaks to a person. `PRAYERWIRE_LOG_FORMAT=json`
 * or `pretty` forces one (the CLI passes it as `format`). Lines about one feed or item carry `feedId` / `itemId`.
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/**
 * The format to write: the one asked for (`json` or `pretty`, any case), else pretty on a terminal and JSON
 * otherwise. `valid` is false when something else was asked for (the caller says so).
 */
export function chooseLogFormat(requested: string | undefined, isTTY: boolean): { format: LogFormat; valid: boolean } {
  const asked = requested?.trim().toLowerCase() ?? '';
  if (asked === 'json' || asked === 'pretty') return { format: asked, valid: true };
  return { format: isTTY ? 'pretty' : 'json', valid: asked === '' || asked === 'auto' };
}

export interface LoggerOptions {
  level?: string;
  destination?: 1 | 2;
  /** `json`, `pretty`, or `auto`/absent (by whether the destination is a terminal): PRAYERWIRE_LOG_FORMAT. */
  format?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const fd = options.destination ?? 1;
  const tty = (fd === 1 ? process.stdout : process.stderr).isTTY;
  const { format, valid } = chooseLogFormat(options.format, tty);
  const stream =
    format === 'pretty'
      ? pretty({ destination: fd, sync: true, colorize: tty, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : pino.destination({ fd, sync: true });
  const log = pino({ level: options.level ?? 'info', base: undefined }, stream);
  if (!valid) log.warn(`PRAYERWIRE_LOG_FORMAT=${options.format} is not json or pretty; writing ${format} (chosen by whether the output is a terminal)`);
  return log;
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
