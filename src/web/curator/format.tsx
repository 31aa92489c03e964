/** Small view helpers shared by the workspace pages: dates, highlighted text, country chips, audit lines. */
import { getCountry } from '../../countries/index.js';
import { MARK_END, MARK_START, type AuditEntry } from '../../ports/index.js';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false });

/** "26 Jun 2024" (UTC) in a <time> element, or a dash. */
export function DateText(props: { iso: string | null | undefined; withTime?: boolean }) {
  if (!props.iso) return <span class="muted">—</span>;
  const d = new Date(props.iso);
  if (Number.isNaN(d.getTime())) return <span>{props.iso}</span>;
  const text = props.withTime ? `${DAY_TIME.format(d)} UTC` : DAY.format(d);
  return (
    <time datetime={d.toISOString()} title={d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'}>
      {text}
    </time>
  );
}

/** "3 min ago", "in 2 h", "5 days ago": a rough distance from now, for health tables. */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86400_000, 'd'],
    [3600_000, 'h'],
    [60_000, 'min'],
  ];
  for (const [ms, unit] of units) {
    if (abs >= ms) {
      const n = Math.round(abs / ms);
      return diff < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
    }
  }
  return diff < 0 ? 'just now' : 'now';
}

/** Text with MARK_START/MARK_END spans rendered as <mark>; everything escaped. */
export function Highlighted(props: { text: string }) {
  const parts: (string | ReturnType<typeof Mark>)[] = [];
  let rest = props.text;
  while (rest) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      parts.push(rest);
      break;
    }
    const end = rest.indexOf(MARK_END, start);
    parts.push(rest.slice(0, start));
    parts.push(<Mark text={rest.slice(start + 1, end < 0 ? undefined : end)} />);
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return <>{parts}</>;
}

function Mark(props: { text: string }) {
  return <mark>{props.text}</mark>;
}

/** A country's common name, or the code when unknown. */
export function countryName(code: string): string {
  return getCountry(code)?.name ?? code;
}

/** A country chip: the name, the code as a tooltip. */
export function CountryChip(props: { code: string }) {
  return (
    <span class="chip" title={props.code}>
      {countryName(props.code)}
    </span>
  );
}

export const STATUS_LABEL: Record<string, string> = { new: 'New', published: 'Published', dismissed: 'Dismissed', retracted: 'Retracted', all: 'All' };

/** A status badge. */
export function StatusBadge(props: { status: string; scheduled?: boolean }) {
  return <span class={`badge status-${props.status}`}>{props.scheduled ? 'Scheduled' : (STATUS_LABEL[props.status] ?? props.status)}</span>;
}

type Json = Record<string, unknown> | null;

function noteSummary(note: Json): string {
  if (!note) return '(none)';
  const points = Array.isArray(note.points) ? note.points.length : 0;
  const parts = [`${points} point${points === 1 ? '' : 's'}`];
  if (note.scripture) parts.push(String(note.scripture));
  if (typeof note.text === 'string' && note.text) parts.push(`“${note.text.length > 80 ? `${note.text.slice(0, 80)}…` : note.text}”`);
  return parts.join(' · ');
}

const ACTION_LABEL: Record<string, string> = {
  tag: 'Tagged a country',
  untag: 'Removed a country',
  note: 'Edited the prayer note',
  correct: 'Corrected the published note',
  publish: 'Published',
  dismiss: 'Dismissed',
  retract: 'Retracted',
  reopen: 'Reopened',
};

/** One audit entry as "what", "before" and "after" text. */
export function describeAudit(entry: AuditEntry): { what: string; before: string; after: string } {
  const before = entry.before as Json;
  const after = entry.after as Json;
  const what = ACTION_LABEL[entry.action] ?? entry.action;
  switch (entry.action) {
    case 'tag':
      return { what, before: '', after: after ? `${countryName(String(after.code))} (${String(after.code)}, ${String(after.source ?? 'curator')})` : '' };
    case 'untag':
      return { what, before: before ? `${countryName(String(before.code))} (${String(before.code)})` : '', after: '' };
    case 'note':
    case 'correct':
      return { what, before: noteSummary(before), after: noteSummary(after) };
    default: {
      const b = before && 'status' in before ? String(before.status) : before ? JSON.stringify(before) : '';
      const extras: string[] = [];
      if (after?.status) extras.push(String(after.status));
      if (after?.publishedAt) extras.push(`visible from ${String(after.publishedAt).replace('T', ' ').slice(0, 16)} UTC`);
      if (after?.reason) extras.push(`reason: ${String(after.reason)}`);
      return { what, before: b, after: extras.join(' · ') || (after ? JSON.stringify(after) : '') };
    }
  }
}
