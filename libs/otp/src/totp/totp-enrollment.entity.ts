import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A subject's TOTP secret (encrypted at rest). Pending until confirmed with a first code;
 * `lastTimeStep` is the last accepted 30 s step, so a code cannot be replayed.
 */
@Entity('tessera_otp_totp_enrollments')
export class TotpEnrollment {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'last_time_step', type: 'bigint', nullable: true })
  lastTimeStep: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
