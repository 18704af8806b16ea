import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Whether an audited change did what was asked. */
export type AuditResult = 'success' | 'failure';

/**
 * One change an admin made (who, what, when, result). Rows are only ever inserted: the
 * trail must show failed attempts too, and nothing in the API edits or deletes them.
 */
@Entity('tessera_audit_log')
@Index('IDX_tessera_audit_log_at', ['at'])
@Index('IDX_tessera_audit_log_target', ['target', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Account id of the admin; null for a change the system made on its own. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Email at the time of the change: it stays readable after the account is deleted. */
  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  /** Dotted verb, such as `plugin.disable` or `plugin.config.update`. */
  @Column({ type: 'varchar', length: 100 })
  action: string;

  /** What was changed, such as `plugin:hello`. */
  @Column({ type: 'varchar', length: 200 })
  target: string;

  /** The request's parameters, secrets masked. */
  @Column({ type: 'jsonb', nullable: true })
  params: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 16 })
  result: AuditResult;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;
}
