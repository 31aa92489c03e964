/** `prayerwire export --out DIR`: the public pages and every curated feed as static files. */
import { createPublisher, openApp, siteInfo } from '../app/index.js';
import { silentLogger } from '../log/create-logger.js';
import { exportStatic } from '../web/public/export-static.js';
import { parseCommand, resolvePaths, UsageError, type Env } from './args.js';
import type { CommandIo } from './io.js';
import type { Commands } from './command.js';

export const exportUsage = `prayerwire export --out DIR [--base-url URL] [--config FILE] [--db FILE]
  Writes the public pages and every curated feed (whole, per country, OPML) as static files for any static host
  or CDN. Links and feed ids use --base-url (default settings.baseUrl).`;

export async function exportCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { out: { type: 'string' }, 'base-url': { type: 'string' } });
  if (values.help) return io.out(exportUsage), 0;
  if (!values.out) throw new UsageError('--out DIR is required');
  const app = openApp(resolvePaths(values, env), { log: silentLogger(), syncFeeds: false });
  try {
    const { settings } = app.current().config;
    const baseUrl = values['base-url'] ?? settings.baseUrl;
    if (!baseUrl || !/^https?:\/\//.test(baseUrl)) throw new UsageError('the public address is needed for links and feed ids: pass --base-url https://… or set settings.baseUrl');
    const publisher = createPublisher({ db: app.db, site: siteInfo(baseUrl, settings.websubHub), http: () => app.current().http, log: app.log });
    const result = await exportStatic(publisher.source, publisher.site, values.out);
    io.out(`${result.files.length} files (${Math.round(result.bytes / 1024)} KB) written to ${values.out}`);
    return 0;
  } finally {
    await app.close();
  }
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const exportCommands: Commands = { export: { run: exportCommand, usage: exportUsage } };
