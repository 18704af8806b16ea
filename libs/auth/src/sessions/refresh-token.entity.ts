import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refresh token, stored as the SHA-256 of its 32 random bytes (the token itself is never
 * stored). `usedAt` marks a rotated token: presenting it again is reuse.
 */
@Entity('tessera_auth_refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
