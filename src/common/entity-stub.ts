import { Directive, Field, ID, ObjectType } from 'type-graphql';

export interface EntityStub {
  id: string;
}

export type EntityStubClass = new () => EntityStub;

/**
 * A key-only class for an entity another subgraph owns. The subgraph adds its own fields to it with
 * field resolvers; one factory serves every such type, since they differ only in name.
 */
export function entityStub(
  name: string,
  options: { implements?: abstract new () => object; resolvable?: boolean } = {},
): EntityStubClass {
  @ObjectType(name, {
    simpleResolvers: true,
    ...(options.implements ? { implements: options.implements } : {}),
  })
  @Directive(options.resolvable === false ? '@key(fields: "id", resolvable: false)' : '@key(fields: "id")')
  class Stub implements EntityStub {
    @Field(() => ID)
    id: string;
  }
  return Stub;
}
