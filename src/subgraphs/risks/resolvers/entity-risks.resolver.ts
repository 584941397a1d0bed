import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EntityStub, EntityStubClass } from '../../../common/entity-stub';
import { Risk } from '../entities/risk.entity';
import { DatasetStub, ModelStub, SectorStub } from '../entities/stubs';
import { RisksContext } from '../loaders';

// `risks` on Model, Dataset and Sector; a factory, since only the type differs.
function entityRisksResolver(stub: EntityStubClass) {
  @Resolver(() => stub)
  class EntityRisksResolver {
    @FieldResolver(() => [Risk], { description: 'risks the paper names this as an example of' })
    risks(@Root() entity: EntityStub, @Ctx() ctx: RisksContext): Promise<Risk[]> {
      return ctx.loaders.risksByEntity.load(entity.id);
    }
  }
  return EntityRisksResolver;
}

export const ENTITY_RISKS_RESOLVERS = [ModelStub, DatasetStub, SectorStub].map(entityRisksResolver);
