import { EntityManager } from 'typeorm';
import type { SurveyData } from '../../data/schema';
import { toGlobalId } from '../global-id';
import { insertChunked } from '../insert';
import { improvement, relativeImprovement } from './comparison-math';
import { GraphEdge, GraphNode, GraphValue } from './graph.entities';
import { EdgeRelation } from './graph-relations';

type NodeFields = Partial<Omit<GraphNode, 'id' | 'type' | 'position'>>;

const EMPTY: Omit<GraphNode, 'id' | 'type' | 'position'> = {
  slug: null,
  name: null,
  section: null,
  access: null,
  modelType: null,
  quantityValue: null,
  quantityBound: null,
  number: null,
  label: null,
  higherIsBetter: null,
  value: null,
  valueBound: null,
  setting: null,
  improvement: null,
  relativeImprovement: null,
};

/** The projection's nodes, kind by kind, in paper order within each kind. */
async function insertNodes(m: EntityManager, data: SurveyData): Promise<void> {
  const insert = <S>(type: string, rows: S[], fields: (r: S) => NodeFields & { key: string | number }) =>
    insertChunked(m, GraphNode, rows, (r, i) => {
      const { key, ...rest } = fields(r);
      return { ...EMPTY, ...rest, id: toGlobalId(type, key), type, position: i + 1 };
    });
  const named = (r: { slug: string; name: string }) => ({ key: r.slug, slug: r.slug, name: r.name });
  await insert('Sector', data.sectors, (s) => ({ ...named(s), section: s.section }));
  await insert('Task', data.tasks, named);
  await insert('Metric', data.metrics, (x) => ({ ...named(x), higherIsBetter: x.higherIsBetter ? 1 : 0 }));
  await insert('Dataset', data.datasets, (d) => ({
    ...named(d),
    access: d.access,
    quantityValue: d.size.value,
    quantityBound: d.size.bound,
  }));
  await insert('Model', data.models, (mo) => ({
    ...named(mo),
    access: mo.access,
    modelType: mo.type,
    quantityValue: mo.parameters.value,
    quantityBound: mo.parameters.bound,
  }));
  await insert('Result', data.results, (r) => ({
    key: r.slug,
    slug: r.slug,
    value: r.value,
    valueBound: r.bound,
    setting: r.setting,
  }));
  const compared = new Set(data.comparisons.flatMap((c) => [c.baseline, c.challenger]));
  const results = new Map(data.results.filter((r) => compared.has(r.slug)).map((r) => [r.slug, r]));
  const higher = new Map(data.metrics.map((x) => [x.slug, x.higherIsBetter]));
  await insert('Comparison', data.comparisons, (c) => {
    const [b, ch] = [results.get(c.baseline)!, results.get(c.challenger)!];
    const up = higher.get(b.metric)!;
    return {
      key: c.slug,
      slug: c.slug,
      improvement: improvement(b.value, ch.value, up),
      relativeImprovement: relativeImprovement(b.value, ch.value, up),
    };
  });
  await insert('Risk', data.risks, named);
  await insert(
    'Mitigation',
    data.risks.flatMap((r) => r.mitigations),
    named,
  );
  await insert('Citation', data.citations, (c) => ({ key: c.number, number: c.number, label: c.label }));
}

type Edge = Omit<GraphEdge, 'position'>;

