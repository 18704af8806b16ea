import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions and their refresh tokens (tessera_auth_*). */
export class CreateAuthTables1795000000100 implements MigrationInterface {
  name = 'CreateAuthTables1795000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tessera_auth_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject_kind" varchar(16) NOT NULL,
        "subject_id" uuid NOT NULL,
        "ip" varchar(64),
        "user_agent" varchar(512),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "revoked_reason" varchar(64),
        CONSTRAINT "PK_tessera_auth_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_tessera_auth_sessions_kind" CHECK ("subject_kind" IN ('admin', 'user'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_auth_sessions_subject" ON "tessera_auth_sessions" ("subject_kind", "subject_id")`);
    await queryRunner.query(`
      CREATE TABLE "tessera_auth_refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "session_id" uuid NOT NULL,
        "token_hash" char(64) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "PK_tessera_auth_refresh_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_auth_refresh_tokens_hash" UNIQUE ("token_hash"),
        CONSTRAINT "FK_tessera_auth_refresh_tokens_session" FOREIGN KEY ("session_id")
          REFERENCES "tessera_auth_sessions" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_auth_refresh_tokens_session" ON "tessera_auth_refresh_tokens" ("session_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_auth_refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "tessera_auth_sessions"`);
  }
}
