import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';
import { Bound } from './enums';

@ObjectType({
  simpleResolvers: true,
  description:
    "One number from a benchmark table: a model's score on a task, on an evaluation dataset, in a metric.",
})
@Directive('@key(fields: "id")')
// (parent, position): a parent's results page in paper order straight off the index, with no sort
@Index(['modelId', 'position'])
@Index(['taskId', 'position'])
@Index(['datasetId', 'position'])
@Index(['metricId', 'position'])
@Entity('results')
export class Result extends PaperRecord {
  @Column('text')
  modelId: string;

  @Column('text')
  taskId: string;

  @Column('text', { nullable: true })
  datasetId: string | null;

  @Column('text')
  metricId: string;

  @Field(() => Float, { description: "in the metric's unit as printed: 94.1 for 94.1%, 0.68 for a TM-score" })
  @Column('double precision')
  value: number;

  @Field()
  @Column('text')
  display: string;

  @Field(() => Bound, { description: 'AT_LEAST where the paper gives a lower bound ("over 80%")' })
  @Column('text')
  bound: Bound;

  @Field(() => String, {
    nullable: true,
    description: 'distinguishes several numbers of one table cell, when the paper gives more than one',
  })
  @Column('text', { nullable: true })
  setting: string | null;
}
