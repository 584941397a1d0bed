import { DataSource } from 'typeorm';
import { WhereCompiler } from '../../../common/graph/where-compiler';
import { SortKey } from '../../../common/keyset';
import { NestedQuery } from '../../../common/relation-pages';
import { queryNamed } from '../../../common/sqlite-reads';
import { SortDirection } from './enums';
import { Dataset } from './dataset.entity';
import { Model } from './model.entity';
import { NO_SIZE, nameKey, sizeKey } from './model-order';
import { Result } from './result.entity';
import { Task } from './task.entity';

type Direction = SortKey['direction'];

/**
 * One `orderBy` field of a list: its SQL over the row alias, never NULL (a missing value is a sentinel
 * that sorts last in the asked direction, so keyset comparisons stay two-valued), and, when it is a
 * column of the row, its value in a row. A derived key (a count, a score) has none: it is read back for
 * the page's rows, so that a cursor holds exactly what the SQL compared.
 */
interface SortField<T> {
  sql: (alias: string, direction: Direction) => string;
  value?: (row: T, direction: Direction) => unknown;
}

const byName = <T extends { name: string }>(): SortField<T> => ({
  sql: (a) => nameKey(`${a}.name`),
  value: (row) => row.name.toLowerCase(),
});
const quantity = <T>(column: string, of: (row: T) => number | null): SortField<T> => ({
  sql: (a, d) => sizeKey(`${a}."${column}"`, d),
  value: (row, d) => of(row) ?? NO_SIZE[d],
});
/** How many rows of `table` point at the row through `column`: a catalog link or child table. */
const countOf = <T>(table: string, column: string): SortField<T> => ({
  sql: (a) => `(SELECT CAST(COUNT(*) AS INTEGER) FROM ${table} sk WHERE sk."${column}" = ${a}.id)`,
});

export const MODEL_SORT: Record<string, SortField<Model>> = {
  NAME: byName(),
  PARAMETERS: quantity('parametersValue', (m) => m.parametersValue),
  RESULT_COUNT: countOf('results', 'modelId'),
  // citations belong to the literature subgraph: counted on the graph projection
  CITATION_COUNT: {
    sql: (a) => `CAST(${new WhereCompiler('sk').relationCount('Model', 'citations', `${a}.id`)} AS INTEGER)`,
  },
};

export const DATASET_SORT: Record<string, SortField<Dataset>> = {
  NAME: byName(),
  SIZE: quantity('sizeValue', (d) => d.sizeValue),
  USED_TO_TRAIN_COUNT: countOf('model_training_data', 'datasetId'),
};

export const TASK_SORT: Record<string, SortField<Task>> = {
  NAME: byName(),
  RESULT_COUNT: countOf('results', 'taskId'),
};

export const RESULT_SORT: Record<string, SortField<Result>> = {
  VALUE: { sql: (a) => `${a}.value`, value: (r) => r.value },
  // how good the value is on its metric: higher is better once a lower-is-better value is negated
  SCORE: {
    sql: (a, d) =>
      `COALESCE((SELECT CASE WHEN sk."higherIsBetter" THEN ${a}.value ELSE -${a}.value END FROM metrics sk WHERE sk.id = ${a}."metricId"), ${NO_SIZE[d]})`,
  },
};

/** What a list's `orderBy` argument holds. */
export interface OrderInput {
  field: string;
  direction: SortDirection;
}

/** A list's order: its sort keys for a row alias (position last) and each row's key, for its cursor. */
export class ListOrder<T extends { id: string; position: number }> {
  private readonly direction: Direction;
  private readonly field?: SortField<T>;
  private readonly derived = new Map<string, unknown>();

  constructor(
    fields: Record<string, SortField<T>>,
    private readonly input: OrderInput | null | undefined,
  ) {
    this.direction = input?.direction === SortDirection.DESC ? 'DESC' : 'ASC';
    this.field = input ? fields[input.field] : undefined;
  }

  keys(alias: string): SortKey[] {
    const position: SortKey = { expression: `${alias}.position`, direction: 'ASC' };
    if (!this.field) return [position];
    return [{ expression: this.field.sql(alias, this.direction), direction: this.direction }, position];
  }

  /** The row's sort key; a derived one must have been read by readKeys. */
  readonly keyOf = (row: T): unknown[] => {
    if (!this.field) return [row.position];
    const value = this.field.value ? this.field.value(row, this.direction) : this.derived.get(row.id);
    return [value, row.position];
  };

  /** Reads a derived key for a page's rows of `table` (aliased `alias` in the key's SQL): one statement. */
  readKeys(ds: DataSource, table: string, alias: string): ((rows: T[]) => Promise<void>) | undefined {
    const field = this.field;
    if (!field || field.value) return undefined;
    return async (rows) => {
      if (rows.length === 0) return;
      const read = await queryNamed(
        ds,
        `SELECT ${alias}.id AS id, ${field.sql(alias, this.direction)} AS k FROM ${table} ${alias} WHERE ${alias}.id IN (:...ids)`,
        { ids: rows.map((r) => r.id) },
      );
      for (const r of read) this.derived.set(String(r.id), r.k);
    };
  }

  /** The `where` and order of a nested list whose child rows are aliased `c`. */
  nested(where: unknown): NestedQuery {
    return {
      where: where ?? undefined,
      order: this.input ? { name: `${this.input.field} ${this.direction}`, keys: this.keys('c') } : undefined,
    };
  }
}
