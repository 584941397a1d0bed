import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';

@ObjectType({
  simpleResolvers: true,
  description: 'A way the paper gives to reduce a risk (its own paragraph in Section IV, or Section V-B).',
})
@Index(['riskId', 'position'])
@Entity('mitigations')
export class Mitigation extends PaperRecord {
  @Column('text')
  riskId: string;

  @Field()
  @Column('text')
  name: string;

  @Field()
  @Column('text')
  description: string;
}
