export type ExportFormat = 'json' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv'];

type Row = Record<string, unknown>;

/** Nested objects become dotted columns (source.location); lists stay whole, to be written as JSON. */
function flatColumns(row: Row, prefix = '', out: Row = {}): Row {
  for (const [key, value] of Object.entries(row)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      flatColumns(value as Row, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One header line, then one line per row. A list (ids, aliases, mentions) is one cell holding a JSON
 * array, so it round-trips unambiguously; an empty cell is null.
 */
export function toCsv(rows: Row[]): string {
  const flat = rows.map((r) => flatColumns(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const lines = [
    columns.map(csvCell).join(','),
    ...flat.map((r) => columns.map((c) => csvCell(r[c])).join(',')),
  ];
  return lines.join('\r\n') + '\r\n';
}

export function formatRows(rows: Row[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
}
