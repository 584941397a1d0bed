import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// The graph projection: every store holds a read-only copy of the whole graph's filterable facts, seeded
// from the same data/ as the owners' tables. A `where` on any list compiles to SQL over these three
// tables in the store of the subgraph that serves the list (docs/architecture.md says why).

/** One entity of any type, with the scalar fields a `where` can test (null where the type has none). */
@Entity('graph_nodes')
@Index('IDX_graph_nodes_type_position', ['type', 'position'])
@Index('IDX_graph_nodes_type_slug', ['type', 'slug'])
export class GraphNode {
  /** the global id */
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  type: string;

  /** paper order within the type */
  @Column('integer')
  position: number;

  @Column('text', { nullable: true })
  slug: string | null;

  @Column('text', { nullable: true })
  name: string | null;

  /** a sector's section of the paper, e.g. III-A */
  @Column('text', { nullable: true })
  section: string | null;

  @Column('text', { nullable: true })
  access: string | null;

  /** a model's type (LLM, LVM, LMM) */
  @Column('text', { name: 'model_type', nullable: true })
  modelType: string | null;

  /** a model's parameters or a dataset's size */
  @Column('double precision', { name: 'quantity_value', nullable: true })
  quantityValue: number | null;

  @Column('text', { name: 'quantity_bound', nullable: true })
  quantityBound: string | null;

  /** a citation's reference number */
  @Column('integer', { nullable: true })
  number: number | null;

  /** a citation's label */
  @Column('text', { nullable: true })
  label: string | null;

  /** a metric's direction, 1 or 0 */
  @Column('integer', { name: 'higher_is_better', nullable: true })
  higherIsBetter: number | null;

  /** a result's value */
  @Column('double precision', { nullable: true })
  value: number | null;

  /** a result's bound (EXACT or AT_LEAST) */
  @Column('text', { name: 'value_bound', nullable: true })
  valueBound: string | null;

  @Column('text', { nullable: true })
  setting: string | null;

  /** a comparison's improvement, signed so that positive is better */
  @Column('double precision', { nullable: true })
  improvement: number | null;

  @Column('double precision', { name: 'relative_improvement', nullable: true })
  relativeImprovement: number | null;
}

/**
 * One relation, named by the field that declares it (`Model.trainedOn`), from the declaring side. Both
 * ways are covering indexes (the key, and `to` with `from`): a quantifier joins the other end's node,
 * and SQLite prefers a covering index on the relation alone to one that would have to read the row.
 */
@Entity('graph_edges')
@Index('IDX_graph_edges_to', ['relation', 'toId', 'fromId'])
export class GraphEdge {
  @PrimaryColumn('text')
  relation: string;

  @PrimaryColumn('text', { name: 'from_id' })
  fromId: string;

  @PrimaryColumn('text', { name: 'to_id' })
  toId: string;

  /** the order of the relation's targets on `from`, as the paper lists them */
  @Column('integer')
  position: number;
}

/** A text field with several values: a dataset's modalities, the sections a citation is mentioned in. */
@Entity('graph_values')
@Index('IDX_graph_values_field_value', ['field', 'value'])
export class GraphValue {
  @PrimaryColumn('text', { name: 'node_id' })
  nodeId: string;

  @PrimaryColumn('text')
  field: string;

  @PrimaryColumn('text')
  value: string;
}

export const GRAPH_ENTITIES = [GraphNode, GraphEdge, GraphValue];
