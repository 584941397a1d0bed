import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ChangeOp } from '../../../common/curation/change.entity';
import type { WriteInput } from '../../../common/curation/curation.types';
import type { UserErrorValue } from '../../../common/curation/propose';
import { idKey, recordIn, submitWrite } from '../../../common/curation/write-record';
import { sourceRecord } from '../../../common/curation/record-input';
import { badInput } from '../../../common/errors';
import { listSize } from '../../../common/federation';
import { fromGlobalId, toGlobalId } from '../../../common/global-id';
import { MAX_STATEMENTS, StatementRecord } from '../../../data/schema';
import { Dataset } from '../entities/dataset.entity';
import { DisputedFact } from '../entities/disputed-fact.type';
import { Model } from '../entities/model.entity';
import { Statement } from '../entities/statement.entity';
import { AddStatementInput, PreferStatementInput, StatementWritePayload } from '../entities/statement-inputs';
import { CatalogContext } from '../loaders';

const KINDS = { Model: 'models', Dataset: 'datasets' } as const;
type Stated = Record<string, unknown> & { slug: string; source: object; statements?: StatementRecord[] };

const statementsOf = async (ctx: CatalogContext, id: string) =>
  [...(await ctx.loaders.statementsByEntity.load(id))].sort((a, b) => a.position - b.position);

/**
 * A record with one more statement, or another statement preferred: the change a statement write makes.
 * The first statement on a field brings the record's own value and source in as a statement too, so the
 * value the entity held is kept, with where it came from, whichever is preferred.
 */
function restated(
  record: Stated,
  add: StatementRecord | null,
  prefer: { field: string; index: number } | null,
): Stated {
  const statements = [...(record.statements ?? [])].map((s) => ({ ...s }));
  const next: Stated = { ...record };
  if (add) {
    if (add.field !== undefined && add.field in record && !statements.some((s) => s.field === add.field))
      statements.push({
        field: add.field,
        value: record[add.field],
        source: record.source,
        preferred: !add.preferred,
      });
    statements.push(add);
    if (add.preferred) prefer = { field: add.field!, index: statements.length - 1 };
  }
  if (prefer) {
    statements.forEach((s, i) => {
      if (s.field === prefer.field) s.preferred = i === prefer.index;
    });
    if (statements[prefer.index]?.field === prefer.field) next[prefer.field] = statements[prefer.index].value;
  }
  next.statements = statements;
  return next;
}

/** What sources say of models and datasets, where they disagree, and the writes that record it. */
@Resolver(() => Statement)
export class StatementsResolver {
  @Directive('@listSize(assumedSize: 100, slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @Query(() => [DisputedFact], {
    description: 'facts of models and datasets on which their sources disagree (an audit), in entity order',
  })
  async disputedFacts(
    @Ctx() ctx: CatalogContext,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ): Promise<DisputedFact[]> {
    if (first < 0 || first > 500) throw badInput('first must be between 0 and 500', { argument: 'first' });
    const rows = await ctx.dataSource.query<{ entityId: string; field: string }[]>(
      `SELECT s."entityId" AS "entityId", s.field AS field FROM statements s WHERE s.field IS NOT NULL
       GROUP BY s."entityId", s.field HAVING COUNT(DISTINCT s."valueJson") > 1
       ORDER BY s."entityId", s.field LIMIT ${Number(first)}`,
    );
    return Promise.all(
      rows.map(async ({ entityId, field }) => {
        const decoded = fromGlobalId(entityId)!;
        const on = (await statementsOf(ctx, entityId)).filter((s) => s.field === field);
        return {
          entityId,
          entityType: decoded.type,
          slug: decoded.key,
          field,
          statements: [...on.filter((s) => s.preferred), ...on.filter((s) => !s.preferred)],
        };
      }),
    );
  }

  @Mutation(() => StatementWritePayload, {
    description:
      'proposes recording what a source says of a model or dataset, or of one of its fields (curator)',
  })
  addStatement(
    @Arg('input') input: AddStatementInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<StatementWritePayload> {
    const errors: UserErrorValue[] = [];
    const source = sourceRecord(input.source, errors) as StatementRecord['source'] | null;
    const add: StatementRecord = { source: source! };
    if (input.field != null)
      Object.assign(add, {
        field: input.field,
        value: input.value ?? null,
        preferred: input.preferred ?? false,
      });
    if (input.reason) add.reason = input.reason;
    return this.write(ctx, input, errors, (record) => restated(record, add, null));
  }

  @Mutation(() => StatementWritePayload, {
    description: 'proposes preferring another statement on a field (curator)',
  })
  preferStatement(
    @Arg('input') input: PreferStatementInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<StatementWritePayload> {
    return this.write(ctx, input, [], (record) => {
      const next = restated(record, null, { field: input.field, index: input.statement });
      if (input.reason)
        next.statements![input.statement] = { ...next.statements![input.statement], reason: input.reason };
      return next;
    });
  }

  /** A statement write: an update of the record, through the write path every type's writes take. */
  private async write(
    ctx: CatalogContext,
    input: WriteInput & { entity: string; version: number },
    errors: UserErrorValue[],
    change: (record: Stated) => Stated,
  ): Promise<StatementWritePayload> {
    const type = fromGlobalId(input.entity)?.type;
    const result = await submitWrite(ctx, input, (graph, planErrors) => {
      planErrors.push(...errors);
      if (type !== 'Model' && type !== 'Dataset') {
        planErrors.push({
          field: ['input', 'entity'],
          message: 'not the id of a Model or Dataset',
          code: 'INVALID',
        });
        return null;
      }
      const slug = idKey(input.entity, type, planErrors, ['input', 'entity'])!;
      const record = recordIn(graph, KINDS[type], slug) as Stated | null;
      if (!record) {
        planErrors.push({
          field: ['input', 'entity'],
          message: `there is no such ${type}`,
          code: 'NOT_FOUND',
        });
        return null;
      }
      return {
        write: {
          op: ChangeOp.UPDATE,
          entityType: type,
          slug,
          version: input.version,
          after: change(record),
          // data/'s checks name the statement's place in the record: the input names it by its own fields
          inputField: (field) => field.replace(/^statements\.\d+\./, ''),
        },
        entityId: toGlobalId(type, slug),
        title: `Restate ${type.toLowerCase()} ${slug}`,
      };
    });
    const { entityId: _entity, ...payload } = result;
    return payload as StatementWritePayload;
  }
}

@Resolver(() => Model)
export class ModelStatementsResolver {
  @Directive(listSize(MAX_STATEMENTS))
  @FieldResolver(() => [Statement], {
    description: 'what each source says of it; none where the paper alone does',
  })
  statements(@Root() model: Model, @Ctx() ctx: CatalogContext): Promise<Statement[]> {
    return statementsOf(ctx, model.id);
  }
}

@Resolver(() => Dataset)
export class DatasetStatementsResolver {
  @Directive(listSize(MAX_STATEMENTS))
  @FieldResolver(() => [Statement], {
    description: 'what each source says of it; none where the paper alone does',
  })
  statements(@Root() dataset: Dataset, @Ctx() ctx: CatalogContext): Promise<Statement[]> {
    return statementsOf(ctx, dataset.id);
  }
}
