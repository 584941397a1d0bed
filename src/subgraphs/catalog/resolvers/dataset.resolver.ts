import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE } from '../../../common/federation';
import { SelectQueryBuilder } from 'typeorm';
import { ConnectionArgs } from '../../../common/paging';
import { toGlobalId } from '../../../common/global-id';
import { BY_POSITION, rootConnection } from '../../../common/root-connection';
import { containsPattern, LIKE_ESCAPE, nameOrAliasesMatch } from '../../../common/text-match';
import { DatasetConnection, ModelConnection, ResultConnection } from '../entities/connections';
import { Dataset } from '../entities/dataset.entity';
import { DatasetFilter } from '../entities/filters.input';
import { Sector } from '../entities/sector.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';
import { assertKnownSlugs } from '../known-slugs.loader';

function applyDatasetFilter(
  qb: SelectQueryBuilder<Dataset>,
  f: DatasetFilter | null | undefined,
): SelectQueryBuilder<Dataset> {
  if (!f) return qb;
  if (f.search)
    qb.andWhere(nameOrAliasesMatch(qb.connection, 'd'), {
      search: containsPattern(f.search, 'filter.search'),
    });
  if (f.access) qb.andWhere(f.access.length ? 'd.access IN (:...access)' : '1 = 0', { access: f.access });
  if (f.sector) qb.andWhere('d.sectorId = :sectorId', { sectorId: toGlobalId('Sector', f.sector) });
  if (f.modality) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM dataset_modalities dm WHERE dm."datasetId" = d.id AND LOWER(dm.modality) LIKE :modality ${LIKE_ESCAPE})`,
      {
        modality: containsPattern(f.modality, 'filter.modality'),
      },
    );
  }
  return qb;
}

@Resolver(() => Dataset)
export class DatasetResolver {
  @Directive(CONNECTION_SIZE)
  @Query(() => DatasetConnection)
  async datasets(
    @Arg('filter', () => DatasetFilter, { nullable: true }) filter: DatasetFilter | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    await assertKnownSlugs(ctx.dataSource, ctx.loaders.knownSlugs, [
      { argument: 'filter.sector', type: 'Sector', slug: filter?.sector },
    ]);
    const qb = applyDatasetFilter(ctx.dataSource.getRepository(Dataset).createQueryBuilder('d'), filter);
    return rootConnection('datasets', qb, args, BY_POSITION('d'), (d) => [d.position], DatasetConnection.of);
  }

  @Query(() => Dataset, { nullable: true })
  dataset(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Dataset | null> {
    return ctx.dataSource.getRepository(Dataset).findOneBy({ slug });
  }

  @FieldResolver(() => Sector, { nullable: true })
  sector(@Root() dataset: Dataset, @Ctx() ctx: CatalogContext) {
    return dataset.sectorId ? ctx.loaders.sector.load(dataset.sectorId) : null;
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ModelConnection, {
    description: 'models the paper says were (pre-)trained on this dataset',
  })
  usedToTrain(@Root() dataset: Dataset, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.datasetUsedToTrain,
      dataset.id,
      args,
      ctx.loaders.model,
      ModelConnection.of,
    );
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ResultConnection, { description: 'results measured on this dataset' })
  evaluations(@Root() dataset: Dataset, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.datasetEvaluations,
      dataset.id,
      args,
      ctx.loaders.result,
      ResultConnection.of,
    );
  }
}
