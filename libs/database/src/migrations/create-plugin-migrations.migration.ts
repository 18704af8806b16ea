import type { MigrationInterface, QueryRunner } from 'typeorm';

/** History of each plugin's own migrations, kept apart from the core history. */
export class CreatePluginMigrations1795297151798 implements MigrationInterface {
  name = 'CreatePluginMigrations1795297151798';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tessera_plugin_migrations" (` +
        `"plugin" character varying(214) NOT NULL, ` +
        `"name" character varying(255) NOT NULL, ` +
        `"run_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), ` +
        `CONSTRAINT "PK_tessera_plugin_migrations" PRIMARY KEY ("plugin", "name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tessera_plugin_migrations"`);
  }
}
