import { ExpressionIndex } from '../../../common/database';
import { SortKey } from '../../../common/keyset';

type Direction = SortKey['direction'];

// Unreported sizes sort after every reported one, in both directions.
export const NO_SIZE: Record<Direction, number> = { ASC: 1e300, DESC: -1e300 };

// One text per sort expression, used by the query and by its index alike: SQLite uses an expression
// index only for an expression written the same way (the constant's text included).
export const nameKey = (column: string) => `LOWER(${column})`;
export const sizeKey = (column: string, dir: Direction) => `COALESCE(${column}, ${NO_SIZE[dir]})`;

/**
 * One index per ordering of `models(orderBy:)`, in its exact key order, so that a page (first or after a
 * cursor) reads its rows from the index instead of sorting the table. The PostgreSQL store creates the
 * same indexes in ../migrations/order-indexes.migration.ts.
 */
export const MODEL_ORDER_INDEXES: ExpressionIndex[] = [
  { name: 'IDX_models_name_asc', table: 'models', keys: `${nameKey('name')} ASC, position ASC` },
  { name: 'IDX_models_name_desc', table: 'models', keys: `${nameKey('name')} DESC, position ASC` },
  {
    name: 'IDX_models_size_asc',
    table: 'models',
    keys: `${sizeKey('parametersValue', 'ASC')} ASC, position ASC`,
  },
  {
    name: 'IDX_models_size_desc',
    table: 'models',
    keys: `${sizeKey('parametersValue', 'DESC')} DESC, position ASC`,
  },
];
