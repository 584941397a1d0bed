import DataLoader from 'dataloader';
import { StoreMeta } from '../../common/store-meta.entity';
import { DataSource, In } from 'typeorm';
import type { Curation } from '../../common/curation/curation';
import type { Identity } from '../../common/identity';
import { alignMany, BATCH_OPTIONS, byIdLoader, manyByLoader } from '../../common/loader-utils';
import { linkedEntities } from '../../common/sqlite-reads';
import { MitigationCitation, RiskExample } from './entities/link.entities';
import { Mitigation } from './entities/mitigation.entity';
import { Risk } from './entities/risk.entity';
import { RiskFigure } from './entities/risk-figure.entity';

export const RISKS_ENTITIES = [Risk, Mitigation, RiskFigure, RiskExample, MitigationCitation, StoreMeta];

/** One set per request. */
export function createRisksLoaders(ds: DataSource) {
  return {
    risk: byIdLoader(ds.getRepository(Risk)),
    mitigation: byIdLoader(ds.getRepository(Mitigation)),
    examplesByRisk: manyByLoader(ds.getRepository(RiskExample), 'riskId'),
    /** the risks naming each model, dataset or sector, in paper order: examples and risks in one statement */
    risksByEntity: new DataLoader<string, Risk[]>(async (entityIds) => {
      const linked = linkedEntities(
        ds.getRepository(Risk),
        { table: 'risk_examples', parentColumn: 'entityId', childColumn: 'riskId' },
        entityIds,
      );
      if (linked) return alignMany(entityIds, linked, (l) => l.key).map((list) => list.map((l) => l.entity));
      const rows = await ds.getRepository(RiskExample).find({
        where: { entityId: In([...entityIds]) },
        relations: { risk: true },
        order: { risk: { position: 'ASC' } },
      });
      return alignMany(entityIds, rows, (e) => e.entityId).map((examples) =>
        examples.flatMap((e) => (e.risk ? [e.risk] : [])),
      );
    }, BATCH_OPTIONS),
    mitigationsByRisk: manyByLoader(ds.getRepository(Mitigation), 'riskId'),
    figuresByRisk: manyByLoader(ds.getRepository(RiskFigure), 'riskId'),
    citationsByMitigation: manyByLoader(ds.getRepository(MitigationCitation), 'mitigationId'),
  };
}

export type RisksLoaders = ReturnType<typeof createRisksLoaders>;

export interface RisksContext {
  loaders: RisksLoaders;
  dataSource: DataSource;
  /** the caller, as the gateway vouches for it */
  identity?: Identity;
  /** the journal curators write to; null where the server takes no writes */
  curation?: Curation | null;
}
