import { DataSource, Logger } from 'typeorm';

/** Counts the SQL statements a store runs, so tests and benchmarks can prove batching. */
export class QueryCounter implements Logger {
  count = 0;
  readonly statements: string[] = [];
  constructor(private readonly keep = false) {}
  logQuery(query: string): void {
    // TypeORM wraps writes in transactions; only real statements count.
    if (/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(query)) return;
    this.count++;
    if (this.keep) this.statements.push(query);
  }
  logQueryError(error: string | Error, query: string): void {
    console.error(`SQL error: ${error instanceof Error ? error.message : error} in ${query.slice(0, 200)}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface Store {
  dataSource: DataSource;
  counter: QueryCounter;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = Function[];

/** Describes a store; nothing is opened until `initialize()` is called (by a main file or a test). */
// Stores are built whole into a new file and renamed into place (see src/data/seed.ts), so the
// default rollback journal is right: a WAL file left beside a replaced store would not match it.
export function defineStore(file: string, entities: EntityList, options: { readonly?: boolean } = {}): Store {
  const counter = new QueryCounter();
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities,
    synchronize: false,
    readonly: options.readonly ?? false,
    logger: counter,
  });
  return { dataSource, counter };
}
