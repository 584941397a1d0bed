import { getManyEntities } from '../../../common/sqlite-reads';
import { Ctx, Directive, FieldResolver, ID, Resolver } from 'type-graphql';
import { AuditsStub } from '../entities/audits.stub';
import { Risk } from '../entities/risk.entity';
import { RisksContext } from '../loaders';
import { RISKS_LIST_SIZES as SIZES } from '../list-sizes';

@Resolver(() => AuditsStub)
export class RisksAuditsResolver {
  @Directive(SIZES.risksWithoutMitigation)
  @FieldResolver(() => [Risk], { description: 'risks without any mitigation' })
  risksWithoutMitigation(@Ctx() ctx: RisksContext): Promise<Risk[]> {
    const qb = ctx.dataSource
      .getRepository(Risk)
      .createQueryBuilder('r')
      .where('NOT EXISTS (SELECT 1 FROM mitigations m WHERE m."riskId" = r.id)')
      .orderBy('r.position', 'ASC');
    return getManyEntities(qb, true);
  }

  // Input of the literature subgraph's uncitedEntities (@requires): hidden from clients.
  @Directive('@inaccessible')
  @FieldResolver(() => [ID])
  async riskIds(@Ctx() ctx: RisksContext): Promise<string[]> {
    const rows = await ctx.dataSource
      .getRepository(Risk)
      .find({ select: { id: true }, order: { position: 'ASC' } });
    return rows.map((r) => r.id);
  }
}
