import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PermissionRule } from '@tessera/sdk';

/** What the kernel keeps of a plugin across restarts: the truth when several instances run. */
@Entity('tessera_plugins')
export class PluginStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 50 })
  version: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Values an admin stored; schema defaults are not copied here. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  config: Record<string, unknown>;

  /** Permission rules in force (the manifest's required ones at first load, then admin changes). */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  granted: PermissionRule[];

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'installed_at', type: 'timestamptz', default: () => 'now()' })
  installedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
