/** Plain aligned text tables for terminal output. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][], maxWidth = 60): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))];
  const clip = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => clip(r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => clip(c).padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
