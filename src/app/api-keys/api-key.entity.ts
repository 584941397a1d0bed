import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Identity } from '../../common/identity';

export type Role = Identity['role'];
export const ROLES: readonly Role[] = ['reader', 'curator', 'reviewer', 'admin'];

/** An API key as stored: its public id, who holds it, and a scrypt hash of its secret (never the secret). */
@Entity('api_keys')
export class ApiKey {
  /** the key's public part, in the key itself: finds its row without scanning */
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { unique: true })
  name!: string;

  @Column('text')
  role!: Role;

  @Column('text')
  salt!: string;

  @Column('text')
  hash!: string;

  @Column('text', { name: 'created_at' })
  createdAt!: string;

  @Column('text', { name: 'revoked_at', nullable: true })
  revokedAt!: string | null;
}
