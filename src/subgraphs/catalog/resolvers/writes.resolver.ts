import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Change, ChangeOp } from '../../../common/curation/change.entity';
import { RetireInput } from '../../../common/curation/curation.types';
import { listSize } from '../../../common/federation';
import { Dataset } from '../entities/dataset.entity';

/** What the cost limit assumes of an entity's history: a fact is rarely changed more often. */
const HISTORY_SIZE = 20;
import { Model } from '../entities/model.entity';
import {
  CreateDatasetInput,
  CreateModelInput,
  DatasetWritePayload,
  ModelWritePayload,
  UpdateDatasetInput,
  UpdateModelInput,
} from '../entities/write-inputs';
import { CatalogContext } from '../loaders';
import {
  catalogWrite,
  DATASET_SHAPE,
  entityHistory,
  entityVersion,
  MODEL_SHAPE,
  WriteResult,
} from './catalog-writes';

async function withEntity<T>(
  result: WriteResult,
  load: (id: string) => Promise<T | null>,
): Promise<Omit<WriteResult, 'entityId'> & { entity: T | null }> {
  const { entityId, ...rest } = result;
  return { ...rest, entity: entityId ? await load(entityId) : null };
}

@Resolver(() => Model)
export class ModelWritesResolver {
  @FieldResolver(() => Int, {
    description: 'changes with each approved change; a write names the version it saw',
  })
  version(@Root() model: Model, @Ctx() ctx: CatalogContext): Promise<number> {
    return entityVersion(ctx, model.id);
  }

  @Directive(listSize(HISTORY_SIZE))
  @FieldResolver(() => [Change], { description: 'the approved changes of this model, oldest first' })
  history(@Root() model: Model, @Ctx() ctx: CatalogContext): Promise<Change[]> {
    return entityHistory(ctx, model.id);
  }

  private async answer(ctx: CatalogContext, op: ChangeOp, input: object): Promise<ModelWritePayload> {
    const { entity, ...rest } = await withEntity(await catalogWrite(ctx, MODEL_SHAPE, op, input), (id) =>
      ctx.loaders.model.load(id),
    );
    return { ...rest, model: entity } as ModelWritePayload;
  }

  @Mutation(() => ModelWritePayload, { description: 'proposes a new model (curator)' })
  createModel(@Arg('input') input: CreateModelInput, @Ctx() ctx: CatalogContext): Promise<ModelWritePayload> {
    return this.answer(ctx, ChangeOp.CREATE, input);
  }

  @Mutation(() => ModelWritePayload, { description: 'proposes a change of a model (curator)' })
  updateModel(@Arg('input') input: UpdateModelInput, @Ctx() ctx: CatalogContext): Promise<ModelWritePayload> {
    return this.answer(ctx, ChangeOp.UPDATE, input);
  }

  @Mutation(() => ModelWritePayload, { description: 'proposes retiring a model (curator)' })
  retireModel(@Arg('input') input: RetireInput, @Ctx() ctx: CatalogContext): Promise<ModelWritePayload> {
    return this.answer(ctx, ChangeOp.RETIRE, input);
  }
}

@Resolver(() => Dataset)
export class DatasetWritesResolver {
  @FieldResolver(() => Int, {
    description: 'changes with each approved change; a write names the version it saw',
  })
  version(@Root() dataset: Dataset, @Ctx() ctx: CatalogContext): Promise<number> {
    return entityVersion(ctx, dataset.id);
  }

  @Directive(listSize(HISTORY_SIZE))
  @FieldResolver(() => [Change], { description: 'the approved changes of this dataset, oldest first' })
  history(@Root() dataset: Dataset, @Ctx() ctx: CatalogContext): Promise<Change[]> {
    return entityHistory(ctx, dataset.id);
  }

  private async answer(ctx: CatalogContext, op: ChangeOp, input: object): Promise<DatasetWritePayload> {
    const { entity, ...rest } = await withEntity(await catalogWrite(ctx, DATASET_SHAPE, op, input), (id) =>
      ctx.loaders.dataset.load(id),
    );
    return { ...rest, dataset: entity } as DatasetWritePayload;
  }

  @Mutation(() => DatasetWritePayload, { description: 'proposes a new dataset (curator)' })
  createDataset(
    @Arg('input') input: CreateDatasetInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<DatasetWritePayload> {
    return this.answer(ctx, ChangeOp.CREATE, input);
  }

  @Mutation(() => DatasetWritePayload, { description: 'proposes a change of a dataset (curator)' })
  updateDataset(
    @Arg('input') input: UpdateDatasetInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<DatasetWritePayload> {
    return this.answer(ctx, ChangeOp.UPDATE, input);
  }

  @Mutation(() => DatasetWritePayload, { description: 'proposes retiring a dataset (curator)' })
  retireDataset(@Arg('input') input: RetireInput, @Ctx() ctx: CatalogContext): Promise<DatasetWritePayload> {
    return this.answer(ctx, ChangeOp.RETIRE, input);
  }
}
