import { entityStub, EntityStubClass } from '../../../common/entity-stub';
import { Node } from './node.interface';

/** The entity types other subgraphs own; this subgraph knows them by key and adds `citations`. */
export const FOREIGN_NODE_TYPES = ['Sector', 'Task', 'Model', 'Dataset', 'Metric', 'Result', 'Risk'] as const;
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
