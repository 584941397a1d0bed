import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (entities cannot declare a tsvector column or a GIN index): searchText's full-text
 * index on PostgreSQL. The seed fills the column (../text-search.ts, with the english configuration its
 * queries use); not a generated column, which TypeORM's schema reader cannot load without its own
 * metadata table. A migration is not edited once released: add one to change this.
 */
export class LiteratureTextSearch1796164463918 implements MigrationInterface {
  name = 'LiteratureTextSearch1796164463918';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "search_texts" ADD "search_document" tsvector');
    await runner.query(
      'CREATE INDEX "IDX_search_texts_document" ON "search_texts" USING GIN ("search_document")',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "IDX_search_texts_document"');
    await runner.query('ALTER TABLE "search_texts" DROP COLUMN "search_document"');
  }
}
