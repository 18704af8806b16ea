import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The admin audit trail (tessera_audit_log), read newest first and by target. */
export class CreateAuditLog1795000000310 implements MigrationInterface {
  name = 'CreateAuditLog1795000000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tessera_audit_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor_id" uuid,
        "actor_email" varchar(254),
        "action" varchar(100) NOT NULL,
        "target" varchar(200) NOT NULL,
        "params" jsonb,
        "result" varchar(16) NOT NULL,
        "error_code" varchar(64),
        "error_message" text,
        CONSTRAINT "PK_tessera_audit_log" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_tessera_audit_log_result" CHECK ("result" IN ('success', 'failure'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_audit_log_at" ON "tessera_audit_log" ("at")`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_audit_log_target" ON "tessera_audit_log" ("target", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_audit_log"`);
  }
}
