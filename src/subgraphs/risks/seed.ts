import { EntityManager } from 'typeorm';
import type { SurveyData } from '../../data/schema';
import { insertChunked } from '../../common/insert';
import { toGlobalId } from '../../common/global-id';
import { sourceColumns } from '../../common/source.type';
import { MitigationCitation, RiskExample } from './entities/link.entities';
import { Mitigation } from './entities/mitigation.entity';
import { Risk } from './entities/risk.entity';
import { RiskFigure } from './entities/risk-figure.entity';

/** Writes the risks tables from validated data, inside the caller's transaction. */
export async function seedRisks(m: EntityManager, data: SurveyData): Promise<void> {
  const id = toGlobalId;
  const provenance = sourceColumns;
  await insertChunked(
    m,
    Risk,
    data.risks.map(
      (r, i) =>
        ({
          id: id('Risk', r.slug),
          slug: r.slug,
          position: i + 1,
          name: r.name,
          summary: r.summary,
          notes: r.notes ?? null,
          ...provenance(r.source),
        }) as Risk,
    ),
  );
  const mitigations = data.risks.flatMap((r) => r.mitigations.map((mi) => ({ risk: r, mi })));
  await insertChunked(
    m,
    Mitigation,
    mitigations.map(
      ({ risk, mi }, i) =>
        ({
          id: id('Mitigation', mi.slug),
          slug: mi.slug,
          position: i + 1,
          riskId: id('Risk', risk.slug),
          name: mi.name,
          description: mi.description,
          notes: null,
          ...provenance(mi.source),
        }) as Mitigation,
    ),
  );
  await insertChunked(
    m,
    MitigationCitation,
    mitigations.flatMap(({ mi }) =>
      [...new Set(mi.citations)].map((number, i) => ({
        mitigationId: id('Mitigation', mi.slug),
        number,
        position: i + 1,
      })),
    ),
  );
  await insertChunked(
    m,
    RiskFigure,
    data.risks.flatMap((r) =>
      r.figures.map(
        (f, i) =>
          ({
            riskId: id('Risk', r.slug),
            position: i + 1,
            label: f.label,
            value: f.value,
            unit: f.unit,
            display: f.display,
            // figures are the paper's numbers: their sources are places in it
            sourceLocation: f.source.location,
            sourceQuote: f.source.quote,
          }) as RiskFigure,
      ),
    ),
  );
  // a slug named twice in one risk would break the (riskId, entityId) key: keep its first mention
  const examples = data.risks.flatMap((r) =>
    Object.entries({ Model: r.models, Dataset: r.datasets, Sector: r.sectors }).flatMap(([type, slugs]) =>
      [...new Set(slugs)].map((slug) => ({
        riskId: id('Risk', r.slug),
        entityType: type,
        entityId: id(type, slug),
      })),
    ),
  );
  await insertChunked(
    m,
    RiskExample,
    examples.map((e, i) => ({ ...e, position: i + 1 })),
  );
}
