import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, CreateAccounts1795000000001, tableNames } from '../test/fixtures.js';
import { checkDatabase } from './database.health.js';
import { DatabaseUnavailableError } from './database-unavailable.exception.js';
import { createDataSource, runMigrations } from './data-source.factory.js';
import { createTestDatabase, type TestDatabase } from './testing/create-test-database.js';
import { isUniqueViolation } from './unique-violation.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

class CreateAudit1795000000002 implements MigrationInterface {
  name = 'CreateAudit1795000000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "spec_audit" ("id" SERIAL PRIMARY KEY)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "spec_audit"`);
  }
}

class BrokenCore1795000000003 implements MigrationInterface {
  name = 'BrokenCore1795000000003';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO "no_such_table" VALUES (1)`);
  }
  async down(): Promise<void> {}
}

describe(`createDataSource on ${kind}`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const options = () => ({ url: db.databaseUrl, dataDir: db.dataDir, entities: [Account], migrations: [CreateAccounts1795000000001] });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource(options());
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.cleanup();
  });

  it('runs the migrations at boot, so the tables exist and repositories work', async () => {
    const tables = await tableNames((sql) => dataSource.query(sql));
    expect(tables).toEqual(expect.arrayContaining(['spec_account', 'tessera_migrations', 'tessera_plugin_migrations']));
    const saved = await dataSource.getRepository(Account).save({ email: 'ada@example.com' });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/); // gen_random_uuid(), no uuid-ossp needed
    expect(await dataSource.getRepository(Account).findOneBy({ email: 'ada@example.com' })).toEqual(saved);
  });

  it('answers like PostgreSQL does: affected counts and the unique-violation code', async () => {
    const accounts = dataSource.getRepository(Account);
    await accounts.insert({ email: 'twice@example.com' });
    const duplicate = await accounts.insert({ email: 'twice@example.com' }).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    expect((await accounts.delete({ email: 'twice@example.com' })).affected).toBe(1);
  });

  it('reports health with the kind of database', async () => {
    expect(await checkDatabase(dataSource)).toMatchObject({ status: 'up', kind });
  });

  it('runs only what is pending: runMigrations applies a new migration once', async () => {
    await dataSource.destroy();
    const withAudit = { ...options(), migrations: [CreateAccounts1795000000001, CreateAudit1795000000002] };
    expect(await runMigrations(withAudit)).toEqual(['CreateAudit1795000000002']);
    expect(await runMigrations(withAudit)).toEqual([]);
    dataSource = await createDataSource(withAudit);
    expect(await dataSource.getRepository(Account).countBy({ email: 'ada@example.com' })).toBe(1);
  });

  it('refuses to boot on a failing migration with one line naming it, and keeps nothing of that run', async () => {
    await dataSource.destroy();
    const failing = createDataSource({ ...options(), migrations: [CreateAccounts1795000000001, CreateAudit1795000000002, class AddOne1795000000004 implements MigrationInterface {
      name = 'AddOne1795000000004';
      async up(queryRunner: QueryRunner) {
        await queryRunner.query(`CREATE TABLE "spec_never" ("id" int)`);
      }
      async down() {}
    }, BrokenCore1795000000003] });
    const error = await failing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as DatabaseUnavailableError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as Error).message).toContain('BrokenCore1795000000003');
    expect((error as Error).message).toContain('no_such_table');
    expect((error as Error).message).not.toContain('\n');

    dataSource = await createDataSource(options());
    expect(await tableNames((sql) => dataSource.query(sql))).not.toContain('spec_never');
  });

  it('reports down once closed', async () => {
    await dataSource.destroy();
    expect(await checkDatabase(dataSource)).toMatchObject({ status: 'down', kind });
  });
});
