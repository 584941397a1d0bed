import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';
import { Access, Bound, ModelType } from './enums';
import { Quantity } from './quantity.type';

// simpleResolvers: columns and getters are read as properties, without a per-field resolver wrapper (no
// middleware or auth applies to them); entities of every subgraph set it
@ObjectType({ simpleResolvers: true })
@Directive('@key(fields: "id")')
@Entity('models')
export class Model extends PaperRecord {
  @Index()
  @Field()
  @Column('text')
  name: string;

  @Field(() => [String])
  @Column('simple-json')
  aliases: string[];

  @Field(() => ModelType, {
    nullable: true,
    description: 'null where the paper gives no type (most prior-art models)',
  })
  @Column('text', { nullable: true })
  type: ModelType | null;

  @Index()
  @Column('double precision', { nullable: true })
  parametersValue: number | null;

  @Column('text')
  parametersDisplay: string;

  @Column('text')
  parametersBound: Bound;

  @Field(() => Access)
  @Column('text')
  access: Access;

  @Field(() => String, {
    nullable: true,
    description: 'training data as printed, when it is not (only) a Dataset, e.g. 18 B words',
  })
  @Column('text', { nullable: true })
  trainingDataNote: string | null;

  @Field(() => Quantity)
  get parameters(): Quantity {
    return { value: this.parametersValue, display: this.parametersDisplay, bound: this.parametersBound };
  }
}
