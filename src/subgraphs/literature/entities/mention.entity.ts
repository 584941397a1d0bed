import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ simpleResolvers: true, description: 'One place the paper cites a reference.' })
@Index(['citationId', 'position'])
@Entity('mentions')
export class Mention {
  @PrimaryGeneratedColumn()
  rowId: number;

  @Column('text')
  citationId: string;

  @Column('integer')
  position: number;

  @Field({ description: 'e.g. Section III-A' })
  @Index()
  @Column('text')
  section: string;

  @Field({ description: 'the sentence of the paper in which the reference is cited' })
  @Column('text')
  sentence: string;
}
