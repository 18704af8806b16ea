import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Admin accounts, roles (with the built-in super_admin) and role assignments (tessera_admin_*, tessera_role*). */
export class CreateAdminTables1795000000300 implements MigrationInterface {
  name = 'CreateAdminTables1795000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tessera_admin_accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" varchar(254) NOT NULL,
        "password_hash" text NOT NULL,
        "display_name" varchar(100),
        "is_active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "last_login_at" timestamptz,
        CONSTRAINT "PK_tessera_admin_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_admin_accounts_email" UNIQUE ("email")
      )`);
    await queryRunner.query(`
      CREATE TABLE "tessera_roles" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" varchar(64) NOT NULL,
        "description" varchar(500),
        "permissions" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "is_system" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tessera_roles" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_roles_name" UNIQUE ("name")
      )`);
    await queryRunner.query(`
      CREATE TABLE "tessera_role_assignments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "role_id" uuid NOT NULL,
        "subject_kind" varchar(16) NOT NULL,
        "subject_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tessera_role_assignments" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_tessera_role_assignments" UNIQUE ("role_id", "subject_kind", "subject_id"),
        CONSTRAINT "CHK_tessera_role_assignments_kind" CHECK ("subject_kind" IN ('admin', 'user')),
        CONSTRAINT "FK_tessera_role_assignments_role" FOREIGN KEY ("role_id") REFERENCES "tessera_roles" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_tessera_role_assignments_subject" ON "tessera_role_assignments" ("subject_kind", "subject_id")`);
    await queryRunner.query(
      `INSERT INTO "tessera_roles" ("name", "description", "permissions", "is_system") VALUES ('super_admin', 'Every permission, including those of plugins installed later.', '["*"]'::jsonb, true)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_role_assignments"`);
    await queryRunner.query(`DROP TABLE "tessera_roles"`);
    await queryRunner.query(`DROP TABLE "tessera_admin_accounts"`);
  }
}
