import { Field, ID, InterfaceType } from 'type-graphql';

/** The GraphQL type of a Node value: a stub's __typename, else the entity's class name. */
export const nodeTypeName = (value: {
  __typename?: string;
  constructor?: { name: string };
}): string | undefined => value.__typename ?? value.constructor?.name;

/** Every entity of the graph; Query.node resolves any of them whichever subgraph owns it. */
@InterfaceType({ resolveType: nodeTypeName })
export abstract class Node {
  @Field(() => ID)
  id: string;
}

/** A reference to an entity another subgraph owns: the gateway fetches its fields from the owner. */
export interface NodeRef {
  __typename: string;
  id: string;
}
