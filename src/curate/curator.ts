/**
 * The curator service the web layer calls: curator actions bound to a user. A change that touches what readers see
 * is announced on `events` (the publisher listens: WebSub ping).
 *
 * @example
 * const curator = createCurator({ db, settings: () => config.settings, idHost: 'prayer.example.org', events });
 * curator.as('anna').publish(42);
 */
import type { Db } from '../db/index.js';
import type { Settings } from '../model/feed.js';
import { getItemStatus, type PrayerNote } from '../store/curation.js';
import type { CurateEvents } from './events.js';
import {
  dismissItem,
  dismissItems,
  patchItem,
  publishItem,
  reopenItem,
  retractItem,
  setCountries,
  setPrayerNote,
  tagCountry,
  untagCountry,
  type CurateContext,
  type ItemPatch,
  type NoteSaved,
} from './curate-item.js';

export interface CuratorDeps {
  db: Db;
  settings: () => Pick<Settings, 'requireCountryAndNote'>;
  /** Host for stable entry ids: `tag:HOST,DATE:item/ID`. */
  idHost: string;
  clock?: () => number;
  /** Told after a change to a published (or retracted) item commits. */
  events?: Pick<CurateEvents, 'emitPublishedChange'>;
}

export interface Curator {
  tag(itemId: number, country: string): { code: string; added: boolean };
  untag(itemId: number, country: string): { code: string; removed: boolean };
  setCountries(itemId: number, countries: string[]): string[];
  setNote(itemId: number, note: Partial<PrayerNote>): NoteSaved;
  publish(itemId: number, options?: { publishAt?: string | null }): { guid: string; publishedAt: string };
  dismiss(itemId: number): void;
  dismissMany(itemIds: number[]): number[];
  retract(itemId: number, reason: string): void;
  reopen(itemId: number): void;
  patch(itemId: number, patch: ItemPatch): void;
}

export function createCurator(deps: CuratorDeps): { as(actor: string): Curator } {
  return {
    as(actor) {
      const ctx = (): CurateContext => ({
        db: deps.db,
        actor,
        requireCountryAndNote: deps.settings().requireCountryAndNote,
        idHost: deps.idHost,
        clock: deps.clock,
      });
      const after = <T>(itemId: number, result: T): T => {
        const status = getItemStatus(deps.db, itemId);
        if (status === 'published' || status === 'retracted') deps.events?.emitPublishedChange([itemId]);
        return result;
      };
      return {
        tag: (id, country) => after(id, tagCountry(ctx(), id, country)),
        untag: (id, country) => after(id, untagCountry(ctx(), id, country)),
        setCountries: (id, countries) => after(id, setCountries(ctx(), id, countries)),
        setNote: (id, note) => {
          const saved = setPrayerNote(ctx(), id, note);
          return saved.changed ? after(id, saved) : saved;
        },
        publish: (id, options) => after(id, publishItem(ctx(), id, options)),
        dismiss: (id) => dismissItem(ctx(), id),
        dismissMany: (ids) => dismissItems(ctx(), ids),
        retract: (id, reason) => after(id, retractItem(ctx(), id, reason)),
        reopen: (id) => reopenItem(ctx(), id),
        patch: (id, p) => after(id, patchItem(ctx(), id, p)),
      };
    },
  };
}
