import { DataSource } from 'typeorm';
import { byIdLoader, manyByLoader } from '../../shared/loader-utils';
import { MitigationCitation, RiskExample } from './entities/link.entities';
import { Mitigation } from './entities/mitigation.entity';
import { Risk } from './entities/risk.entity';
import { RiskFigure } from './entities/risk-figure.entity';

export const RISKS_ENTITIES = [Risk, Mitigation, RiskFigure, RiskExample, MitigationCitation];

/** One set per request. */
export function createRisksLoaders(ds: DataSource) {
  return {
    risk: byIdLoader(ds.getRepository(Risk)),
    examplesByRisk: manyByLoader(ds.getRepository(RiskExample), 'riskId'),
    examplesByEntity: manyByLoader(ds.getRepository(RiskExample), 'entityId'),
    mitigationsByRisk: manyByLoader(ds.getRepository(Mitigation), 'riskId'),
    figuresByRisk: manyByLoader(ds.getRepository(RiskFigure), 'riskId'),
    citationsByMitigation: manyByLoader(ds.getRepository(MitigationCitation), 'mitigationId'),
  };
}

export type RisksLoaders = ReturnType<typeof createRisksLoaders>;

export interface RisksContext {
  loaders: RisksLoaders;
  dataSource: DataSource;
}
