import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EntityStub, entityStub, EntityStubClass } from '../../../common/entity-stub';
import { Node } from './node.interface';

/** The entity types other subgraphs own; this subgraph knows them by key (node, nodes, search). */
export const FOREIGN_NODE_TYPES = [
  'Sector',
  'Task',
  'Model',
  'Dataset',
  'Metric',
  'Result',
  'Risk',
  'Comparison',
  'Mitigation',
] as const;
export type ForeignNodeType = (typeof FOREIGN_NODE_TYPES)[number];
const SUPPORTED_TYPES = ['Task', 'Model', 'Dataset', 'Metric', 'Result', 'Risk'] as const;
type SupportedType = (typeof SUPPORTED_TYPES)[number];

export type NodeStubClass = EntityStubClass;

/** Stubs of the types a reference can support (Citation.supports, X.citations). */
export const NODE_STUBS = Object.fromEntries(
  SUPPORTED_TYPES.map((t) => [t, entityStub(t, { implements: Node })]),
) as Record<SupportedType, NodeStubClass>;

/** Sectors gain `citations`: those cited in the sector's section, which this subgraph's index holds. */
export const SectorStub = entityStub('Sector', { implements: Node });

/** A node this subgraph adds only its slug to (read from the id): see KEY_ONLY_STUBS. */
function sluggedStub(name: string): EntityStubClass {
  @ObjectType(name, { simpleResolvers: true, implements: Node })
  @Directive('@key(fields: "id")')
  class Stub implements EntityStub {
    @Field(() => ID)
    id: string;

    @Directive('@shareable')
    @Field()
    slug: string;
  }
  return Stub;
}

/**
 * Nodes node(id) and searchText hand out by key. Each has `slug` besides its key: a gateway built on
 * @graphql-tools/federation never merges a type whose only fields in a subgraph are its key, so a
 * bare-key stub could not be followed to its owner. The slug is in the id, so this subgraph shares it.
 */
export const KEY_ONLY_STUBS = {
  Comparison: sluggedStub('Comparison'),
  Mitigation: sluggedStub('Mitigation'),
} as const;
