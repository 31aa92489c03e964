/** `prayerwire export --out DIR`: the public pages and every curated feed as static files. */
import { openDatabase } from '../db/index.js';
import { loadConfig } from '../config/index.js';
import { createCuratedSource } from '../publish/curated-source.js';
import { siteInfo } from '../web/app.js';
import { exportStatic } from '../web/public/export-static.js';
import { parseCommand, resolvePaths, UsageError, type Env } from './args.js';
import type { CommandIo } from './io.js';

export const exportUsage = `prayerwire export --out DIR [--base-url URL] [--config FILE] [--db FILE]
  Writes the public pages and every curated feed (whole, per country, OPML) as static files for any static host
  or CDN. Links and feed ids use --base-url (default settings.baseUrl).`;

export async function exportCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { out: { type: 'string' }, 'base-url': { type: 'string' } });
  if (values.help) return io.out(exportUsage), 0;
  if (!values.out) throw new UsageError('--out DIR is required');
  const paths = resolvePaths(values, env);
  const config = loadConfig(paths.config);
  const baseUrl = values['base-url'] ?? config.settings.baseUrl;
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) throw new UsageError('the public address is needed for links and feed ids: pass --base-url https://… or set settings.baseUrl');
  const db = openDatabase(paths.db);
  try {
    const result = await exportStatic(createCuratedSource(db), siteInfo(baseUrl, config.settings.websubHub), values.out);
    io.out(`${result.files.length} files (${Math.round(result.bytes / 1024)} KB) written to ${values.out}`);
    return 0;
  } finally {
    db.close();
  }
}
