import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePluginState1763700000000 implements MigrationInterface {
  name = 'CreatePluginState1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tessera_plugins" (
        "name" varchar(100) PRIMARY KEY,
        "version" varchar(50) NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "config" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "granted" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "disabled_reason" text,
        "last_error" text,
        "installed_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_plugins"`);
  }
}
