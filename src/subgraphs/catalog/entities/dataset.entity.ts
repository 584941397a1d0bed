import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { PaperRecord } from '../../../common/paper-record.base';
import { Access, Bound } from './enums';
import { Quantity } from './quantity.type';

@ObjectType({ simpleResolvers: true })
@Directive('@key(fields: "id")')
@Index(['sectorId', 'position'])
@Entity('datasets')
export class Dataset extends PaperRecord {
  @Field()
  @Column('text')
  name: string;

  @Field(() => [String], { description: 'other names the paper or the field uses, e.g. BFD, CPRD' })
  @Column('simple-json')
  aliases: string[];

  @Field(() => String, {
    nullable: true,
    description: 'scale as printed, e.g. 2.1 B protein sequences, 393 B amino acids',
  })
  @Column('text', { nullable: true })
  scale: string | null;

  @Column('double precision', { nullable: true })
  sizeValue: number | null;

  @Column('text')
  sizeDisplay: string;

  @Column('text')
  sizeBound: Bound;

  @Field(() => [String])
  @Column('simple-json')
  modalities: string[];

  @Field(() => String, { nullable: true, description: 'what the paper says it is used for' })
  @Column('text', { nullable: true })
  purpose: string | null;

  @Index()
  @Field(() => Access)
  @Column('text')
  access: Access;

  @Column('text', { nullable: true })
  sectorId: string | null;

  @Field(() => Quantity, {
    description: 'the headline count (sequences, images, patients, ...) when there is one',
  })
  get size(): Quantity {
    return { value: this.sizeValue, display: this.sizeDisplay, bound: this.sizeBound };
  }
}
