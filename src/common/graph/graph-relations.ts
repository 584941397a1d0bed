// Every relation of the graph, whichever subgraph owns it: the `where` compiler, the aggregates and the
// traversal read them here, so that one relation means the same in every subgraph.

export const NODE_TYPES = [
  'Sector',
  'Task',
  'Model',
  'Dataset',
  'Metric',
  'Result',
  'Comparison',
  'Risk',
  'Mitigation',
  'Citation',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** A stored relation, named by the field that declares it, from the declaring type to its targets. */
export interface EdgeKind {
  from: NodeType;
  to: readonly NodeType[];
}

export const EDGE_KINDS = {
  'Task.sector': { from: 'Task', to: ['Sector'] },
  'Model.sectors': { from: 'Model', to: ['Sector'] },
  'Model.trainedOn': { from: 'Model', to: ['Dataset'] },
  'Dataset.sector': { from: 'Dataset', to: ['Sector'] },
  'Result.model': { from: 'Result', to: ['Model'] },
  'Result.task': { from: 'Result', to: ['Task'] },
  'Result.dataset': { from: 'Result', to: ['Dataset'] },
  'Result.metric': { from: 'Result', to: ['Metric'] },
  'Comparison.task': { from: 'Comparison', to: ['Task'] },
  'Comparison.metric': { from: 'Comparison', to: ['Metric'] },
  'Comparison.dataset': { from: 'Comparison', to: ['Dataset'] },
  'Comparison.baseline': { from: 'Comparison', to: ['Result'] },
  'Comparison.challenger': { from: 'Comparison', to: ['Result'] },
  'Risk.models': { from: 'Risk', to: ['Model'] },
  'Risk.datasets': { from: 'Risk', to: ['Dataset'] },
  'Risk.sectors': { from: 'Risk', to: ['Sector'] },
  'Risk.mitigations': { from: 'Risk', to: ['Mitigation'] },
  'Mitigation.citations': { from: 'Mitigation', to: ['Citation'] },
  'Citation.supports': { from: 'Citation', to: ['Model', 'Dataset', 'Task', 'Result', 'Risk'] },
} as const satisfies Record<string, EdgeKind>;
export type EdgeRelation = keyof typeof EDGE_KINDS;

/** A field of a type that reaches other entities: through which stored relation, which way, to what. */
export interface FieldRelation {
  relation: EdgeRelation;
  /** 'out' when the field's type declares the relation (from → to), 'in' when it is the inverse */
  direction: 'out' | 'in';
  target: NodeType;
}

const out = (relation: EdgeRelation, target: NodeType): FieldRelation => ({
  relation,
  direction: 'out',
  target,
});
const inverse = (relation: EdgeRelation, target: NodeType): FieldRelation => ({
  relation,
  direction: 'in',
  target,
});

/** The relations of each type by field name: the API's fields and the `where` inputs' alike. */
export const FIELD_RELATIONS: Record<NodeType, Record<string, FieldRelation>> = {
  Sector: {
    tasks: inverse('Task.sector', 'Task'),
    models: inverse('Model.sectors', 'Model'),
    datasets: inverse('Dataset.sector', 'Dataset'),
    risks: inverse('Risk.sectors', 'Risk'),
  },
  Task: {
    sector: out('Task.sector', 'Sector'),
    results: inverse('Result.task', 'Result'),
    comparisons: inverse('Comparison.task', 'Comparison'),
    citations: inverse('Citation.supports', 'Citation'),
  },
  Model: {
    sectors: out('Model.sectors', 'Sector'),
    trainedOn: out('Model.trainedOn', 'Dataset'),
    results: inverse('Result.model', 'Result'),
    citations: inverse('Citation.supports', 'Citation'),
    risks: inverse('Risk.models', 'Risk'),
  },
  Dataset: {
    sector: out('Dataset.sector', 'Sector'),
    usedToTrain: inverse('Model.trainedOn', 'Model'),
    evaluations: inverse('Result.dataset', 'Result'),
    citations: inverse('Citation.supports', 'Citation'),
    risks: inverse('Risk.datasets', 'Risk'),
  },
  Metric: {
    results: inverse('Result.metric', 'Result'),
  },
  Result: {
    model: out('Result.model', 'Model'),
    task: out('Result.task', 'Task'),
    dataset: out('Result.dataset', 'Dataset'),
    metric: out('Result.metric', 'Metric'),
    citations: inverse('Citation.supports', 'Citation'),
  },
  Comparison: {
    task: out('Comparison.task', 'Task'),
    metric: out('Comparison.metric', 'Metric'),
    dataset: out('Comparison.dataset', 'Dataset'),
    baseline: out('Comparison.baseline', 'Result'),
    challenger: out('Comparison.challenger', 'Result'),
  },
  Risk: {
    models: out('Risk.models', 'Model'),
    datasets: out('Risk.datasets', 'Dataset'),
    sectors: out('Risk.sectors', 'Sector'),
    mitigations: out('Risk.mitigations', 'Mitigation'),
    citations: inverse('Citation.supports', 'Citation'),
  },
  Mitigation: {
    risk: inverse('Risk.mitigations', 'Risk'),
    citations: out('Mitigation.citations', 'Citation'),
  },
  Citation: {
    supportsModels: out('Citation.supports', 'Model'),
    supportsDatasets: out('Citation.supports', 'Dataset'),
    supportsTasks: out('Citation.supports', 'Task'),
    supportsRisks: out('Citation.supports', 'Risk'),
    supportsResults: out('Citation.supports', 'Result'),
  },
};
