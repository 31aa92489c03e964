/**
 * `prayerwire demo` (what `npm run demo` runs): starts the sample-source server, writes a feeds.yml that points at
 * it, and runs prayerwire (server + poller) on that file and a demo database, so a machine without internet sees
 * the whole flow: poll, extract, curate, publish.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startSampleSources } from '../demo/sample-sources.js';
import { parseCommand, parsePositiveInt, type Env } from './args.js';
import type { CommandIo } from './io.js';
import { startServer, stopOnSignals } from './serve.js';
import type { Commands } from './command.js';

export const demoUsage = `prayerwire demo [--port N] [--dir DIR]
  Starts sample ministry and news sources on 127.0.0.1 and runs prayerwire against them
  (feeds.yml and database under DIR, default ./data/demo).`;

export function writeDemoConfig(dir: string, feedUrls: { source: { name: string; kind: string; countries: string[] }; url: string }[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'feeds.yml');
  const config = {
    settings: { interval: '5m', allowPrivateNetworks: true, concurrency: 4, perHost: 4, requireCountryAndNote: true },
    feeds: feedUrls.map(({ source, url }) => ({
      name: source.name,
      url,
      kind: source.kind,
      ...(source.countries.length ? { countries: source.countries } : {}),
    })),
  };
  writeFileSync(file, `# Written by \`prayerwire demo\`: sample sources served on 127.0.0.1 (private networks allowed for that).\n${stringify(config)}`);
  return file;
}

export async function demoCommand(argv: string[], env: Env, io: CommandIo): Promise<number> {
  const { values } = parseCommand(argv, { port: { type: 'string' }, dir: { type: 'string' } });
  if (values.help) return io.out(demoUsage), 0;
  const dir = values.dir ?? './data/demo';
  const samples = await startSampleSources();
  const config = writeDemoConfig(dir, samples.feedUrls);
  const port = parsePositiveInt(values.port ?? env.PORT, 'port') ?? 8080;
  const running = await startServer({ paths: { config, db: join(dir, 'prayerwire.db') }, port, host: '127.0.0.1', poll: true }).catch(async (err: unknown) => {
    await samples.close(); // else the sample sources keep the process alive after the error is printed
    throw err;
  });
  io.err(`\nSample sources: ${samples.origin}/\nprayerwire:     http://127.0.0.1:${running.port}/\nConfig:         ${config}\nPress Ctrl+C to stop.\n`);
  await stopOnSignals(running, { log: running.app.log });
  await samples.close();
  return 0;
}

/** The commands of this module, for the dispatcher (src/cli/index.ts). */
export const demoCommands: Commands = { demo: { run: demoCommand, usage: demoUsage } };
