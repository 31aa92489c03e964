/** Shared option handling for the prayerwire commands. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Paths } from '../app/index.js';

export class UsageError extends Error {
  readonly code = 'usage';
}

export const commonOptions = {
  config: { type: 'string' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export interface Env {
  PRAYERWIRE_CONFIG?: string;
  PRAYERWIRE_DB?: string;
  PORT?: string;
  /** `json` or `pretty` forces the log format (default: pretty on a terminal, JSON otherwise). */
  PRAYERWIRE_LOG_FORMAT?: string;
  [key: string]: string | undefined;
}

export function resolvePaths(values: { config?: string; db?: string }, env: Env): Paths {
  return {
    config: values.config ?? env.PRAYERWIRE_CONFIG ?? './feeds.yml',
    db: values.db ?? env.PRAYERWIRE_DB ?? './data/prayerwire.db',
  };
}

export function parsePositiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
}
