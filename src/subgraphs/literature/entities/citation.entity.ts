import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Node } from './node.interface';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A numbered reference of the paper ([1] to [191]).',
})
@Directive('@key(fields: "id")')
@Entity('citations')
export class Citation implements Node {
  @Field(() => ID)
  @PrimaryColumn('text')
  id: string;

  @Field(() => Int)
  @Index({ unique: true })
  @Column('integer')
  number: number;

  @Field(() => String, {
    nullable: true,
    description: 'what the paper calls the cited work where it names it, e.g. ESMfold',
  })
  @Column('text', { nullable: true })
  label: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'what the paper leaves ambiguous about this reference, if anything',
  })
  @Column('text', { nullable: true })
  notes: string | null;

  @Index()
  @Column('integer')
  position: number;
}
