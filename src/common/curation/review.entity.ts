import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ReviewVerdict {
  COMMENT = 'COMMENT',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ReviewVerdict, { name: 'ReviewVerdict' });

/** A reviewer's comment on a proposal, or the approval or rejection that closed it. */
@ObjectType({
  simpleResolvers: true,
  description: 'A comment on a proposal, or the decision that closed it.',
})
@Entity('curation_reviews')
export class Review {
  @Field(() => ID)
  @PrimaryColumn('text')
  id: string;

  @Index()
  @Column('integer')
  proposalNumber: number;

  @Field({ description: "the name of the reviewer's (or curator's) API key" })
  @Column('text')
  author: string;

  @Field(() => ReviewVerdict)
  @Column('text')
  verdict: ReviewVerdict;

  @Field()
  @Column('text')
  body: string;

  @Field({ description: 'ISO 8601' })
  @Column('text')
  createdAt: string;
}
