import * as Plot from '@observablehq/plot';
import type {
  AuditClosedModelsQuery,
  ExplorerAggregatesQuery,
  ExplorerAuditsWhereQuery,
} from '../client/generated/graphql';
import { OperationName, Operations, RanOperation, runOperation, savedDocument } from './api-client';
import { barChart, withRoles } from './charts-view';
import { chartFigure, dataTable, el, errorBox, showView } from './dom-helpers';
import { entityHref } from './entity-links';
import { aliasedField, operationPanel } from './operation-panel';

type Row = (Node | string | number | null)[];
type Named = { id: string; name: string };
const link = (e: Named) => el('a', { href: entityHref(e.id) }, e.name);

type AuditName = Extract<OperationName, `Audit${string}`>;

/** One audit: its saved operation, how its rows read, and the aliases of ExplorerAuditsWhere that list the same. */
interface AuditSpec<N extends AuditName> {
  operation: N;
  title: string;
  where: (keyof ExplorerAuditsWhereQuery)[];
  headers: string[];
  rows: (data: Operations[N][0]) => Row[];
}

type Audit = Omit<AuditSpec<AuditName>, 'rows'> & {
  run(): Promise<{ rows: Row[]; ran: RanOperation }>;
};

/** An audit whose rows are typed by its own operation's answer. */
function audit<N extends AuditName>(spec: AuditSpec<N>): Audit {
  const { rows, ...rest } = spec;
  return {
    ...rest,
    run: async () => {
      const { data, ran } = await runOperation(spec.operation, {});
      return { rows: rows(data), ran };
    },
  };
}

const modelRows = (models: AuditClosedModelsQuery['audits']['closedModels']): Row[] =>
  models.map((m) => [link(m), m.type ?? '—', m.access, m.parameters.display]);

/** The six audits of the API. */
const AUDITS: Audit[] = [
  audit({
    operation: 'AuditDatasetsWithoutOpenAccess',
    title: 'Datasets without open access',
    where: ['datasetsWithoutOpenAccess'],
    headers: ['dataset', 'access', 'scale', 'sector'],
    rows: (d) =>
      d.audits.datasetsWithoutOpenAccess.map((x) => [link(x), x.access, x.scale, x.sector?.name ?? '—']),
  }),
  audit({
    operation: 'AuditClosedModels',
    title: 'Models without open access',
    where: ['closedModels'],
    headers: ['model', 'type', 'access', 'parameters'],
    rows: (d) => modelRows(d.audits.closedModels),
  }),
  audit({
    operation: 'AuditModelsWithUnreportedSize',
    title: 'Models whose size the paper does not report',
    where: ['modelsWithUnreportedSize'],
    headers: ['model', 'type', 'access', 'parameters'],
    rows: (d) => modelRows(d.audits.modelsWithUnreportedSize),
  }),
  audit({
    operation: 'AuditResultsOnRestrictedDatasets',
    title: 'Results measured on restricted datasets',
    where: ['resultsOnRestrictedDatasets'],
    headers: ['result', 'model', 'task', 'dataset (access)'],
    rows: (d) =>
      d.audits.resultsOnRestrictedDatasets.map((r) => [
        link({ id: r.id, name: r.display }),
        r.model.name,
        r.task.name,
        r.dataset ? `${r.dataset.name} (${r.dataset.access})` : '—',
      ]),
  }),
  audit({
    operation: 'AuditRisksWithoutMitigation',
    title: 'Risks without a mitigation',
    where: ['risksWithoutMitigation'],
    headers: ['risk', 'summary'],
    rows: (d) => d.audits.risksWithoutMitigation.map((r) => [link(r), r.summary]),
  }),
  audit({
    operation: 'AuditUncitedEntities',
    title: 'Entities no citation supports',
    where: ['uncitedModels', 'uncitedDatasets', 'uncitedTasks', 'uncitedRisks'],
    headers: ['entity', 'type'],
    rows: (d) =>
      d.audits.uncitedEntities.map((e) => [
        link({ id: e.id, name: 'name' in e ? e.name : e.__typename === 'Citation' ? `[${e.number}]` : e.id }),
        e.__typename,
      ]),
  }),
];

/** How many entities a `where` alias of ExplorerAuditsWhere lists. */
function whereCount(data: ExplorerAuditsWhereQuery, alias: keyof ExplorerAuditsWhereQuery): number {
  const value = data[alias];
  return Array.isArray(value) ? value.length : value.totalCount;
}

