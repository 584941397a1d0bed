import { MigrationInterface, QueryRunner } from 'typeorm';

/** The curation journal's tables, in SQL both engines read alike. */
export class Curation1796400000000 implements MigrationInterface {
  name = 'Curation1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "curation_proposals" ("id" text PRIMARY KEY NOT NULL, "number" integer NOT NULL, "title" text NOT NULL, "description" text, "author" text NOT NULL, "status" text NOT NULL, "createdAt" text NOT NULL, "decidedAt" text, "decidedBy" text, "decisionReason" text, CONSTRAINT "UQ_curation_proposals_number" UNIQUE ("number"))',
    );
    await q.query('CREATE INDEX "IDX_curation_proposals_status" ON "curation_proposals" ("status")');
    await q.query(
      'CREATE TABLE "curation_changes" ("id" text PRIMARY KEY NOT NULL, "proposalNumber" integer NOT NULL, "position" integer NOT NULL, "op" text NOT NULL, "entityType" text NOT NULL, "entityId" text NOT NULL, "slug" text NOT NULL, "baseVersion" integer NOT NULL, "beforeJson" text, "afterJson" text, "reason" text, "author" text NOT NULL, "createdAt" text NOT NULL, "seq" integer, "appliedAt" text, "approvedBy" text, CONSTRAINT "UQ_curation_changes_seq" UNIQUE ("seq"))',
    );
    await q.query('CREATE INDEX "IDX_curation_changes_proposal" ON "curation_changes" ("proposalNumber")');
    await q.query('CREATE INDEX "IDX_curation_changes_entity" ON "curation_changes" ("entityId")');
    await q.query(
      'CREATE TABLE "curation_reviews" ("id" text PRIMARY KEY NOT NULL, "proposalNumber" integer NOT NULL, "author" text NOT NULL, "verdict" text NOT NULL, "body" text NOT NULL, "createdAt" text NOT NULL)',
    );
    await q.query('CREATE INDEX "IDX_curation_reviews_proposal" ON "curation_reviews" ("proposalNumber")');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['curation_reviews', 'curation_changes', 'curation_proposals'])
      await q.query(`DROP TABLE "${t}"`);
  }
}
