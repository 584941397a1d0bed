import { RecordShape } from '../../../common/curation/write-record';

// How the catalog's records are written: their keys in data/'s order (src/data/schema.ts), and which
// input fields hold ids (of which type) that become slugs.

export const TASK_SHAPE: RecordShape = {
  type: 'Task',
  kind: 'tasks',
  rules: { sector: { id: 'Sector' }, citations: 'list' },
};

export const METRIC_SHAPE: RecordShape = {
  type: 'Metric',
  kind: 'metrics',
  rules: { aliases: 'list' },
};

export const MODEL_SHAPE: RecordShape = {
  type: 'Model',
  kind: 'models',
  rules: { aliases: 'list', trainedOn: { ids: 'Dataset' }, sectors: { ids: 'Sector' }, citations: 'list' },
};

export const DATASET_SHAPE: RecordShape = {
  type: 'Dataset',
  kind: 'datasets',
  rules: { aliases: 'list', modalities: 'list', sector: { id: 'Sector' }, citations: 'list' },
};

export const RESULT_SHAPE: RecordShape = {
  type: 'Result',
  kind: 'results',
  rules: {
    model: { id: 'Model' },
    task: { id: 'Task' },
    dataset: { id: 'Dataset' },
    metric: { id: 'Metric' },
    citations: 'list',
  },
};

export const COMPARISON_SHAPE: RecordShape = {
  type: 'Comparison',
  kind: 'comparisons',
  rules: { baseline: { id: 'Result' }, challenger: { id: 'Result' } },
};
