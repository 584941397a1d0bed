import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (entities cannot declare expression indexes): one index per ordering of
 * `models(orderBy:)`, matching the sort expressions of ../entities/model-order.ts, so that a page reads its rows
 * in order from an index instead of sorting the table. A migration is not edited once released: change
 * an ordering's expression and add a migration.
 */
export class CatalogOrderIndexes1764400000000 implements MigrationInterface {
  name = 'CatalogOrderIndexes1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX "IDX_models_name_asc" ON "models" (LOWER("name") ASC, "position" ASC)');
    await runner.query(
      'CREATE INDEX "IDX_models_name_desc" ON "models" (LOWER("name") DESC, "position" ASC)',
    );
    await runner.query(
      'CREATE INDEX "IDX_models_size_asc" ON "models" (COALESCE("parametersValue", 1e+300) ASC, "position" ASC)',
    );
    await runner.query(
      'CREATE INDEX "IDX_models_size_desc" ON "models" (COALESCE("parametersValue", -1e+300) DESC, "position" ASC)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of [
      'IDX_models_size_desc',
      'IDX_models_size_asc',
      'IDX_models_name_desc',
      'IDX_models_name_asc',
    ])
      await runner.query(`DROP INDEX "${name}"`);
  }
}
