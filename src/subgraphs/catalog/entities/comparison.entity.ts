import { Directive, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord, shareSlug } from '../../../common/paper-record.base';

@ObjectType({
  simpleResolvers: true,
  description: 'A large AI model against the prior art on the same task, dataset and metric (Table I pairs).',
})
@Directive('@key(fields: "id")')
@Index(['taskId', 'position'])
@Entity('comparisons')
export class Comparison extends PaperRecord {
  @Column('text')
  baselineId: string;

  @Column('text')
  challengerId: string;

  @Column('text')
  taskId: string;

  @Column('text')
  metricId: string;

  @Column('text', { nullable: true })
  datasetId: string | null;
}

// literature resolves it too, from the id, so that the nodes it hands out are more than a bare key
shareSlug(Comparison);
