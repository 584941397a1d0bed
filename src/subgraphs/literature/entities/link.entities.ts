import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Private tables: no GraphQL type of their own.

/** A reference supports an entity of any subgraph, named by its global id. */
@Entity('supports')
export class Support {
  @PrimaryColumn('text')
  citationId: string;

  @Index()
  @PrimaryColumn('text')
  entityId: string;

  @Column('text')
  entityType: string;

  @Column('integer')
  position: number;
}

/**
 * This subgraph's copy of every entity's key and names, refreshed whenever the owners' data is seeded:
 * node(id) checks existence against it and search ranks over it.
 */
@Entity('entity_index')
export class IndexedEntity {
  @PrimaryColumn('text')
  id: string;

  @Index()
  @Column('text')
  type: string;

  @Column('text')
  name: string;

  /** lowercased name, aliases and labels, one per line */
  @Column('text')
  terms: string;

  /** a sector's section of the paper (e.g. III-A), so that its citations need nothing of the catalog */
  @Column('text', { nullable: true })
  section: string | null;

  @Index()
  @Column('integer')
  position: number;
}
