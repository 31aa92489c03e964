/** Durations in feeds.yml: `90s`, `30m`, `2h`, `1d`, `1h30m`, or a bare number of seconds. */
const UNIT_SEC: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses a duration into seconds, or returns null when it is not one. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
  const text = value.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) || null;
  const parts = [...text.matchAll(/(\d+)\s*([smhd])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return null;
  const total = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_SEC[p[2]!] ?? 0), 0);
  return total > 0 ? total : null;
}

/** Formats seconds the way feeds.yml writes them: 1800 -> "30m". */
export function formatDuration(sec: number): string {
  if (sec % 86400 === 0) return `${sec / 86400}d`;
  if (sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec % 60 === 0) return `${sec / 60}m`;
  return `${sec}s`;
}
