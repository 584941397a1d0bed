import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';

@ObjectType({ simpleResolvers: true })
@Directive('@key(fields: "id")')
@Index(['sectorId', 'position'])
@Entity('tasks')
export class Task extends PaperRecord {
  @Field()
  @Column('text')
  name: string;

  @Column('text')
  sectorId: string;
}
