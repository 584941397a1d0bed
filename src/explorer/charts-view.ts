import * as Plot from '@observablehq/plot';
import type { ExplorerResultFragment, ExplorerTableOneQuery } from '../client/generated/graphql';
import { runOperation } from './api-client';
import { chartFigure, dataTable, el, errorBox, showView } from './dom-helpers';
import { operationPanel } from './operation-panel';

type TableOne = ExplorerTableOneQuery;
type Metric = TableOne['comparisons'][number]['metric'];

/** One bar: its name on the axis, its value, the number as the paper prints it, and its bound. */
interface Bar {
  name: string;
  value: number;
  display: string;
  bound: string;
}

const BOUND_NOTE = 'a lower bound: the true value is at least this';

/** The value axis' label: the metric, its unit, and which way is better. */
function metricAxis(metric: Metric): string {
  const unit = metric.unit ? ` (${metric.unit})` : '';
  return metric.higherIsBetter
    ? `${metric.name}${unit} → higher is better`
    : `← lower is better: ${metric.name}${unit}`;
}

/**
 * Plot labels its marks' groups and shapes with aria-label, which ARIA allows only on elements with a
 * role: groups become groups, labelled shapes images, so screen readers read each bar's value.
 */
export function withRoles(chart: Element): Element {
  for (const node of chart.querySelectorAll('[aria-label]:not([role])')) {
    if (node === chart) continue;
    node.setAttribute('role', node.tagName.toLowerCase() === 'g' ? 'group' : 'img');
  }
  chart.setAttribute('role', 'figure');
  return chart;
}

/**
 * Horizontal bars, one per entry in order, labelled with the printed number; a bound (">636M",
 * "over 86%") is drawn lighter, with an arrow past its end saying the value is at least that.
 */
export function barChart(bars: Bar[], axis: string, options: { log?: boolean; ariaLabel: string }): Element {
  const max = Math.max(...bars.map((b) => b.value));
  const bounds = bars.filter((b) => b.bound === 'AT_LEAST');
  const chart = Plot.plot({
    ariaLabel: options.ariaLabel,
    width: 560,
    height: 60 + bars.length * 34,
    marginBottom: 44,
    marginLeft: 210,
    marginRight: 90,
    style: { fontSize: '13px', color: '#111827', background: '#ffffff' },
    x: {
      label: axis,
      labelOffset: 38,
      type: options.log ? 'log' : 'linear',
      grid: true,
      domain: options.log ? undefined : [0, max * 1.15 || 1],
    },
    y: { label: null, domain: bars.map((b) => b.name) },
    marks: [
      Plot.barX(bars, {
        x1: options.log ? Math.min(...bars.map((b) => b.value)) / 2 : 0,
        x2: 'value',
        y: 'name',
        fill: (b: Bar) => (b.bound === 'AT_LEAST' ? '#93c5fd' : '#1d4ed8'),
        ariaLabel: (b: Bar) => `${b.name}: ${b.display}${b.bound === 'AT_LEAST' ? ` (${BOUND_NOTE})` : ''}`,
      }),
      Plot.arrow(bounds, {
        x1: 'value',
        x2: (b: Bar) => (options.log ? b.value * 1.6 : b.value + max * 0.08),
        y: 'name',
        stroke: '#1e3a8a',
        strokeWidth: 2,
        ariaHidden: 'true',
      }),
      Plot.text(bars, {
        x: 'value',
        y: 'name',
        text: (b: Bar) => (b.bound === 'AT_LEAST' ? `${b.display} (at least)` : b.display),
        dx: 6,
        textAnchor: 'start',
        fill: '#111827',
        ariaHidden: 'true',
      }),
      Plot.ruleX([options.log ? Math.min(...bars.map((b) => b.value)) / 2 : 0]),
    ],
  });
  return withRoles(chart);
}

const barOf = (name: string, r: ExplorerResultFragment): Bar => ({
  name,
  value: r.value,
  display: r.display,
  bound: r.bound,
});
const boundText = (bound: string) => (bound === 'AT_LEAST' ? 'at least (lower bound)' : 'exact');

function comparisonFigure(c: TableOne['comparisons'][number]): HTMLElement {
  const bars = [
    barOf(`Prior art: ${c.baseline.model.name}`, c.baseline),
    barOf(`Large AI model: ${c.challenger.model.name}`, c.challenger),
  ];
  const where = `${c.metric.name}${c.dataset ? ` on ${c.dataset.name}` : ''}`;
  return chartFigure(
    c.slug,
    `${where}: prior art against the large AI model (${c.metric.higherIsBetter ? 'higher' : 'lower'} is better)`,
    barChart(bars, metricAxis(c.metric), { ariaLabel: `Bar chart: ${where}` }),
    dataTable(
      `${where}, as a table`,
      ['', 'model', 'value', 'bound'],
      [
        ['Prior art', c.baseline.model.name, c.baseline.display, boundText(c.baseline.bound)],
        ['Large AI model', c.challenger.model.name, c.challenger.display, boundText(c.challenger.bound)],
      ],
    ),
  );
}

