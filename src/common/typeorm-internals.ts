import type { Database } from 'better-sqlite3';
import { DataSource, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/*
 * The few parts of TypeORM that are not its public API and that the prepared SQLite reads rely on, kept
 * in this one file. Each checks what it reads and throws naming it, so a TypeORM upgrade that changes one
 * fails loudly (test/common/typeorm-internals.test.ts) instead of reading wrong rows.
 */

const changed = (what: string) =>
  new Error(`TypeORM internals changed: ${what} (src/common/typeorm-internals.ts needs updating)`);

/** The better-sqlite3 connection behind a data source, or null on any other engine or before it opens. */
export function betterSqliteHandle(ds: DataSource): Database | null {
  if (ds.options.type !== 'better-sqlite3' || !ds.isInitialized) return null;
  const db = (ds.driver as unknown as { databaseConnection?: Database }).databaseConnection;
  if (typeof db?.prepare !== 'function') throw changed('the better-sqlite3 driver has no databaseConnection');
  return db;
}

/** The alias and entity a query builder selects when it selects one entity with no joins; null otherwise. */
export function plainEntitySelection<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): { alias: string; metadata: EntityMetadata } | null {
  const map = qb.expressionMap as Partial<typeof qb.expressionMap> | undefined;
  if (!map || !Array.isArray(map.joinAttributes) || !Array.isArray(map.selects))
    throw changed('SelectQueryBuilder.expressionMap has no joinAttributes or selects');
  const { mainAlias, joinAttributes, selects } = map;
  const plain =
    mainAlias?.hasMetadata === true &&
    joinAttributes.length === 0 &&
    selects.length === 1 &&
    selects[0].selection === mainAlias.name;
  return plain ? { alias: mainAlias.name, metadata: mainAlias.metadata } : null;
}

/** The name TypeORM gives a selected column of `alias` in its generated SQL (`m_name` for `m.name`). */
export function selectedColumnName(ds: DataSource, alias: string, column: ColumnMetadata): string {
  return DriverUtils.buildAlias(ds.driver, undefined, alias, column.databaseName);
}

/** Column types SQLite hands over as TypeORM would hydrate them: no conversion, no transformer, no embedding. */
const AS_STORED = new Set<unknown>([
  'text',
  'varchar',
  'integer',
  'int',
  'real',
  'float',
  'double',
  'double precision',
  String,
]);
function isPlain(column: ColumnMetadata): boolean {
  return (
    AS_STORED.has(column.type) &&
    !column.transformer &&
    !column.embeddedMetadata &&
    !(column.isVirtual && column.referencedColumn)
  );
}

/**
 * Builds entities from rows given as arrays, column by column as TypeORM's own reads build them:
 * `names` are the result's column names, `nameOf` the name each entity column has among them.
 */
export function rowHydrator<T>(
  ds: DataSource,
  metadata: EntityMetadata,
  names: string[],
  nameOf: (c: ColumnMetadata) => string,
): (row: unknown[]) => T {
  if (typeof metadata.create !== 'function' || typeof ds.driver.prepareHydratedValue !== 'function')
    throw changed('EntityMetadata.create or Driver.prepareHydratedValue is gone');
  const columns = metadata.columns
    .map((column) => ({
      column,
      index: names.indexOf(nameOf(column)),
      property: isPlain(column) ? column.propertyName : null,
    }))
    .filter((c) => c.index >= 0);
  return (row) => {
    const entity = metadata.create() as ObjectLiteral;
    for (const { column, index, property } of columns) {
      const value = row[index];
      if (value === undefined) continue;
      if (property !== null) entity[property] = value;
      else column.setEntityValue(entity, ds.driver.prepareHydratedValue(value, column));
    }
    return entity as T;
  };
}
