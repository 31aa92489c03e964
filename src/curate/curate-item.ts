/**
 * Curator actions and their rules. Review states: new -> published | dismissed; published -> retracted (visible
 * notice, never a silent delete) or corrected (note edited: same id, marked updated); dismissed and retracted
 * items can be reopened. Every change is written to the audit log with who, when, before and after, in the same
 * transaction as the change.
 */
import { findCountry, getCountry } from '../countries/index.js';
import type { Db } from '../db/index.js';
import { inTransaction } from '../db/index.js';
import { addItemCountry, listItemCountries, listSuggestions, removeItemCountry, type TagSource } from '../store/countries.js';
import {
  appendAudit,
  bumpCuratedVersion,
  deletePublication,
  getItemStatus,
  getPrayerNote,
  getPublication,
  markCorrected,
  markRetracted,
  savePrayerNote,
  savePublication,
  setItemStatus,
  type PrayerNote,
} from '../store/curation.js';
import type { ItemStatus } from '../model/item.js';
import { CurateError } from './errors.js';

export interface CurateContext {
  db: Db;
  /** Who acts (user name). */
  actor: string;
  /** Publishing needs at least one country and a prayer note. */
  requireCountryAndNote: boolean;
  /** Host used in stable entry ids (tag URIs). */
  idHost: string;
  clock?: () => number;
}

const nowIso = (ctx: CurateContext) => new Date((ctx.clock ?? Date.now)()).toISOString();

function requireItem(ctx: CurateContext, itemId: number): ItemStatus {
  const status = getItemStatus(ctx.db, itemId);
  if (!status) throw new CurateError('not_found', `no item ${itemId}`);
  return status;
}

/** Resolves a country given by code or name ("KP", "North Korea", "Burma"); unknown -> CurateError. */
export function requireCountry(query: string): { code: string; name: string } {
  const country = getCountry(query.trim().toUpperCase()) ?? findCountry(query);
  if (!country) throw new CurateError('unknown_country', `"${query}" is not a country name or ISO 3166-1 alpha-2 code (e.g. KP, "North Korea")`);
  return { code: country.code, name: country.name };
}

/** Tags an item with a country; the tag remembers whether it came from a suggestion, the feed or the curator. */
export function tagCountry(ctx: CurateContext, itemId: number, query: string): { code: string; added: boolean } {
  return inTransaction(ctx.db, () => {
    requireItem(ctx, itemId);
    const { code } = requireCountry(query);
    const suggestion = listSuggestions(ctx.db, itemId).find((s) => s.code === code);
    const source: TagSource = suggestion ? suggestion.source : 'curator';
    const at = nowIso(ctx);
    const added = addItemCountry(ctx.db, itemId, { code, source, addedBy: ctx.actor, addedAt: at });
    if (added) {
      appendAudit(ctx.db, { itemId, actor: ctx.actor, action: 'tag', after: { code, source }, at });
      if (getItemStatus(ctx.db, itemId) === 'published') bumpCuratedVersion(ctx.db);
    }
    return { code, added };
  });
}

export function untagCountry(ctx: CurateContext, itemId: number, query: string): { code: string; removed: boolean } {
  return inTransaction(ctx.db, () => {
    requireItem(ctx, itemId);
    const { code } = requireCountry(query);
    const before = listItemCountries(ctx.db, itemId).find((t) => t.code === code);
    const removed = removeItemCountry(ctx.db, itemId, code);
    if (removed) {
      appendAudit(ctx.db, { itemId, actor: ctx.actor, action: 'untag', before, at: nowIso(ctx) });
      if (getItemStatus(ctx.db, itemId) === 'published') bumpCuratedVersion(ctx.db);
    }
    return { code, removed };
  });
}

/** Makes the accepted tags exactly `queries` (API PATCH countries). */
export function setCountries(ctx: CurateContext, itemId: number, queries: string[]): string[] {
  return inTransaction(ctx.db, () => {
    requireItem(ctx, itemId);
    const wanted = [...new Set(queries.map((q) => requireCountry(q).code))];
    for (const tag of listItemCountries(ctx.db, itemId)) if (!wanted.includes(tag.code)) untagCountry(ctx, itemId, tag.code);
    for (const code of wanted) tagCountry(ctx, itemId, code);
    return wanted;
  });
}

/** How much a prayer note may hold: the one declaration (the API's request schema is built from it). */
export const NOTE_LIMITS = {
  /** Prayer points in one note. */
  points: 20,
  /** Characters in one prayer point. */
  pointChars: 500,
  /** Characters in the scripture reference. */
  scriptureChars: 200,
  /** Characters in the note's Markdown text. */
  textChars: 20_000,
} as const;

