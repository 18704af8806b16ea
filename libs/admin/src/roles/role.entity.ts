import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A named set of permission strings (`plugins.manage`, `users.*`, `*`). */
@Entity('tessera_roles')
export class Role {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  permissions: string[];

  /** Built in (super_admin): cannot be deleted or changed. */
  @Column({ name: 'is_system', type: 'boolean', default: false })
  isSystem: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
