import { EntityManager } from 'typeorm';
import type { SourceRecord, SurveyData } from '../../data/schema';
import { sourceColumns } from '../../common/source.type';
import { toGlobalId } from '../../common/global-id';
import { insertChunked } from '../../common/insert';
import { Comparison } from './entities/comparison.entity';
import { Dataset } from './entities/dataset.entity';
import { Access, Bound, ModelType } from './entities/enums';
import { DatasetModality, ModelSector, ModelTrainingData } from './entities/link.entities';
import { Metric } from './entities/metric.entity';
import { Model } from './entities/model.entity';
import { Result } from './entities/result.entity';
import { Sector } from './entities/sector.entity';
import { Task } from './entities/task.entity';
import { Statement } from './entities/statement.entity';

type Base = { slug: string; source: SourceRecord; notes?: string };

const base = (type: string, r: Base, index: number) => ({
  id: toGlobalId(type, r.slug),
  slug: r.slug,
  position: index + 1,
  ...sourceColumns(r.source),
  notes: r.notes ?? null,
});

/** Writes the catalog's tables from validated data, inside the caller's transaction. */
export async function seedCatalog(m: EntityManager, data: SurveyData): Promise<void> {
  const id = toGlobalId;
  // only the compared results: a synthetic graph has a million others
  const compared = new Set(data.comparisons.flatMap((c) => [c.baseline, c.challenger]));
  const results = new Map(data.results.filter((r) => compared.has(r.slug)).map((r) => [r.slug, r]));
  const modelPosition = new Map(data.models.map((mo, i) => [mo.slug, i + 1]));

  await insertChunked(
    m,
    Sector,
    data.sectors.map(
      (s, i) => ({ ...base('Sector', s, i), name: s.name, section: s.section, summary: s.summary }) as Sector,
    ),
  );
  await insertChunked(
    m,
    Task,
    data.tasks.map(
      (t, i) => ({ ...base('Task', t, i), name: t.name, sectorId: id('Sector', t.sector) }) as Task,
    ),
  );
  await insertChunked(
    m,
    Metric,
    data.metrics.map(
      (x, i) =>
        ({
          ...base('Metric', x, i),
          name: x.name,
          aliases: x.aliases,
          higherIsBetter: x.higherIsBetter,
          unit: x.unit,
        }) as Metric,
    ),
  );
  await insertChunked(
    m,
    Dataset,
    data.datasets.map(
      (d, i) =>
        ({
          ...base('Dataset', d, i),
          name: d.name,
          aliases: d.aliases,
          scale: d.scale,
          sizeValue: d.size.value,
          sizeDisplay: d.size.display,
          sizeBound: d.size.bound as Bound,
          modalities: d.modalities,
          purpose: d.purpose,
          access: d.access as Access,
          sectorId: d.sector ? id('Sector', d.sector) : null,
        }) as Dataset,
    ),
  );
  await insertChunked(
    m,
    DatasetModality,
    data.datasets.flatMap((d) =>
      [...new Set(d.modalities)].map((modality) => ({ datasetId: id('Dataset', d.slug), modality })),
    ),
  );
  await insertChunked(
    m,
    Model,
    data.models.map(
      (mo, i) =>
        ({
          ...base('Model', mo, i),
          name: mo.name,
          aliases: mo.aliases,
          type: mo.type as ModelType | null,
          parametersValue: mo.parameters.value,
          parametersDisplay: mo.parameters.display,
          parametersBound: mo.parameters.bound as Bound,
          access: mo.access as Access,
          trainingDataNote: mo.trainingDataNote,
        }) as Model,
    ),
  );
  // link rows carry the model's position so that a dataset's or sector's models page in paper order
  await insertChunked(
    m,
    ModelSector,
    data.models.flatMap((mo) =>
      [...new Set(mo.sectors)].map((s) => ({
        modelId: id('Model', mo.slug),
        sectorId: id('Sector', s),
        position: modelPosition.get(mo.slug)!,
      })),
    ),
  );
  await insertChunked(
    m,
    ModelTrainingData,
    data.models.flatMap((mo) =>
      [...new Set(mo.trainedOn)].map((d) => ({
        modelId: id('Model', mo.slug),
        datasetId: id('Dataset', d),
        position: modelPosition.get(mo.slug)!,
      })),
    ),
  );
  await insertChunked(
    m,
    Result,
    data.results,
    (r, i) =>
      ({
        ...base('Result', r, i),
        modelId: id('Model', r.model),
        taskId: id('Task', r.task),
        datasetId: r.dataset ? id('Dataset', r.dataset) : null,
        metricId: id('Metric', r.metric),
        value: r.value,
        display: r.display,
        bound: r.bound as Bound,
        setting: r.setting,
      }) as Result,
  );
  await insertChunked(
    m,
    Comparison,
    data.comparisons.map((c, i) => {
      const b = results.get(c.baseline)!;
      const ch = results.get(c.challenger)!;
      const dataset = b.dataset ?? ch.dataset;
      return {
        ...base('Comparison', c, i),
        baselineId: id('Result', c.baseline),
        challengerId: id('Result', c.challenger),
        taskId: id('Task', b.task),
        metricId: id('Metric', b.metric),
        datasetId: dataset ? id('Dataset', dataset) : null,
      } as Comparison;
    }),
  );
  await insertChunked(
    m,
    Statement,
    [
      ...data.models.map((r) => ['Model', r] as const),
      ...data.datasets.map((r) => ['Dataset', r] as const),
    ].flatMap(([type, r]) =>
      (r.statements ?? []).map(
        (st, i) =>
          ({
            entityId: id(type, r.slug),
            position: i + 1,
            field: st.field ?? null,
            valueJson: st.field === undefined ? null : JSON.stringify(st.value ?? null),
            preferred: st.preferred ?? false,
            reason: st.reason ?? null,
            ...sourceColumns(st.source),
          }) as Statement,
      ),
    ),
  );
}
