import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One run of a task for one slot. The unique (plugin, task, slot_at) makes the row the slot's
 * claim: the instance whose insert lands runs it. `lease_until` is renewed while the run goes on;
 * once it lapses another instance takes the run over.
 */
@Entity('tessera_task_runs')
@Unique('UQ_tessera_task_runs_slot', ['plugin', 'task', 'slotAt'])
@Index('IDX_tessera_task_runs_started', ['startedAt'])
export class TaskRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  plugin: string;

  @Column({ type: 'varchar', length: 200 })
  task: string;

  @Column({ name: 'slot_at', type: 'timestamptz' })
  slotAt: Date;

  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ name: 'instance_id', type: 'varchar', length: 200 })
  instanceId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', default: 1 })
  attempt: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;
}
