import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EntityStub } from '../../../common/entity-stub';
import { toGlobalId } from '../../../common/global-id';
import { RiskWhere } from '../../../common/graph/where.inputs';
import { whereRestriction } from '../../../common/graph/where-compiler';
import { getManyEntities } from '../../../common/sqlite-reads';
import { Mitigation } from '../entities/mitigation.entity';
import { Risk } from '../entities/risk.entity';
import { RiskFigure } from '../entities/risk-figure.entity';
import { CitationRef, DatasetStub, ModelStub, SectorStub } from '../entities/stubs';
import { RisksContext } from '../loaders';
import { RISKS_LIST_SIZES as SIZES } from '../list-sizes';

async function examples(risk: Risk, type: string, ctx: RisksContext): Promise<EntityStub[]> {
  const rows = await ctx.loaders.examplesByRisk.load(risk.id);
  return rows.filter((e) => e.entityType === type).map((e) => ({ id: e.entityId }));
}

@Resolver(() => Risk)
export class RiskResolver {
  @Directive(SIZES.risks)
  @Query(() => [Risk], { description: 'the ten risks of Section IV, in paper order' })
  risks(
    @Arg('where', () => RiskWhere, { nullable: true }) where: RiskWhere | null,
    @Ctx() ctx: RisksContext,
  ): Promise<Risk[]> {
    const qb = ctx.dataSource.getRepository(Risk).createQueryBuilder('r').orderBy('r.position', 'ASC');
    // one statement: the where compiles to a subquery over this store's graph projection
    const restriction = whereRestriction('Risk', where, 'r.id');
    if (restriction) qb.andWhere(restriction.sql, restriction.params);
    return getManyEntities(qb, restriction !== null);
  }

  @Query(() => Risk, { nullable: true })
  risk(@Arg('slug') slug: string, @Ctx() ctx: RisksContext): Promise<Risk | null> {
    return ctx.dataSource.getRepository(Risk).findOneBy({ slug });
  }

  @Directive(SIZES.riskModels)
  @FieldResolver(() => [ModelStub], { description: 'models the paper names as examples of this risk' })
  models(@Root() risk: Risk, @Ctx() ctx: RisksContext) {
    return examples(risk, 'Model', ctx);
  }

  @Directive(SIZES.riskDatasets)
  @FieldResolver(() => [DatasetStub])
  datasets(@Root() risk: Risk, @Ctx() ctx: RisksContext) {
    return examples(risk, 'Dataset', ctx);
  }

  @Directive(SIZES.riskSectors)
  @FieldResolver(() => [SectorStub])
  sectors(@Root() risk: Risk, @Ctx() ctx: RisksContext) {
    return examples(risk, 'Sector', ctx);
  }

  @Directive(SIZES.riskMitigations)
  @FieldResolver(() => [Mitigation])
  mitigations(@Root() risk: Risk, @Ctx() ctx: RisksContext) {
    return ctx.loaders.mitigationsByRisk.load(risk.id);
  }

  @Directive(SIZES.riskFigures)
  @FieldResolver(() => [RiskFigure], { description: 'the numbers the paper gives for this risk' })
  figures(@Root() risk: Risk, @Ctx() ctx: RisksContext) {
    return ctx.loaders.figuresByRisk.load(risk.id);
  }
}

@Resolver(() => Mitigation)
export class MitigationResolver {
  @FieldResolver(() => Risk, { description: 'the risk it mitigates' })
  async risk(@Root() mitigation: Mitigation, @Ctx() ctx: RisksContext): Promise<Risk> {
    const risk = await ctx.loaders.risk.load(mitigation.riskId);
    if (!risk) throw new Error(`mitigation ${mitigation.slug} points at a missing risk`);
    return risk;
  }

  @Directive(SIZES.mitigationCitations)
  @FieldResolver(() => [CitationRef])
  async citations(@Root() mitigation: Mitigation, @Ctx() ctx: RisksContext): Promise<EntityStub[]> {
    const rows = await ctx.loaders.citationsByMitigation.load(mitigation.id);
    return rows.map((r) => ({ id: toGlobalId('Citation', r.number) }));
  }
}
