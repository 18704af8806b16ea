import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Task runs (one row per slot, also its claim) and shared task states (tessera_task_*). */
export class CreateSchedulerTables1795000000700 implements MigrationInterface {
  name = 'CreateSchedulerTables1795000000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tessera_task_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "plugin" varchar(100) NOT NULL,
        "task" varchar(200) NOT NULL,
        "slot_at" timestamptz NOT NULL,
        "source" varchar(16) NOT NULL,
        "instance_id" varchar(200) NOT NULL,
        "started_at" timestamptz NOT NULL,
        "ended_at" timestamptz,
        "duration_ms" integer,
        "outcome" varchar(16) NOT NULL,
        "error" text,
        "attempt" integer NOT NULL DEFAULT 1,
        "lease_until" timestamptz,
        CONSTRAINT "PK_tessera_task_runs" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_task_runs_slot" UNIQUE ("plugin", "task", "slot_at"),
        CONSTRAINT "CHK_tessera_task_runs_outcome" CHECK ("outcome" IN ('running', 'success', 'failure', 'timeout', 'skipped')),
        CONSTRAINT "CHK_tessera_task_runs_source" CHECK ("source" IN ('schedule', 'manual', 'boot'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_task_runs_started" ON "tessera_task_runs" ("started_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_task_runs_task_started" ON "tessera_task_runs" ("plugin", "task", "started_at" DESC)`);
    // Takeover sweeps look only at running rows: keep that scan tiny whatever the history size.
    await queryRunner.query(`CREATE INDEX "IDX_tessera_task_runs_running" ON "tessera_task_runs" ("lease_until") WHERE "outcome" = 'running'`);
    await queryRunner.query(`
      CREATE TABLE "tessera_task_states" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "plugin" varchar(100) NOT NULL,
        "task" varchar(200) NOT NULL,
        "paused" boolean NOT NULL DEFAULT false,
        "trigger" jsonb,
        "schedule_version" integer NOT NULL DEFAULT 0,
        "consecutive_failures" integer NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tessera_task_states" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_task_states_task" UNIQUE ("plugin", "task")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_task_states"`);
    await queryRunner.query(`DROP TABLE "tessera_task_runs"`);
  }
}
