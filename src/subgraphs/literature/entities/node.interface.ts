import { Field, ID, InterfaceType } from 'type-graphql';

/** Every entity of the graph; Query.node resolves any of them whichever subgraph owns it. */
@InterfaceType({ resolveType: (value: { __typename?: string; constructor?: { name: string } }) => value.__typename ?? value.constructor?.name })
export abstract class Node {
  @Field(() => ID)
  id: string;
}

/** A reference to an entity another subgraph owns: the gateway fetches its fields from the owner. */
export interface NodeRef {
  __typename: string;
  id: string;
}
