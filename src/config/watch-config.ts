/**
 * Picks up edits to feeds.yml in a running server: watches the file's folder (editors often replace the file),
 * debounces, re-validates, and hands over the new Config. A file that no longer validates keeps the last good
 * config running and reports the problems.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Config } from '../model/feed.js';
import { loadConfig } from './load-config.js';

export interface ConfigWatcher {
  close(): void;
}

export function watchConfig(
  file: string,
  onChange: (config: Config) => void,
  onError: (error: Error) => void,
  debounceMs = 250,
): ConfigWatcher {
  let timer: NodeJS.Timeout | undefined;
  const name = basename(file);
  const reload = () => {
    try {
      onChange(loadConfig(file));
    } catch (err) {
      onError(err as Error);
    }
  };
  const watcher: FSWatcher = watch(dirname(file), (_event, changed) => {
    if (changed && changed.toString() !== name) return;
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  watcher.on('error', onError);
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