function normalizeNote(note: Partial<PrayerNote>): PrayerNote {
  const points = (note.points ?? []).map((p) => (typeof p === 'string' ? p.replace(/\s+/g, ' ').trim() : '')).filter(Boolean);
  if (points.some((p) => p.length > NOTE_LIMITS.pointChars)) throw new CurateError('invalid_input', `a prayer point may be at most ${NOTE_LIMITS.pointChars} characters`);
  if (points.length > NOTE_LIMITS.points) throw new CurateError('invalid_input', `a prayer note may have at most ${NOTE_LIMITS.points} points`);
  const scripture = note.scripture?.trim() || null;
  if (scripture && scripture.length > NOTE_LIMITS.scriptureChars) {
    throw new CurateError('invalid_input', `the scripture reference may be at most ${NOTE_LIMITS.scriptureChars} characters`);
  }
  const text = note.text?.trim() || null;
  if (text && text.length > NOTE_LIMITS.textChars) {
    throw new CurateError('invalid_input', `the note text may be at most ${NOTE_LIMITS.textChars.toLocaleString('en-US')} characters`);
  }
  return { points, scripture, text };
}

const isEmptyNote = (n: PrayerNote | null) => !n || (!n.points.length && !n.text);

const sameNote = (a: PrayerNote, b: PrayerNote) => JSON.stringify([a.points, a.scripture, a.text]) === JSON.stringify([b.points, b.scripture, b.text]);

/** What saving a note did: `changed` false when it said what was already there (nothing written, no audit entry). */
export interface NoteSaved {
  note: PrayerNote;
  changed: boolean;
  /** The item was published: the save is a correction (same id, marked updated). */
  corrected: boolean;
}

/**
 * Saves the prayer note. On a published item this is a correction: same id, marked updated. A note equal to the
 * stored one, or an empty note where there was none, changes nothing.
 */
export function setPrayerNote(ctx: CurateContext, itemId: number, note: Partial<PrayerNote>): NoteSaved {
  return inTransaction(ctx.db, () => {
    const status = requireItem(ctx, itemId);
    const next = normalizeNote(note);
    const before = getPrayerNote(ctx.db, itemId);
    if (before ? sameNote(before, next) : !next.points.length && !next.scripture && !next.text) return { note: next, changed: false, corrected: false };
    const at = nowIso(ctx);
    savePrayerNote(ctx.db, itemId, next, ctx.actor, at);
    const corrected = status === 'published';
    if (corrected) {
      markCorrected(ctx.db, itemId, at);
      bumpCuratedVersion(ctx.db);
    }
    appendAudit(ctx.db, {
      itemId,
      actor: ctx.actor,
      action: corrected ? 'correct' : 'note',
      before: before ? { points: before.points, scripture: before.scripture, text: before.text } : null,
      after: next,
      at,
    });
    return { note: next, changed: true, corrected };
  });
}

/** Publishes now, or at `publishAt` (embargo). Needs a country and a prayer note unless the setting relaxes it. */
export function publishItem(ctx: CurateContext, itemId: number, options: { publishAt?: string | null } = {}): { guid: string; publishedAt: string } {
  return inTransaction(ctx.db, () => {
    const status = requireItem(ctx, itemId);
    if (status === 'published') throw new CurateError('invalid_transition', `item ${itemId} is already published; edit its note to correct it`);
    if (status === 'dismissed') throw new CurateError('invalid_transition', `item ${itemId} was dismissed; reopen it before publishing`);
    if (ctx.requireCountryAndNote) {
      const missing: string[] = [];
      if (!listItemCountries(ctx.db, itemId).length) missing.push('at least one country');
      if (isEmptyNote(getPrayerNote(ctx.db, itemId))) missing.push('a prayer note (a prayer point or text)');
      if (missing.length) throw new CurateError('requirements', `item ${itemId} cannot be published yet: it needs ${missing.join(' and ')}`);
    }
    const at = nowIso(ctx);
    let publishedAt = at;
    if (options.publishAt) {
      const t = Date.parse(options.publishAt);
      if (Number.isNaN(t)) throw new CurateError('invalid_input', `publishAt "${options.publishAt}" is not a date and time (ISO 8601, e.g. 2026-12-01T08:00:00Z)`);
      publishedAt = new Date(Math.max(t, Date.parse(at))).toISOString();
    }
    const existing = getPublication(ctx.db, itemId);
    const guid = existing?.guid ?? `tag:${ctx.idHost},${at.slice(0, 10)}:item/${itemId}`;
    // Publishing again (after retract and reopen) keeps the entry's id, and its date when both it and the request are
    // "now or earlier". A new embargo (or an old one that never passed) sets the date, so readers never see it early.
    const keepDate = existing !== null && existing.publishedAt <= at && publishedAt <= at;
    if (existing && !keepDate) deletePublication(ctx.db, itemId);
    const finalAt = keepDate ? existing.publishedAt : publishedAt;
    savePublication(ctx.db, itemId, { guid, publishedAt: finalAt, publishedBy: ctx.actor });
    setItemStatus(ctx.db, itemId, 'published', at);
    bumpCuratedVersion(ctx.db);
    appendAudit(ctx.db, { itemId, actor: ctx.actor, action: 'publish', before: { status }, after: { status: 'published', publishedAt: finalAt, guid }, at });
    return { guid, publishedAt: finalAt };
  });
}

