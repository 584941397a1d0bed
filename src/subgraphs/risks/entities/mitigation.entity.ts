import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord, shareSlug } from '../../../common/paper-record.base';

@ObjectType({
  simpleResolvers: true,
  description: 'A way the paper gives to reduce a risk (its own paragraph in Section IV, or Section V-B).',
})
@Directive('@key(fields: "id")')
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

// literature resolves it too, from the id, so that the nodes it hands out are more than a bare key
shareSlug(Mitigation);
