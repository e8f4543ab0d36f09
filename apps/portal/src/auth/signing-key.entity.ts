import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PublishedKey } from '@yuanlian/auth';

/** The portal's token signing keys; the newest signs, all unretired ones are published in the JWKS. */
@Entity('signing_keys')
export class SigningKey {
  @PrimaryColumn({ type: 'text' }) kid: string;
  @Column({ type: 'text' }) algorithm: string;
  @Column({ name: 'private_key_pem', type: 'text' }) privateKeyPem: string;
  @Column({ name: 'public_jwk', type: 'jsonb' }) publicJwk: PublishedKey;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}
