import { ExpressionIndex } from '../../../common/database';
import { SortKey } from '../../../common/keyset';
import { ModelSortField, SortDirection } from './enums';
import { ModelOrder } from './filters.input';
import { Model } from './model.entity';

type Direction = SortKey['direction'];

// Unreported sizes sort after every reported one, in both directions.
const NO_SIZE: Record<Direction, number> = { ASC: 1e300, DESC: -1e300 };

// One text per sort expression, used by the query and by its index alike: SQLite uses an expression
// index only for an expression written the same way (the constant's text included).
const nameKey = (column: string) => `LOWER(${column})`;
const sizeKey = (column: string, dir: Direction) => `COALESCE(${column}, ${NO_SIZE[dir]})`;

const POSITION: SortKey = { expression: 'm.position', direction: 'ASC' };

/** The sort keys of `models(orderBy:)` and each row's key in them, for its cursor. */
export function modelOrderKeys(order: ModelOrder | null | undefined): {
  keys: SortKey[];
  keyOf: (m: Model) => unknown[];
} {
  if (!order) return { keys: [POSITION], keyOf: (m) => [m.position] };
  const dir = order.direction === SortDirection.DESC ? 'DESC' : 'ASC';
  if (order.field === ModelSortField.NAME) {
    return {
      keys: [{ expression: nameKey('m.name'), direction: dir }, POSITION],
      keyOf: (m) => [m.name.toLowerCase(), m.position],
    };
  }
  return {
    keys: [{ expression: sizeKey('m.parametersValue', dir), direction: dir }, POSITION],
    keyOf: (m) => [m.parametersValue ?? NO_SIZE[dir], m.position],
  };
}

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
