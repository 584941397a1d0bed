import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Source, sourceOf } from '../../../common/source.type';

@ObjectType({
  simpleResolvers: true,
  description: 'A number the paper gives for a risk, e.g. the energy of training GPT-3.',
})
@Entity('risk_figures')
export class RiskFigure {
  @PrimaryGeneratedColumn()
  rowId: number;

  @Index()
  @Column('text')
  riskId: string;

  @Column('integer')
  position: number;

  @Field()
  @Column('text')
  label: string;

  @Field(() => Float, { nullable: true, description: 'null where the paper gives no number' })
  @Column('double precision', { nullable: true })
  value: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  unit: string | null;

  @Field({ description: 'as printed, e.g. 1287 MWh' })
  @Column('text')
  display: string;

  @Column('text')
  sourceLocation: string;

  @Column('text', { nullable: true })
  sourceQuote: string | null;

  @Field(() => Source)
  get source(): Source {
    return sourceOf(this);
  }
}
