import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';

@ObjectType({ simpleResolvers: true })
@Directive('@key(fields: "id")')
@Entity('metrics')
export class Metric extends PaperRecord {
  @Field()
  @Column('text')
  name: string;

  @Field(() => [String])
  @Column('simple-json')
  aliases: string[];

  @Field()
  @Column('boolean')
  higherIsBetter: boolean;

  @Field(() => String, { nullable: true, description: 'e.g. % or null for unitless scores' })
  @Column('text', { nullable: true })
  unit: string | null;
}
