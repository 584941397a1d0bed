import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Private join tables: no GraphQL type of their own.

@Index(['sectorId', 'position'])
@Entity('model_sectors')
export class ModelSector {
  @PrimaryColumn('text')
  modelId: string;

  @PrimaryColumn('text')
  sectorId: string;

  @Column('integer')
  position: number;
}

@Index(['datasetId', 'position'])
@Entity('model_training_data')
export class ModelTrainingData {
  @PrimaryColumn('text')
  modelId: string;

  @PrimaryColumn('text')
  datasetId: string;

  @Column('integer')
  position: number;
}

@Entity('dataset_modalities')
export class DatasetModality {
  @PrimaryColumn('text')
  datasetId: string;

  @Index()
  @PrimaryColumn('text')
  modality: string;
}
