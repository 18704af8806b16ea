import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `users_accounts` table. Uniqueness is case-insensitive: emails are stored lower-cased
 * (a CHECK keeps it so), usernames get a unique index on `lower(username)`, which also serves
 * logins by username. The list is ordered by `created_at DESC, id DESC`, hence that index.
 */
export class CreateUsersAccounts1796000000100 implements MigrationInterface {
  name = 'CreateUsersAccounts1796000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users_accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" varchar(50) NOT NULL,
        "email" varchar(254) NOT NULL,
        "full_name" varchar(100),
        "password_hash" text NOT NULL,
        "is_active" boolean NOT NULL DEFAULT true,
        "is_admin" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_users_accounts_email_lower" CHECK ("email" = lower("email"))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_accounts_username" ON "users_accounts" (lower("username"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_accounts_email" ON "users_accounts" ("email")`);
    await queryRunner.query(`CREATE INDEX "IDX_users_accounts_created_at" ON "users_accounts" ("created_at" DESC, "id" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users_accounts"`);
  }
}
