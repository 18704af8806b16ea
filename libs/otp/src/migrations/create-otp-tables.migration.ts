import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time codes, TOTP enrolments and recovery codes (tessera_otp_*). */
export class CreateOtpTables1795000000200 implements MigrationInterface {
  name = 'CreateOtpTables1795000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tessera_otp_codes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject" varchar(255) NOT NULL,
        "purpose" varchar(64) NOT NULL,
        "code_hash" char(64) NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "consumed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tessera_otp_codes" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_otp_codes_subject_purpose" UNIQUE ("subject", "purpose")
      )`);
    await queryRunner.query(`
      CREATE TABLE "tessera_otp_totp_enrollments" (
        "subject" varchar(255) NOT NULL,
        "secret_encrypted" text NOT NULL,
        "confirmed_at" timestamptz,
        "last_time_step" bigint,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tessera_otp_totp_enrollments" PRIMARY KEY ("subject")
      )`);
    await queryRunner.query(`
      CREATE TABLE "tessera_otp_recovery_codes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject" varchar(255) NOT NULL,
        "code_hash" char(64) NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tessera_otp_recovery_codes" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_otp_recovery_codes_hash" UNIQUE ("code_hash")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_otp_recovery_codes_subject" ON "tessera_otp_recovery_codes" ("subject")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_otp_recovery_codes"`);
    await queryRunner.query(`DROP TABLE "tessera_otp_totp_enrollments"`);
    await queryRunner.query(`DROP TABLE "tessera_otp_codes"`);
  }
}
