import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Risk } from './risk.entity';

// Private tables: no GraphQL type of their own.

/** A model, dataset or sector the paper names as an example of a risk, by its global id. */
@Entity('risk_examples')
export class RiskExample {
  @PrimaryColumn('text')
  riskId: string;

  @Index()
  @PrimaryColumn('text')
  entityId: string;

  @Column('text')
  entityType: string;

  @Column('integer')
  position: number;

  // Lets `risks` on a model, dataset or sector join the risk in the same statement as its examples.
  @ManyToOne(() => Risk)
  @JoinColumn({ name: 'riskId' })
  risk?: Risk;
}

@Entity('mitigation_citations')
export class MitigationCitation {
  @PrimaryColumn('text')
  mitigationId: string;

  @PrimaryColumn('integer')
  number: number;

  @Column('integer')
  position: number;
}
