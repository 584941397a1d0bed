import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';

@ObjectType({ simpleResolvers: true, description: 'One of the ten risks of Section IV.' })
@Directive('@key(fields: "id")')
@Entity('risks')
export class Risk extends PaperRecord {
  @Field()
  @Column('text')
  name: string;

  @Field()
  @Column('text')
  summary: string;
}
