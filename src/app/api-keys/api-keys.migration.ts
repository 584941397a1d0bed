import { MigrationInterface, QueryRunner } from 'typeorm';

/** The key store's one table, in SQL both engines read alike. */
export class ApiKeys1796300000000 implements MigrationInterface {
  name = 'ApiKeys1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "api_keys" ("id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "salt" text NOT NULL, "hash" text NOT NULL, "created_at" text NOT NULL, "revoked_at" text, CONSTRAINT "UQ_api_keys_name" UNIQUE ("name"))',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "api_keys"');
  }
}
