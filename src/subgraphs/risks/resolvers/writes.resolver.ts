import { Change } from '../../../common/curation/change.entity';
import { curatedWrites } from '../../../common/curation/curated-writes.resolver';
import { writeMitigation } from '../../../common/curation/nested-writes';
import { JOURNAL_REFS } from '../../../common/curation/catalog-refs.type';
import { sourceRecord } from '../../../common/curation/record-input';
import {
  entityHistory,
  entityVersion,
  RecordShape,
  writeRecord,
} from '../../../common/curation/write-record';
import type { UserErrorValue } from '../../../common/curation/propose';
import { Mitigation } from '../entities/mitigation.entity';
import { Risk } from '../entities/risk.entity';
import {
  CreateMitigationInput,
  CreateRiskInput,
  UpdateMitigationInput,
  UpdateRiskInput,
} from '../entities/write-inputs';
import { RisksContext } from '../loaders';

/** A risk's figures in data/'s shape, each source as data/ holds it. */
function figureRecords(fields: Record<string, unknown>, errors: UserErrorValue[]): void {
  if (!Array.isArray(fields.figures)) return;
  fields.figures = (fields.figures as Record<string, unknown>[]).map((f, i) => {
    const own: UserErrorValue[] = [];
    const source = sourceRecord(f.source as object, own);
    errors.push(...own.map((e) => ({ ...e, field: ['input', 'figures', String(i), 'source'] })));
    return { label: f.label, value: f.value ?? null, unit: f.unit ?? null, display: f.display, source };
  });
}

export const RISK_SHAPE: RecordShape = {
  type: 'Risk',
  kind: 'risks',
  rules: {
    models: { ids: 'Model' },
    datasets: { ids: 'Dataset' },
    sectors: { ids: 'Sector' },
    figures: 'list',
    mitigations: 'list',
    citations: 'list',
  },
  prepare: figureRecords,
};

/** A mitigation's part of its risk's history: the changes in which it differs. */
async function mitigationHistory(mitigation: Mitigation, ctx: RisksContext): Promise<Change[]> {
  const own = (json: string | null) =>
    JSON.stringify(
      ((json ? JSON.parse(json) : null) as { mitigations: { slug: string }[] } | null)?.mitigations.find(
        (m) => m.slug === mitigation.slug,
      ) ?? null,
    );
  const history = await entityHistory(ctx, mitigation.riskId);
  return history.filter((c) => own(c.beforeJson) !== own(c.afterJson));
}

/** version, history and create/update/retire of risks and of their mitigations. */
export const RISK_WRITE_RESOLVERS = [
  curatedWrites<RisksContext>({
    type: 'Risk',
    entity: Risk,
    journal: JOURNAL_REFS,
    createInput: CreateRiskInput,
    updateInput: UpdateRiskInput,
    write: (ctx, op, input) => writeRecord(ctx, RISK_SHAPE, op, input),
    load: (ctx, id) => ctx.loaders.risk.load(id),
  }),
  curatedWrites<RisksContext>({
    type: 'Mitigation',
    entity: Mitigation,
    journal: JOURNAL_REFS,
    createInput: CreateMitigationInput,
    updateInput: UpdateMitigationInput,
    write: (ctx, op, input) => writeMitigation(ctx, op, input),
    load: (ctx, id) => ctx.loaders.mitigation.load(id),
    // a mitigation is part of its risk's record: it has the risk's version
    version: (m, ctx) => entityVersion(ctx, (m as Mitigation).riskId),
    history: (m, ctx) => mitigationHistory(m as Mitigation, ctx),
  }),
];