/** Every relation once, from its declaring side; a target named twice keeps its first place. */
function* edges(data: SurveyData): Generator<Edge> {
  const id = toGlobalId;
  const edge = (
    relation: EdgeRelation,
    fromType: string,
    from: string | number,
    toType: string,
    to: string | number,
  ) => ({
    relation,
    fromId: id(fromType, from),
    toId: id(toType, to),
  });
  for (const t of data.tasks) yield edge('Task.sector', 'Task', t.slug, 'Sector', t.sector);
  for (const mo of data.models) {
    for (const s of mo.sectors) yield edge('Model.sectors', 'Model', mo.slug, 'Sector', s);
    for (const d of mo.trainedOn) yield edge('Model.trainedOn', 'Model', mo.slug, 'Dataset', d);
  }
  for (const d of data.datasets)
    if (d.sector) yield edge('Dataset.sector', 'Dataset', d.slug, 'Sector', d.sector);
  for (const r of data.results) {
    yield edge('Result.model', 'Result', r.slug, 'Model', r.model);
    yield edge('Result.task', 'Result', r.slug, 'Task', r.task);
    if (r.dataset) yield edge('Result.dataset', 'Result', r.slug, 'Dataset', r.dataset);
    yield edge('Result.metric', 'Result', r.slug, 'Metric', r.metric);
  }
  const results = new Map(data.results.map((r) => [r.slug, r]));
  for (const c of data.comparisons) {
    const [b, ch] = [results.get(c.baseline)!, results.get(c.challenger)!];
    yield edge('Comparison.task', 'Comparison', c.slug, 'Task', b.task);
    yield edge('Comparison.metric', 'Comparison', c.slug, 'Metric', b.metric);
    const dataset = b.dataset ?? ch.dataset;
    if (dataset) yield edge('Comparison.dataset', 'Comparison', c.slug, 'Dataset', dataset);
    yield edge('Comparison.baseline', 'Comparison', c.slug, 'Result', c.baseline);
    yield edge('Comparison.challenger', 'Comparison', c.slug, 'Result', c.challenger);
  }
  for (const r of data.risks) {
    for (const x of r.models) yield edge('Risk.models', 'Risk', r.slug, 'Model', x);
    for (const x of r.datasets) yield edge('Risk.datasets', 'Risk', r.slug, 'Dataset', x);
    for (const x of r.sectors) yield edge('Risk.sectors', 'Risk', r.slug, 'Sector', x);
    for (const mi of r.mitigations) {
      yield edge('Risk.mitigations', 'Risk', r.slug, 'Mitigation', mi.slug);
      for (const n of mi.citations) yield edge('Mitigation.citations', 'Mitigation', mi.slug, 'Citation', n);
    }
  }
  // the citation lists of the curated files, as the literature subgraph's `supports` reads them
  const cited = (type: string, rows: { slug: string; citations: number[] }[]) =>
    rows.flatMap((r) => r.citations.map((n) => edge('Citation.supports', 'Citation', n, type, r.slug)));
  yield* cited('Model', data.models);
  yield* cited('Dataset', data.datasets);
  yield* cited('Task', data.tasks);
  yield* cited('Result', data.results);
  yield* cited('Risk', data.risks);
}

function uniqueEdges(data: SurveyData): GraphEdge[] {
  const seen = new Set<string>();
  const positions = new Map<string, number>();
  const rows: GraphEdge[] = [];
  for (const e of edges(data)) {
    const key = `${e.relation}\0${e.fromId}\0${e.toId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const from = `${e.relation}\0${e.fromId}`;
    const position = (positions.get(from) ?? 0) + 1;
    positions.set(from, position);
    rows.push({ ...e, position });
  }
  return rows;
}

/** Writes the graph projection from validated data, inside the caller's transaction (every store). */
export async function seedGraph(m: EntityManager, data: SurveyData): Promise<void> {
  await insertNodes(m, data);
  await insertChunked(m, GraphEdge, uniqueEdges(data));
  const values = (field: string, type: string, key: string | number, texts: string[]) =>
    [...new Set(texts)].map((value) => ({ nodeId: toGlobalId(type, key), field, value }));
  await insertChunked(m, GraphValue, [
    ...data.datasets.flatMap((d) => values('modality', 'Dataset', d.slug, d.modalities)),
    ...data.citations.flatMap((c) =>
      values(
        'section',
        'Citation',
        c.number,
        c.mentions.map((mn) => mn.section),
      ),
    ),
  ]);
}

/** A subgraph's seed followed by the graph projection's, which every store holds. */
export function withGraphProjection(
  seed: (m: EntityManager, data: SurveyData) => Promise<void>,
): (m: EntityManager, data: SurveyData) => Promise<void> {
  return async (m, data) => {
    await seed(m, data);
    await seedGraph(m, data);
  };
}