export function dismissItem(ctx: CurateContext, itemId: number): void {
  inTransaction(ctx.db, () => {
    const status = requireItem(ctx, itemId);
    if (status === 'dismissed') return;
    if (status !== 'new') throw new CurateError('invalid_transition', `item ${itemId} is ${status}; only new items can be dismissed (retract a published one)`);
    const at = nowIso(ctx);
    setItemStatus(ctx.db, itemId, 'dismissed', at);
    appendAudit(ctx.db, { itemId, actor: ctx.actor, action: 'dismiss', before: { status }, after: { status: 'dismissed' }, at });
  });
}

/** Withdraws a published item: it stays in the feeds as a visible retraction notice. */
export function retractItem(ctx: CurateContext, itemId: number, reason: string): void {
  inTransaction(ctx.db, () => {
    const status = requireItem(ctx, itemId);
    if (status !== 'published') throw new CurateError('invalid_transition', `item ${itemId} is ${status}; only published items can be retracted`);
    const why = reason.trim();
    if (!why) throw new CurateError('invalid_input', 'a retraction needs a reason, shown to readers');
    const at = nowIso(ctx);
    markRetracted(ctx.db, itemId, at, why);
    setItemStatus(ctx.db, itemId, 'retracted', at);
    bumpCuratedVersion(ctx.db);
    appendAudit(ctx.db, { itemId, actor: ctx.actor, action: 'retract', before: { status }, after: { status: 'retracted', reason: why }, at });
  });
}

/** Back to the inbox: dismissed and retracted items (a published item must be retracted first, visibly). */
export function reopenItem(ctx: CurateContext, itemId: number): void {
  inTransaction(ctx.db, () => {
    const status = requireItem(ctx, itemId);
    if (status === 'new') return;
    if (status === 'published') throw new CurateError('invalid_transition', `item ${itemId} is published; retract it first so readers see it was withdrawn`);
    const at = nowIso(ctx);
    setItemStatus(ctx.db, itemId, 'new', at);
    // A reopened retraction leaves the public feeds: what readers see changed.
    if (status === 'retracted') bumpCuratedVersion(ctx.db);
    appendAudit(ctx.db, { itemId, actor: ctx.actor, action: 'reopen', before: { status }, after: { status: 'new' }, at });
  });
}

/** Dismisses many new items at once; returns the ids dismissed. Items that are not new are skipped. */
export function dismissItems(ctx: CurateContext, itemIds: number[]): number[] {
  return inTransaction(ctx.db, () =>
    itemIds.filter((id) => {
      if (getItemStatus(ctx.db, id) !== 'new') return false;
      dismissItem(ctx, id);
      return true;
    }),
  );
}

export interface ItemPatch {
  status?: ItemStatus;
  countries?: string[];
  prayerNote?: Partial<PrayerNote>;
  publishAt?: string | null;
  retractionReason?: string;
}

/** Applies a PATCH (countries, then note, then status) in one transaction: all or nothing. */
export function patchItem(ctx: CurateContext, itemId: number, patch: ItemPatch): void {
  inTransaction(ctx.db, () => {
    requireItem(ctx, itemId);
    if (patch.countries) setCountries(ctx, itemId, patch.countries);
    if (patch.prayerNote) setPrayerNote(ctx, itemId, patch.prayerNote);
    switch (patch.status) {
      case undefined:
        break;
      case 'published':
        if (getItemStatus(ctx.db, itemId) !== 'published') publishItem(ctx, itemId, { publishAt: patch.publishAt });
        break;
      case 'dismissed':
        dismissItem(ctx, itemId);
        break;
      case 'retracted':
        retractItem(ctx, itemId, patch.retractionReason ?? '');
        break;
      case 'new':
        reopenItem(ctx, itemId);
        break;
      default:
        throw new CurateError('invalid_input', `status must be one of new, published, dismissed, retracted`);
    }
  });
}
