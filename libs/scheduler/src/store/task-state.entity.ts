import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** What every instance must agree on about a task: paused, the schedule an admin set, its failure streak. */
@Entity('tessera_task_states')
@Unique('UQ_tessera_task_states_task', ['plugin', 'task'])
export class TaskStateRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  plugin: string;

  @Column({ type: 'varchar', length: 200 })
  task: string;

  @Column({ type: 'boolean', default: false })
  paused: boolean;

  @Column({ type: 'jsonb', nullable: true })
  trigger: Record<string, unknown> | null;

  @Column({ name: 'schedule_version', type: 'integer', default: 0 })
  scheduleVersion: number;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
