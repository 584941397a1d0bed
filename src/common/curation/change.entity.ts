import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { listSize } from '../federation';

/** The most fields a record of data/ has (a dataset: 12). */
const FIELDS_PER_RECORD = 12;
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ChangeOp {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  RETIRE = 'RETIRE',
}
registerEnumType(ChangeOp, {
  name: 'ChangeOp',
  description: 'RETIRE is a soft delete: the entity leaves the graph, its history stays',
});

@ObjectType({ simpleResolvers: true, description: 'One field of an entity before and after a change.' })
export class FieldChange {
  @Field({ description: 'as in data/, e.g. parameters or trainedOn' })
  field: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'null when the entity did not exist' })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'null when the entity was retired' })
  after: unknown;
}

/**
 * One write of a proposal: an entity's record before and after, in data/'s shape. `seq` is set when its
 * proposal is approved: the order changes were applied in, which `changes(since:)` pages by.
 */
// an entity of the catalog, which owns the journal: the other subgraphs answer with a ChangeRef (a JSON
// scalar in several subgraphs would keep the supergraph from running fused)
@ObjectType({ simpleResolvers: true, description: 'One write of a proposal, with what it changed.' })
@Directive('@key(fields: "id")')
@Entity('curation_changes')
export class Change {
  @Field(() => ID)
  @PrimaryColumn('text')
  id: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'the number of the proposal it is in (proposal(id:) reads it whole)' })
  @Index()
  @Column('integer')
  proposalNumber: number;

  /** its place in the proposal: changes apply in this order */
  @Column('integer')
  position: number;

  @Field(() => ChangeOp)
  @Column('text')
  op: ChangeOp;

  @Field({ description: 'the GraphQL type of the entity, e.g. Model' })
  @Column('text')
  entityType: string;

  @Field(() => ID, { description: 'the global id of the entity (that of a retired entity resolves to null)' })
  @Index()
  @Column('text')
  entityId: string;

  @Field()
  @Column('text')
  slug: string;

  @Field(() => Int, { description: 'the version of the entity the change was made against (0: a new one)' })
  @Column('integer')
  baseVersion: number;

  /** the whole record before (null for a new entity) and after (null once retired), as JSON */
  @Column('text', { nullable: true })
  beforeJson: string | null;

  @Column('text', { nullable: true })
  afterJson: string | null;

  @Field(() => String, { nullable: true, description: "the curator's reason" })
  @Column('text', { nullable: true })
  reason: string | null;

  @Field({ description: "the name of the curator's API key" })
  @Column('text')
  author: string;

  @Field({ description: 'when it was proposed, ISO 8601' })
  @Column('text')
  createdAt: string;

  @Field(() => Int, { nullable: true, description: 'its place in the applied history; null until approved' })
  @Index({ unique: true })
  @Column('integer', { nullable: true })
  seq: number | null;

  @Field(() => String, { nullable: true, description: 'when its proposal was approved, ISO 8601' })
  @Column('text', { nullable: true })
  appliedAt: string | null;

  @Field(() => String, { nullable: true, description: 'the reviewer who approved it' })
  @Column('text', { nullable: true })
  approvedBy: string | null;

  @Directive(listSize(FIELDS_PER_RECORD))
  @Field(() => [FieldChange], { description: 'the fields it changes, in data/ order' })
  get fields(): FieldChange[] {
    const before = (this.beforeJson ? JSON.parse(this.beforeJson) : null) as Record<string, unknown> | null;
    const after = (this.afterJson ? JSON.parse(this.afterJson) : null) as Record<string, unknown> | null;
    const names = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
    return names
      .filter((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after?.[f] ?? null))
      .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }));
  }
}
