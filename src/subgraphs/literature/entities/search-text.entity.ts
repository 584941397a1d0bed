import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// A private table: no GraphQL type of its own.

/**
 * One text of the graph (a name, an alias, a summary, a quote, a mention sentence, ...) of one entity,
 * for searchText. SQLite indexes it in the FTS5 table search_texts_fts; PostgreSQL in the tsvector column
 * search_document (both made outside the entity: see ../text-search.ts).
 */
@Entity('search_texts')
export class SearchText {
  /** the FTS5 table's rowid on SQLite */
  @PrimaryColumn('integer')
  rowId: number;

  @Index()
  @Column('text')
  entityId: string;

  @Index()
  @Column('text')
  type: string;

  /** name, alias, summary, description, notes, quote or mention */
  @Column('text')
  field: string;

  @Column('text')
  text: string;

  /** the lowercased name on a name row (null on the others): an exact name match ranks first */
  @Index()
  @Column('text', { nullable: true })
  nameKey: string | null;

  /** the entity's place in paper order, the same on each of its rows: ties and cursors */
  @Column('integer')
  position: number;
}
