import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { EntityStub, EntityStubClass } from '../../../common/entity-stub';
import { Risk } from '../entities/risk.entity';
import { DatasetStub, ModelStub, SectorStub } from '../entities/stubs';
import { RisksContext } from '../loaders';
import { RISKS_LIST_SIZES as SIZES } from '../list-sizes';

// `risks` on Model, Dataset and Sector; a factory, since only the type and its list size differ.
function entityRisksResolver([stub, size]: [EntityStubClass, string]) {
  @Resolver(() => stub)
  class EntityRisksResolver {
    @Directive(size)
    @FieldResolver(() => [Risk], { description: 'risks the paper names this as an example of' })
    risks(@Root() entity: EntityStub, @Ctx() ctx: RisksContext): Promise<Risk[]> {
      return ctx.loaders.risksByEntity.load(entity.id);
    }
  }
  return EntityRisksResolver;
}

export const ENTITY_RISKS_RESOLVERS = (
  [
    [ModelStub, SIZES.modelRisks],
    [DatasetStub, SIZES.datasetRisks],
    [SectorStub, SIZES.sectorRisks],
  ] as [EntityStubClass, string][]
).map(entityRisksResolver);
