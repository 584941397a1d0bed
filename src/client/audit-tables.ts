import type { AuditReport } from './index';

export type Cell = string | number | null | undefined;

/** A plain-text table: a header row, a rule, then one line per row, columns padded to fit. */
export function formatTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined || cell === '' ? '-' : String(cell))),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

export type AuditName = keyof AuditReport;

interface AuditLayout<K extends AuditName> {
  title: string;
  headers: string[];
  row(item: AuditReport[K][number]): Cell[];
}

// One entry per field of `Audits`, in the order of the schema.
const LAYOUTS: { [K in AuditName]: AuditLayout<K> } = {
  datasetsWithoutOpenAccess: {
    title: 'Datasets without open access',
    headers: ['dataset', 'access', 'scale', 'sector'],
    row: (d) => [d.name, d.access, d.scale, d.sector?.name],
  },
  closedModels: {
    title: 'Models without open access',
    headers: ['model', 'type', 'access', 'parameters'],
    row: (m) => [m.name, m.type, m.access, m.parameters.display],
  },
  modelsWithUnreportedSize: {
    title: 'Models whose size the paper does not report',
    headers: ['model', 'type', 'access', 'as printed'],
    row: (m) => [m.name, m.type, m.access, m.parameters.display],
  },
  resultsOnRestrictedDatasets: {
    title: 'Results on restricted datasets',
    headers: ['model', 'task', 'dataset', 'access', 'metric', 'value'],
    row: (r) => [r.model.name, r.task.name, r.dataset?.name, r.dataset?.access, r.metric.name, r.display],
  },
  uncitedEntities: {
    title: 'Entities no citation supports',
    headers: ['type', 'name'],
    row: (e) => [e.__typename, 'name' in e ? e.name : e.id],
  },
  risksWithoutMitigation: {
    title: 'Risks without mitigation',
    headers: ['risk'],
    row: (r) => [r.name],
  },
};

export const AUDIT_NAMES = Object.keys(LAYOUTS) as AuditName[];

/** `closed-models`, `closedModels` and `ClosedModels` all name the same audit. */
export function auditNamed(name: string): AuditName | undefined {
  const wanted = name.replace(/[-_\s]/g, '').toLowerCase();
  return AUDIT_NAMES.find((n) => n.toLowerCase() === wanted);
}

export function kebab(name: AuditName): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** One audit as a titled table with its row count. */
export function auditTable<K extends AuditName>(name: K, items: AuditReport[K]): string {
  const layout = LAYOUTS[name] as AuditLayout<K>;
  const rows = (items as AuditReport[K][number][]).map((item) => layout.row(item));
  return `${layout.title} (${rows.length})\n${formatTable(layout.headers, rows)}\n`;
}