function leaderboardFigure(board: TableOne['leaderboards'][number], index: number): HTMLElement {
  const where = `${board.metric.name}${board.dataset ? ` on ${board.dataset.name}` : ''}`;
  const bars = board.entries.map((e) =>
    barOf(`#${e.rank} ${e.result.model.name}${e.result.setting ? ` (${e.result.setting})` : ''}`, e.result),
  );
  return chartFigure(
    `leaderboard-${board.task.slug}-${index}`,
    `Leaderboard, ${where}: best first`,
    barChart(bars, metricAxis(board.metric), { ariaLabel: `Ranked bar chart: leaderboard of ${where}` }),
    dataTable(
      `Leaderboard of ${where}, as a table`,
      ['rank', 'model', 'value', 'bound'],
      board.entries.map((e) => [e.rank, e.result.model.name, e.result.display, boundText(e.result.bound)]),
    ),
  );
}

/** Model sizes on a log scale; the models whose size the paper does not report are listed apart. */
function sizesFigure(models: TableOne['models']['nodes']): HTMLElement {
  const sized = models.filter((m) => m.parameters.value !== null);
  const unreported = models.filter((m) => m.parameters.value === null);
  const bars = sized.map((m) => ({
    name: m.name,
    value: m.parameters.value!,
    display: m.parameters.display,
    bound: m.parameters.bound,
  }));
  return el(
    'div',
    { class: 'sizes' },
    chartFigure(
      'model-sizes',
      `Model sizes: ${sized.length} models with a reported parameter count (log scale)`,
      barChart(bars, 'parameters (log scale)', {
        log: true,
        ariaLabel: 'Bar chart of model sizes, log scale',
      }),
      dataTable(
        'Model sizes, as a table',
        ['model', 'type', 'parameters', 'bound'],
        sized.map((m) => [m.name, m.type ?? '—', m.parameters.display, boundText(m.parameters.bound)]),
      ),
    ),
    el(
      'section',
      { class: 'not-reported', 'aria-labelledby': 'not-reported' },
      el('h3', { id: 'not-reported' }, `Size not reported (N/R or not given): ${unreported.length} models`),
      el(
        'ul',
        { class: 'inline-list' },
        ...unreported.map((m) => el('li', {}, `${m.name} (${m.parameters.display || 'no size given'})`)),
      ),
    ),
  );
}

let cached: Promise<Awaited<ReturnType<typeof runOperation<'ExplorerTableOne'>>>> | null = null;

/** Table I as charts: a list of tasks, then per task its comparisons and leaderboards; and the model sizes. */
export async function renderCharts(view: HTMLElement, task: string | null): Promise<void> {
  showView(view, 'Loading…');
  try {
    // Table I does not change while the page is open: one request serves every task
    cached ??= runOperation('ExplorerTableOne', {});
    const { data, ran } = await cached;
    const tasks = [...new Map(data.leaderboards.map((b) => [b.task.slug, b.task.name])).entries()];
    const nav = el(
      'nav',
      { class: 'task-nav', 'aria-label': 'Tasks of Table I' },
      el(
        'ul',
        {},
        ...tasks.map(([slug, name]) =>
          el(
            'li',
            {},
            el('a', { href: `#/charts/${slug}`, 'aria-current': slug === task ? 'page' : null }, name),
          ),
        ),
        el('li', {}, el('a', { href: '#/charts', 'aria-current': task ? null : 'page' }, 'Model sizes')),
      ),
    );
    if (!task) {
      showView(view, 'Table I as charts', nav, sizesFigure(data.models.nodes), operationPanel(ran));
      return;
    }
    const name = tasks.find(([slug]) => slug === task)?.[1] ?? task;
    const comparisons = data.comparisons.filter((c) => c.task.slug === task);
    const boards = data.leaderboards.filter((b) => b.task.slug === task);
    showView(
      view,
      `Table I: ${name}`,
      nav,
      el('h2', {}, `Prior art against the large AI model (${comparisons.length})`),
      comparisons.length
        ? comparisons.map(comparisonFigure)
        : el('p', {}, 'Table I pairs no prior art with a large model on this task.'),
      el('h2', {}, `Leaderboards (${boards.length})`),
      boards.map(leaderboardFigure),
      operationPanel(ran),
    );
  } catch (error) {
    cached = null;
    showView(view, 'Error', errorBox(error));
  }
}