function auditSection(audit: Audit, where: ExplorerAuditsWhereQuery): HTMLElement {
  const whereDocument = savedDocument('ExplorerAuditsWhere').document;
  const whereText = audit.where.map((alias) => aliasedField(whereDocument, alias)).join('\n');
  const count = audit.where.reduce((sum, alias) => sum + whereCount(where, alias), 0);
  const output = el('div', { class: 'audit-output', 'aria-live': 'polite' });
  const id = `audit-${audit.operation}`;
  return el(
    'section',
    { class: 'audit', id, 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title` }, audit.title),
    el(
      'p',
      {},
      'The same as this where filter, which lists ',
      el('strong', { class: 'where-count' }, String(count)),
      ':',
    ),
    el('pre', { class: 'where' }, el('code', {}, whereText)),
    el(
      'button',
      {
        type: 'button',
        class: 'run-audit',
        onclick: () => {
          output.replaceChildren(el('p', {}, 'Running…'));
          audit.run().then(
            ({ rows, ran: auditRan }) => {
              output.replaceChildren(
                el(
                  'p',
                  { class: 'count', 'data-count': rows.length },
                  `${rows.length} found by ${audit.operation}.`,
                ),
                dataTable(audit.title, audit.headers, rows),
                operationPanel(auditRan),
              );
            },
            (error: unknown) => output.replaceChildren(errorBox(error)),
          );
        },
      },
      `Run ${audit.operation}`,
    ),
    output,
  );
}

const ACCESS = ['OPEN', 'CLOSED', 'ON_APPROVAL', 'UNKNOWN'];

function aggregateFigures(data: ExplorerAggregatesQuery): HTMLElement[] {
  const types = [
    ['LLM', data.llm],
    ['LVM', data.lvm],
    ['LMM', data.lmm],
    ['no type', data.untyped],
  ] as const;
  const countOf = (groups: { key: string | null; count: number }[], key: string) =>
    groups.find((g) => g.key === key)?.count ?? 0;
  const cells = types.flatMap(([type, c]) =>
    ACCESS.map((access) => ({ type, access, count: countOf(c.aggregate.groupBy, access) })),
  );
  const stacked = Plot.plot({
    ariaLabel: 'Stacked bar chart of models per type and access',
    width: 560,
    height: 200,
    marginLeft: 80,
    style: { fontSize: '13px', color: '#111827', background: '#ffffff' },
    x: { label: 'models', grid: true },
    y: { label: null, domain: types.map(([t]) => t) },
    color: { legend: true, domain: ACCESS, range: ['#047857', '#b91c1c', '#b45309', '#4b5563'] },
    marks: [
      Plot.barX(
        cells.filter((c) => c.count > 0),
        Plot.stackX({
          x: 'count',
          y: 'type',
          fill: 'access',
          ariaLabel: (c: (typeof cells)[number]) => `${c.type}, ${c.access}: ${c.count}`,
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
  const datasets = data.datasets.aggregate;
  return [
    chartFigure(
      'models-per-type-and-access',
      `Models per type and access (${types.reduce((s, [, c]) => s + c.aggregate.count, 0)} models)`,
      withRoles(stacked),
      dataTable(
        'Models per type and access, as a table',
        ['type', ...ACCESS, 'total'],
        types.map(([type, c]) => [
          type,
          ...ACCESS.map((a) => countOf(c.aggregate.groupBy, a)),
          c.aggregate.count,
        ]),
      ),
    ),
    chartFigure(
      'datasets-per-access',
      `Datasets per access (${datasets.count} datasets)`,
      barChart(
        datasets.groupBy.map((g) => ({
          name: g.key ?? 'none',
          value: g.count,
          display: String(g.count),
          bound: 'EXACT',
        })),
        'datasets',
        { ariaLabel: 'Bar chart of datasets per access' },
      ),
      dataTable(
        'Datasets per access, as a table',
        ['access', 'datasets'],
        datasets.groupBy.map((g) => [g.key ?? 'none', g.count]),
      ),
    ),
  ];
}

/** The six audits, each runnable, beside its where form; and the aggregates as charts and tables. */
export async function renderAudits(view: HTMLElement): Promise<void> {
  showView(view, 'Loading…');
  try {
    const [where, aggregates] = await Promise.all([
      runOperation('ExplorerAuditsWhere', {}),
      runOperation('ExplorerAggregates', {}),
    ]);
    showView(
      view,
      'Audits and aggregates',
      el(
        'p',
        {},
        'Each audit is a saved operation; the where filter beside it lists the same entities, and is the one to change.',
      ),
      operationPanel(where.ran),
      AUDITS.map((audit) => auditSection(audit, where.data)),
      el('h2', { id: 'aggregates' }, 'Aggregates'),
      aggregateFigures(aggregates.data),
      operationPanel(aggregates.ran),
    );
  } catch (error) {
    showView(view, 'Error', errorBox(error));
  }
}
