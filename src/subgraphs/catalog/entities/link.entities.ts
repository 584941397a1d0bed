import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Private join tables: no GraphQL type of their own.

@Entity('model_sectors')
export class ModelSector {
  @PrimaryColumn('text')
  modelId: string;

  @Index()
  @PrimaryColumn('text')
  sectorId: string;

  @Column('integer')
  position: number;
}

@Entity('model_training_data')
export class ModelTrainingData {
  @PrimaryColumn('text')
  modelId: string;

  @Index()
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
