import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A role given to an admin account or to an end user (subject kind + id). */
@Entity('tessera_role_assignments')
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'role_id', type: 'uuid' })
  roleId: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 16 })
  subjectKind: 'admin' | 'user';

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
