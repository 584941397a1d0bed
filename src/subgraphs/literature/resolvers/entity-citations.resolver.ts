import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Citation } from '../entities/citation.entity';
import { NODE_STUBS, NodeStubClass, SectorStub } from '../entities/stubs';
import { citationsByIds, LiteratureContext } from '../loaders';
import { sectionLabel } from '../../../common/section-label';
import { LITERATURE_LIST_SIZES as SIZES } from '../list-sizes';

// `citations` on every type a reference can support; a factory, since only the type and its list size differ.
function supportedCitationsResolver([type, stub]: [keyof typeof NODE_STUBS, NodeStubClass]) {
  @Resolver(() => stub)
  class EntityCitationsResolver {
    @Directive(SIZES.citations[type])
    @FieldResolver(() => [Citation], { description: 'the references the paper cites for this' })
    async citations(@Root() entity: { id: string }, @Ctx() ctx: LiteratureContext): Promise<Citation[]> {
      return ctx.loaders.citationsByEntity.load(entity.id);
    }
  }
  return EntityCitationsResolver;
}

export const ENTITY_CITATION_RESOLVERS = (
  Object.entries(NODE_STUBS) as [keyof typeof NODE_STUBS, NodeStubClass][]
).map(supportedCitationsResolver);

@Resolver(() => SectorStub)
export class SectorCitationsResolver {
  @Directive(SIZES.sectorCitations)
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
