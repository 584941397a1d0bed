import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';

@ObjectType({ simpleResolvers: true })
@Directive('@key(fields: "id")')
@Entity('sectors')
export class Sector extends PaperRecord {
  @Field()
  @Column('text')
  name: string;

  @Field({ description: 'e.g. III-A' })
  @Column('text')
  section: string;

  @Field()
  @Column('text')
  summary: string;
}
