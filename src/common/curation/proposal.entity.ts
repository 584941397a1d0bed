import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ProposalStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'OPEN until a reviewer approves (its changes are then applied) or rejects it',
});

/** A change set a curator proposes: its changes apply together, on approval, or not at all. */
// an entity of the catalog: the other subgraphs' writes answer with a ProposalRef the gateway resolves here
@ObjectType({ simpleResolvers: true, description: 'A change set: its changes apply together or not at all.' })
@Directive('@key(fields: "id")')
@Entity('curation_proposals')
export class Proposal {
  @Field(() => ID)
  @PrimaryColumn('text')
  id: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'numbered from 1 in the order proposals were opened' })
  @Index({ unique: true })
  @Column('integer')
  number: number;

  @Field()
  @Column('text')
  title: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description: string | null;

  @Field({ description: "the name of the curator's API key" })
  @Column('text')
  author: string;

  @Field(() => ProposalStatus)
  @Index()
  @Column('text')
  status: ProposalStatus;

  @Field({ description: 'ISO 8601' })
  @Column('text')
  createdAt: string;

  @Field(() => String, { nullable: true, description: 'when it was approved or rejected' })
  @Column('text', { nullable: true })
  decidedAt: string | null;

  @Field(() => String, { nullable: true, description: 'the reviewer who approved or rejected it' })
  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Field(() => String, { nullable: true, description: "the reviewer's reason" })
  @Column('text', { nullable: true })
  decisionReason: string | null;
}
