import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Facts about the store itself, such as the digest of the data it was seeded from. */
@Entity('store_meta')
export class StoreMeta {
  @PrimaryColumn('text')
  key: string;

  @Column('text')
  value: string;
}

export const DATA_DIGEST_KEY = 'data-digest';
