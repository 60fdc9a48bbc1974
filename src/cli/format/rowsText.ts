/**
 * Rows of named columns as text for a person (aligned columns, long cells cut with an ellipsis) or for
 * another program (TSV, CSV). Values arrive JSON-safe (see core/columnar/jsonSafe.ts): objects and lists
 * print as their JSON. Written here rather than taken from a library: each is a few lines, and the rules
 * they follow are named next to them.
 */

export type Row = Readonly<Record<string, unknown>>;

/** A cell's text: empty for null, JSON for objects and lists. */
export function cellText(x: unknown): string {
  if (x === null || x === undefined) return '';
  return typeof x === 'object' ? JSON.stringify(x) : String(x);
}

/** Widest a column is drawn, in characters; a longer cell ends in `…`. */
export const MAX_CELL_WIDTH = 40;

/**
 * Columns padded to their widest cell (at most `maxWidth` characters, counted in code points so a cut
 * never splits a surrogate pair), separated by two spaces; line breaks inside a cell show as `⏎`, and
 * null as `NULL` (as DuckDB's shell shows it), so a row of nulls is not a blank line.
 */
export function alignedText(columns: readonly string[], rows: readonly Row[], maxWidth = MAX_CELL_WIDTH): string {
  const shown = (x: unknown): string => (x === null || x === undefined ? 'NULL' : cellText(x));
  const fit = (text: string): string[] => {
    const chars = [...text.replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, ' ')];
    return chars.length <= maxWidth ? chars : [...chars.slice(0, maxWidth - 1), '…'];
  };
  const table = [columns.map(fit), ...rows.map((r) => columns.map((c) => fit(shown(r[c]))))];
  const widths = columns.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  return table.map((line) => line.map((chars, i) => (i === line.length - 1 ? chars.join('') : chars.join('') + ' '.repeat(widths[i] - chars.length))).join('  ').trimEnd()).join('\n');
}

/**
 * Tab-separated values as the IANA text/tab-separated-values type defines them (no tab or line break
 * inside a field): those characters and the backslash are written as `\t`, `\n`, `\r` and `\\`, the
 * escapes PostgreSQL's COPY and most TSV readers undo.
 */
export function tsvText(columns: readonly string[], rows: readonly Row[]): string {
  const field = (text: string): string => text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);
  return [columns.map(field).join('\t'), ...rows.map((r) => columns.map((c) => field(cellText(r[c]))).join('\t'))].join('\n');
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled; lines end in CRLF. */
export function csvText(columns: readonly string[], rows: readonly Row[]): string {
  const field = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [columns.map(field).join(','), ...rows.map((r) => columns.map((c) => field(cellText(r[c]))).join(','))].join('\r\n');
}
