/**
 * An in-memory CuratedSource for tests: the contract the SQLite store will implement, with the same ordering and
 * retraction-window rules, plus `put`/`remove` that bump the version like publish/correct/retract do.
 */
import type { CuratedEntry, CuratedSource, SiteInfo } from '../../src/publish/types.js';

export const SITE: SiteInfo = {
  title: 'Prayerwire',
  description: 'World news for informed prayer',
  baseUrl: 'https://prayerwire.example',
  websubHub: 'https://hub.example/',
  language: 'en',
};

export class MemorySource implements CuratedSource {
  private entries = new Map<number, CuratedEntry>();
  private v = 1;
  calls = { listEntries: 0, getEntry: 0, listCountries: 0 };

  constructor(entries: CuratedEntry[] = [], private readonly now: () => number = () => Date.parse('2026-12-01T00:00:00Z'), private readonly retractedWindowDays = 30) {
    for (const e of entries) this.entries.set(e.itemId, e);
  }

  put(entry: CuratedEntry): void {
    this.entries.set(entry.itemId, entry);
    this.v++;
  }

  remove(itemId: number): void {
    this.entries.delete(itemId);
    this.v++;
  }

  private visible(): CuratedEntry[] {
    const cutoff = this.now() - this.retractedWindowDays * 86_400_000;
    return [...this.entries.values()]
      .filter((e) => e.status === 'published' || (e.retractedAt !== null && Date.parse(e.retractedAt) >= cutoff))
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.itemId - a.itemId);
  }

  listEntries(filter: { country?: string; limit: number }): CuratedEntry[] {
    this.calls.listEntries++;
    const code = filter.country?.toUpperCase();
    return this.visible()
      .filter((e) => !code || e.countries.some((c) => c.code.toUpperCase() === code))
      .slice(0, filter.limit);
  }

  getEntry(itemId: number): CuratedEntry | null {
    this.calls.getEntry++;
    return this.entries.get(itemId) ?? null;
  }

  listCountries(): { code: string; name: string; count: number }[] {
    this.calls.listCountries++;
    const counts = new Map<string, { code: string; name: string; count: number }>();
    for (const e of this.entries.values()) {
      if (e.status !== 'published') continue;
      for (const c of e.countries) {
        const held = counts.get(c.code) ?? { code: c.code, name: c.name, count: 0 };
        held.count++;
        counts.set(c.code, held);
      }
    }
    return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  version(): number {
    return this.v;
  }
}
