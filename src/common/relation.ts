/**
 * A relation stored in one table: each row links a parent key (`parentColumn`) to a child id
 * (`childColumn`); a link table, or a child table that points at its parent.
 */
export interface Relation {
  table: string;
  parentColumn: string;
  childColumn: string;
}
