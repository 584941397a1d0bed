import { MigrationInterface, QueryRunner } from 'typeorm';

/** The graph projection's tables (graph.entities.ts), the same in every subgraph's PostgreSQL store. */
export class GraphProjection1796163325158 implements MigrationInterface {
  name = 'GraphProjection1796163325158';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "graph_nodes" ("id" text NOT NULL, "type" text NOT NULL, "position" integer NOT NULL, "slug" text, "name" text, "section" text, "access" text, "model_type" text, "quantity_value" double precision, "quantity_bound" text, "number" integer, "label" text, "higher_is_better" integer, "value" double precision, "value_bound" text, "setting" text, "improvement" double precision, "relative_improvement" double precision, CONSTRAINT "PK_2a5943b287182cb16fd26aa0aaa" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_graph_nodes_type_slug" ON "graph_nodes"  ("type", "slug") ');
    await runner.query(
      'CREATE INDEX "IDX_graph_nodes_type_position" ON "graph_nodes"  ("type", "position") ',
    );
    await runner.query(
      'CREATE TABLE "graph_edges" ("relation" text NOT NULL, "from_id" text NOT NULL, "to_id" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_6fb91ceb6c82b77a98f02533516" PRIMARY KEY ("relation", "from_id", "to_id"))',
    );
    await runner.query(
      'CREATE INDEX "IDX_graph_edges_to" ON "graph_edges"  ("relation", "to_id", "from_id") ',
    );
    await runner.query(
      'CREATE TABLE "graph_values" ("node_id" text NOT NULL, "field" text NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_0206d89d75a6d8ca432463f9ff1" PRIMARY KEY ("node_id", "field", "value"))',
    );
    await runner.query('CREATE INDEX "IDX_graph_values_field_value" ON "graph_values"  ("field", "value") ');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "IDX_graph_values_field_value"');
    await runner.query('DROP TABLE "graph_values"');
    await runner.query('DROP INDEX "IDX_graph_edges_to"');
    await runner.query('DROP TABLE "graph_edges"');
    await runner.query('DROP INDEX "IDX_graph_nodes_type_position"');
    await runner.query('DROP INDEX "IDX_graph_nodes_type_slug"');
    await runner.query('DROP TABLE "graph_nodes"');
  }
}
