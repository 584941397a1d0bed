import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Citation } from '../entities/citation.entity';
import { NODE_STUBS, NodeStubClass, SectorStub } from '../entities/stubs';
import { citationsByIds, LiteratureContext } from '../loaders';
import { sectionLabel } from '../../../common/section-label';

// `citations` on every type a reference can support; a factory, since only the type differs.
function supportedCitationsResolver(stub: NodeStubClass) {
  @Resolver(() => stub)
  class EntityCitationsResolver {
    @FieldResolver(() => [Citation], { description: 'the references the paper cites for this' })
    async citations(@Root() entity: { id: string }, @Ctx() ctx: LiteratureContext): Promise<Citation[]> {
      return ctx.loaders.citationsByEntity.load(entity.id);
    }
  }
  return EntityCitationsResolver;
}

export const ENTITY_CITATION_RESOLVERS = Object.values(NODE_STUBS).map(supportedCitationsResolver);

@Resolver(() => SectorStub)
export class SectorCitationsResolver {
  @FieldResolver(() => [Citation], {
    description: "the references cited in this sector's section of the paper",
  })
  async citations(@Root() sector: { id: string }, @Ctx() ctx: LiteratureContext): Promise<Citation[]> {
    // the section is in this subgraph's own index, so every way of reaching a sector answers alike
    const section = (await ctx.loaders.indexed.load(sector.id))?.section;
    if (!section) return [];
    return citationsByIds(ctx, await ctx.loaders.citationIdsBySection.load(sectionLabel(section)));
  }
}
