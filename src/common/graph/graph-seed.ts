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

/** Each relation of one record: targets in the record's order, a target named twice keeping its first place. */
function* targets(
  relation: EdgeRelation,
  fromId: string,
  toType: string,
  keys: (string | number)[],
): Generator<GraphEdge> {
  let position = 0;
  for (const key of new Set(keys))
    yield { relation, fromId, toId: toGlobalId(toType, key), position: ++position };
}

/** Every relation once, from its declaring side, record by record (a large graph is never held whole). */
function* edges(data: SurveyData): Generator<GraphEdge> {
  const id = toGlobalId;
  for (const t of data.tasks) yield* targets('Task.sector', id('Task', t.slug), 'Sector', [t.sector]);
  for (const mo of data.models) {
    yield* targets('Model.sectors', id('Model', mo.slug), 'Sector', mo.sectors);
    yield* targets('Model.trainedOn', id('Model', mo.slug), 'Dataset', mo.trainedOn);
  }
  for (const d of data.datasets)
    if (d.sector) yield* targets('Dataset.sector', id('Dataset', d.slug), 'Sector', [d.sector]);
  for (const r of data.results) {
    const from = id('Result', r.slug);
    yield* targets('Result.model', from, 'Model', [r.model]);
    yield* targets('Result.task', from, 'Task', [r.task]);
    if (r.dataset) yield* targets('Result.dataset', from, 'Dataset', [r.dataset]);
    yield* targets('Result.metric', from, 'Metric', [r.metric]);
  }
  const compared = new Set(data.comparisons.flatMap((c) => [c.baseline, c.challenger]));
  const results = new Map(data.results.filter((r) => compared.has(r.slug)).map((r) => [r.slug, r]));
  for (const c of data.comparisons) {
    const [b, ch] = [results.get(c.baseline)!, results.get(c.challenger)!];
    const from = id('Comparison', c.slug);
    yield* targets('Comparison.task', from, 'Task', [b.task]);
    yield* targets('Comparison.metric', from, 'Metric', [b.metric]);
    const dataset = b.dataset ?? ch.dataset;
    if (dataset) yield* targets('Comparison.dataset', from, 'Dataset', [dataset]);
    yield* targets('Comparison.baseline', from, 'Result', [c.baseline]);
    yield* targets('Comparison.challenger', from, 'Result', [c.challenger]);
  }
  for (const r of data.risks) {
    const from = id('Risk', r.slug);
    yield* targets('Risk.models', from, 'Model', r.models);
    yield* targets('Risk.datasets', from, 'Dataset', r.datasets);
    yield* targets('Risk.sectors', from, 'Sector', r.sectors);
    yield* targets(
      'Risk.mitigations',
      from,
      'Mitigation',
      r.mitigations.map((mi) => mi.slug),
    );
    for (const mi of r.mitigations)
      yield* targets('Mitigation.citations', id('Mitigation', mi.slug), 'Citation', mi.citations);
  }
  // the citation lists of the curated files, as the literature subgraph's `supports` reads them; a
  // reference's targets in the order the files list them
  const positions = new Map<number, number>();
  for (const [type, rows] of [
    ['Model', data.models],
    ['Dataset', data.datasets],
    ['Task', data.tasks],
    ['Result', data.results],
    ['Risk', data.risks],
  ] as const)
    for (const r of rows as { slug: string; citations: number[] }[])
      for (const n of new Set(r.citations)) {
        const position = (positions.get(n) ?? 0) + 1;
        positions.set(n, position);
        yield { relation: 'Citation.supports', fromId: id('Citation', n), toId: id(type, r.slug), position };
      }
}

const EDGE_CHUNK = 10_000;

async function insertEdges(m: EntityManager, data: SurveyData): Promise<void> {
  let chunk: GraphEdge[] = [];
  for (const e of edges(data)) {
    chunk.push(e);
    if (chunk.length === EDGE_CHUNK) {
      await insertChunked(m, GraphEdge, chunk);
      chunk = [];
    }
  }
  await insertChunked(m, GraphEdge, chunk);
}

/** Writes the graph projection from validated data, inside the caller's transaction (every store). */
export async function seedGraph(m: EntityManager, data: SurveyData): Promise<void> {
  await insertNodes(m, data);
  await insertEdges(m, data);
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
