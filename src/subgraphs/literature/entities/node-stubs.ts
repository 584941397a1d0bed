import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.interface';

/** The entity types other subgraphs own; this subgraph knows them by key and adds `citations`. */
export const FOREIGN_NODE_TYPES = ['Sector', 'Task', 'Model', 'Dataset', 'Metric', 'Result', 'Risk'] as const;
export type ForeignNodeType = (typeof FOREIGN_NODE_TYPES)[number];
const SUPPORTED_TYPES = ['Task', 'Model', 'Dataset', 'Metric', 'Result', 'Risk'] as const;
type SupportedType = (typeof SUPPORTED_TYPES)[number];

// One key-only class per foreign type; a factory, since the seven differ only in their name.
function nodeStub(name: SupportedType) {
  @ObjectType(name, { implements: Node })
  @Directive('@key(fields: "id")')
  class Stub implements Node {
    @Field(() => ID)
    id: string;
  }
  return Stub;
}

export type NodeStubClass = ReturnType<typeof nodeStub>;

/** Stubs of the types a reference can support (Citation.supports, X.citations). */
export const NODE_STUBS = Object.fromEntries(SUPPORTED_TYPES.map((t) => [t, nodeStub(t)])) as Record<SupportedType, NodeStubClass>;

/** The sector stub also reads the sector's section from the catalog (see SectorCitationsResolver). */
@ObjectType('Sector', { implements: Node })
@Directive('@key(fields: "id")')
export class SectorStub implements Node {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field({ description: 'e.g. III-A' })
  section: string;
}
