import { FieldResolver, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../../common/global-id';
import { EntityStubClass } from '../../../common/entity-stub';
import { KEY_ONLY_STUBS } from '../entities/stubs';

// `slug` of the key-only stubs: an entity's id is base64 of `Type:slug`, so no store is read.
function slugResolver(stub: EntityStubClass) {
  @Resolver(() => stub)
  class NodeSlugResolver {
    @FieldResolver(() => String)
    slug(@Root() ref: { id: string }): string {
      const decoded = fromGlobalId(ref.id);
      if (!decoded) throw new Error(`not a global id: ${ref.id}`);
      return String(decoded.key);
    }
  }
  return NodeSlugResolver;
}

export const NODE_SLUG_RESOLVERS = Object.values(KEY_ONLY_STUBS).map(slugResolver);
